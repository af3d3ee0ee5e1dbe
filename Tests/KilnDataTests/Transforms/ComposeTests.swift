import Kiln
import KilnData
import Testing

@Suite struct TransformComposeTests {
    @Test func builderInfersImageTypes() {
        let augment = Compose {
            RandomCrop(28, padding: 4)
            RandomHorizontalFlip()
            ToTensor()
            Normalize(mean: [0.2860], std: [0.3530])
        }
        let image = Image(pixels: Tensor([UInt8](repeating: 7, count: 28 * 28), shape: [28, 28, 1]))
        var g = RandomGenerator(seed: 1)
        let x = augment(image, using: &g)
        #expect(x.shape == [1, 28, 28])
        print(type(of: augment))
    }
}
