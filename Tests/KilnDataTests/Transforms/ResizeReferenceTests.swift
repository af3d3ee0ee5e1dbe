import Kiln
import KilnData
import Testing

/// Resizing against torchvision 0.29: images exactly as PIL resizes them (fixed point), tensors
/// within 1e-6 of PyTorch's bilinear interpolation (antialias off and on).
@Suite struct TransformResizeReferenceTests {
    let rgb = TransformFixtures.rgb
    let t = TransformFixtures.rgbTensor

    @Test func imagesLikePIL() {
        TransformFixtures.expectImage(resize(rgb, height: 4, width: 5), equals: "pil_resize_4x5")
        TransformFixtures.expectImage(resize(rgb, height: 12, width: 17), equals: "pil_resize_12x17")
        TransformFixtures.expectImage(resize(rgb, height: 3, width: 20), equals: "pil_resize_3x20")
        TransformFixtures.expectImage(resize(rgb, shorterSide: 5), equals: "pil_resize_short5")
        TransformFixtures.expectImage(resize(TransformFixtures.gray, height: 5, width: 4), equals: "pil_resize_gray_5x4")
        TransformFixtures.expectImage(Resize(height: 4, width: 6)(TransformFixtures.rgba), equals: "pil_resize_rgba_4x6")
    }

    @Test func tensorsWithoutAntialias() {
        TransformFixtures.expectTensor(resize(t, height: 4, width: 5), equals: "t_resize_4x5_noaa")
        TransformFixtures.expectTensor(resize(t, height: 12, width: 17), equals: "t_resize_12x17_noaa")
        TransformFixtures.expectTensor(resize(t, height: 3, width: 20), equals: "t_resize_3x20_noaa")
        TransformFixtures.expectTensor(Resize(5)(t), equals: "t_resize_short5_noaa")
        TransformFixtures.expectTensor(resize(t, height: 70, width: 90), equals: "t_resize_70x90_noaa")
    }

    @Test func tensorsWithAntialias() {
        TransformFixtures.expectTensor(resize(t, height: 4, width: 5, antialias: true), equals: "t_resize_4x5_aa")
        TransformFixtures.expectTensor(resize(t, height: 12, width: 17, antialias: true), equals: "t_resize_12x17_aa")
        TransformFixtures.expectTensor(resize(t, height: 3, width: 20, antialias: true), equals: "t_resize_3x20_aa")
        TransformFixtures.expectTensor(Resize(5, antialias: true)(t), equals: "t_resize_short5_aa")
    }

    @Test func cropThenResize() {
        TransformFixtures.expectImage(resizedCrop(rgb, top: 1, left: 2, height: 5, width: 6, size: 8), equals: "pil_resized_crop")
        TransformFixtures.expectTensor(resizedCrop(t, top: 1, left: 2, height: 5, width: 6, size: 8), equals: "t_resized_crop_noaa")
        TransformFixtures.expectTensor(resizedCrop(t, top: 1, left: 2, height: 5, width: 6, size: 3, antialias: true),
                                       equals: "t_resized_crop_aa")
    }

    @Test func outputSizeForOneSide() {
        let tall = Tensor.zeros([1, 30, 20]), wide = Tensor.zeros([1, 20, 30])
        #expect(resize(tall, shorterSide: 10).shape == [1, 15, 10])
        #expect(resize(wide, shorterSide: 10).shape == [1, 10, 15])
        #expect(resize(wide, shorterSide: 7).shape == [1, 7, 10])  // int(7 * 30 / 20) = 10
        #expect(resize(wide, shorterSide: 10, maxSize: 12).shape == [1, 8, 12])  // int(12 * 10 / 15) = 8
        #expect(resize(t, height: 7, width: 9).storage === t.storage)
    }
}
