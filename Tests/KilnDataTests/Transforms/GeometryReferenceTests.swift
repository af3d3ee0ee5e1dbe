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
