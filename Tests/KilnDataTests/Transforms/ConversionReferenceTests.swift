import Kiln
import KilnData
import Testing

/// ToTensor and Normalize against torchvision 0.29: exact (the same float32 operations).
@Suite struct TransformConversionReferenceTests {
    @Test func toTensorDividesBy255() {
        TransformFixtures.expectTensor(toTensor(TransformFixtures.rgb), equals: "t_rgb", tolerance: 0)
        TransformFixtures.expectTensor(toTensor(TransformFixtures.gray), equals: "t_gray", tolerance: 0)
        TransformFixtures.expectTensor(ToTensor()(TransformFixtures.rgba), equals: "t_rgba", tolerance: 0)
    }

    @Test func toTensorReadsViews() {
        // A crop view and an HWC view with a channel stride go through the strided reads.
        let view = crop(TransformFixtures.rgb, top: 1, left: 2, height: 4, width: 5)
        #expect(toTensor(view).scalars(as: Float.self) == crop(TransformFixtures.rgbTensor, top: 1, left: 2, height: 4, width: 5).scalars(as: Float.self))
    }

    @Test func sixteenBitImagesScaleBy65535() {
        let image = Image(pixels: Tensor([Int32(0), 65535, 32768, 1], shape: [2, 2, 1]))
        #expect(toTensor(image).scalars(as: Float.self) == [0, 1, Float(32768) / 65535, Float(1) / 65535])
    }

    @Test func normalizeChannels() {
        let mean = [0.485, 0.456, 0.406], std = [0.229, 0.224, 0.225]
        TransformFixtures.expectTensor(normalize(TransformFixtures.rgbTensor, mean: mean, std: std),
                                       equals: "t_normalize_rgb", tolerance: 0)
        TransformFixtures.expectTensor(Normalize(mean: [0.2860], std: [0.3530])(TransformFixtures.grayTensor),
                                       equals: "t_normalize_gray", tolerance: 0)
    }

    @Test func fusedToTensorNormalizeIsExact() {
        let fused = Compose { ToTensor(); Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225]) }
        #expect(type(of: fused.body) == ToTensor.self)
        TransformFixtures.expectTensor(fused(TransformFixtures.rgb), equals: "t_normalize_rgb", tolerance: 0)
        let gray = Compose { ToTensor(); Normalize(mean: [0.2860], std: [0.3530]) }
        TransformFixtures.expectTensor(gray(TransformFixtures.gray), equals: "t_normalize_gray", tolerance: 0)
        // Two normalisations fused equal the two applied one after the other.
        let twice = Compose { ToTensor(); Normalize(mean: [0.5], std: [0.25]); Normalize(mean: [0.1, 0.2, 0.3], std: [2, 3, 4]) }
        let apart = Normalize(mean: [0.1, 0.2, 0.3], std: [2, 3, 4])(Normalize(mean: [0.5], std: [0.25])(toTensor(TransformFixtures.rgb)))
        #expect(twice(TransformFixtures.rgb).scalars(as: Float.self) == apart.scalars(as: Float.self))
    }

    @Test func normalizeFloat64() {
        let x = TransformFixtures.rgbTensor.cast(to: .float64)
        let y = normalize(x, mean: [0.5], std: [0.25])
        #expect(y.dtype == .float64)
        #expect(y.scalars(as: Double.self) == x.scalars(as: Double.self).map { ($0 - 0.5) / 0.25 })
    }
}
