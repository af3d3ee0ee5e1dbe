import Kiln
import KilnData
import Testing

/// Crops, padding and flips against torchvision 0.29 (TransformFixtures): exact on both paths.
@Suite struct TransformGeometryReferenceTests {
    let rgb = TransformFixtures.rgb
    let t = TransformFixtures.rgbTensor

    @Test func cropInsideIsAViewWithTorchvisionsPixels() {
        let c = crop(rgb, top: 1, left: 2, height: 4, width: 5)
        TransformFixtures.expectImage(c, equals: "pil_crop_inside")
        #expect(c.pixels.storage === rgb.pixels.storage)
        // The tensor path picks the same pixels, also as a view.
        let v = crop(t, top: 1, left: 2, height: 4, width: 5)
        #expect(v.storage === t.storage)
        expectSamePixels(v, "pil_crop_inside")
    }

    @Test func cropOutsideFillsZero() {
        TransformFixtures.expectImage(crop(rgb, top: -2, left: 3, height: 5, width: 8), equals: "pil_crop_outside")
        TransformFixtures.expectTensor(crop(t, top: -2, left: 3, height: 5, width: 8), equals: "t_crop_outside", tolerance: 0)
    }

    @Test func centerCropPadsAndRounds() {
        TransformFixtures.expectImage(centerCrop(rgb, size: 5), equals: "pil_center_crop_5x5")
        TransformFixtures.expectImage(centerCrop(rgb, size: [4, 9]), equals: "pil_center_crop_4x9")
        TransformFixtures.expectImage(centerCrop(rgb, size: [10, 12]), equals: "pil_center_crop_10x12")
        TransformFixtures.expectImage(centerCrop(rgb, size: [6, 14]), equals: "pil_center_crop_6x14")
        TransformFixtures.expectTensor(centerCrop(t, size: [10, 12]), equals: "t_center_crop_10x12", tolerance: 0)
        TransformFixtures.expectImage(CenterCrop([10, 12])(rgb), equals: "pil_center_crop_10x12")
    }

    @Test func padModes() {
        TransformFixtures.expectImage(pad(rgb, padding: [2, 1, 3, 0], fill: [10, 20, 30]), equals: "pil_pad_constant")
        TransformFixtures.expectImage(pad(rgb, padding: [2, 1, 3, 0], mode: .edge), equals: "pil_pad_edge")
        TransformFixtures.expectImage(pad(rgb, padding: 3, mode: .reflect), equals: "pil_pad_reflect")
        TransformFixtures.expectImage(pad(rgb, padding: [4, 2], mode: .symmetric), equals: "pil_pad_symmetric")
        TransformFixtures.expectTensor(pad(t, padding: [2, 1, 3, 0], fill: 0.25), equals: "t_pad_constant", tolerance: 0)
        TransformFixtures.expectTensor(pad(t, padding: [2, 1, 3, 0], mode: .edge), equals: "t_pad_edge", tolerance: 0)
        TransformFixtures.expectTensor(pad(t, padding: 3, mode: .reflect), equals: "t_pad_reflect", tolerance: 0)
        TransformFixtures.expectTensor(Pad([4, 2], mode: .symmetric)(t), equals: "t_pad_symmetric", tolerance: 0)
    }

    @Test func flips() {
        TransformFixtures.expectImage(hflip(rgb), equals: "pil_hflip")
        TransformFixtures.expectImage(vflip(rgb), equals: "pil_vflip")
        expectSamePixels(hflip(t), "pil_hflip")
        expectSamePixels(vflip(t), "pil_vflip")
        expectSamePixels(centerCrop(t, size: 5), "pil_center_crop_5x5")
    }
}

/// `tensor` holds exactly the pixels of the uint8 reference image `name`, scaled by 1/255 (the
/// tensor path of a geometric transform must move the same pixels as the PIL path).
func expectSamePixels(_ tensor: Tensor, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let image = TransformFixtures.image(name)
    let expected = image.pixels.permuted([2, 0, 1]).scalars(as: UInt8.self).map { Float($0) / 255 }
    #expect(tensor.shape == [image.channels, image.height, image.width], "\(name): shape", sourceLocation: sourceLocation)
    #expect(tensor.scalars(as: Float.self) == expected, "\(name): pixels", sourceLocation: sourceLocation)
}

/// Crops, padding and flips move samples of any type: 16-bit images and integer tensors.
@Suite struct TransformGeometryDTypeTests {
    @Test func sixteenBitImages() {
        let image = Image(pixels: Tensor([Int32(1), 2, 3, 40000, 50000, 65535], shape: [2, 3, 1]))
        #expect(hflip(image).pixels.scalars(as: Int32.self) == [3, 2, 1, 65535, 50000, 40000])
        #expect(pad(image, padding: [1, 0, 0, 0], fill: 70000).pixels.scalars(as: Int32.self) == [65535, 1, 2, 3, 65535, 40000, 50000, 65535])
        #expect(toTensor(vflip(image)).scalars(as: Float.self) == [40000, 50000, 65535, 1, 2, 3].map { Float($0) / 65535 })
    }

    @Test func integerTensors() {
        let x = Tensor([Int64(1), 2, 3, 4, 5, 6], shape: [1, 2, 3])
        #expect(hflip(x).scalars(as: Int64.self) == [3, 2, 1, 6, 5, 4])
        #expect(pad(x, padding: [0, 1, 0, 0], fill: 9).scalars(as: Int64.self) == [9, 9, 9, 1, 2, 3, 4, 5, 6])
        let bytes = Tensor([UInt8(7), 8], shape: [2, 1, 1])
        #expect(pad(bytes, padding: [1, 0, 0, 0], fill: [1, 2]).scalars(as: UInt8.self) == [1, 7, 2, 8])
        #expect(pad(x.cast(to: .float64), padding: [0, 0, 1, 0], mode: .reflect).scalars(as: Double.self) == [1, 2, 3, 2, 4, 5, 6, 5])
    }
}
