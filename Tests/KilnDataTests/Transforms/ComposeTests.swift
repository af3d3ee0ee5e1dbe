import Kiln
import KilnData
import Testing

/// The builder types a pipeline from its statements and fuses the common neighbours.
@Suite struct TransformComposeTests {
    @Test func builderInfersImageTypesAndFuses() {
        let augment = Compose {
            RandomCrop(28, padding: 4)
            RandomHorizontalFlip()
            ToTensor()
            Normalize(mean: [0.2860], std: [0.3530])
        }
        // Crop + flip became one pass on the image, ToTensor + Normalize one pass to the tensor.
        #expect(type(of: augment.body) == Chain<Applied<RandomCrop, Image>, ToTensor>.self)
        #expect(augment.body.first.base.horizontalFlips == [0.5])
        #expect(augment.body.second.normalizations.count == 1)
        let image = Image(pixels: Tensor([UInt8](repeating: 7, count: 28 * 28), shape: [28, 28, 1]))
        var g = RandomGenerator(seed: 1)
        let x = augment(image, using: &g)
        #expect(x.shape == [1, 28, 28] && x.dtype == .float32)
    }

    @Test func imageTransformsAfterToTensorRunOnTheTensor() {
        let pipeline = Compose { ToTensor(); RandomCrop(4); ColorJitter(brightness: 0.2) }
        #expect(type(of: pipeline.body) == Chain<Chain<ToTensor, Applied<RandomCrop, Tensor>>, Applied<ColorJitter, Tensor>>.self)
        let imagesOnly = Compose { Resize(8); CenterCrop(6) }
        #expect(type(of: imagesOnly.body) == ImageChain<Resize, CenterCrop>.self)
    }
}
