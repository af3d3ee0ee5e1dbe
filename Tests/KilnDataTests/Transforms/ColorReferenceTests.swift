import Kiln
import KilnData
import Testing

/// Grey conversion and colour adjustments against torchvision 0.29: images exactly as its PIL path
/// makes them, tensors within 1e-6 of its tensor path.
@Suite struct TransformColorReferenceTests {
    let rgb = TransformFixtures.rgb
    let t = TransformFixtures.rgbTensor

    @Test func grayscale() {
        TransformFixtures.expectImage(rgbToGrayscale(rgb), equals: "pil_grayscale_1")
        TransformFixtures.expectImage(Grayscale(numOutputChannels: 3)(rgb), equals: "pil_grayscale_3")
        TransformFixtures.expectImage(rgbToGrayscale(TransformFixtures.rgba), equals: "pil_grayscale_rgba")
        TransformFixtures.expectImage(rgbToGrayscale(rgb), equals: "pil_gray")
        TransformFixtures.expectTensor(rgbToGrayscale(t), equals: "t_grayscale_1")
        TransformFixtures.expectTensor(Grayscale(numOutputChannels: 3)(t), equals: "t_grayscale_3")
    }

    static let factors: [(Double, String)] = [(0, "0p0"), (0.5, "0p5"), (1.7, "1p7")]

    @Test(arguments: factors) func enhanceImages(factor: Double, name: String) {
        TransformFixtures.expectImage(adjustBrightness(rgb, factor: factor), equals: "pil_brightness_\(name)")
        TransformFixtures.expectImage(adjustContrast(rgb, factor: factor), equals: "pil_contrast_\(name)")
        TransformFixtures.expectImage(adjustSaturation(rgb, factor: factor), equals: "pil_saturation_\(name)")
    }

    @Test(arguments: factors) func enhanceTensors(factor: Double, name: String) {
        TransformFixtures.expectTensor(adjustBrightness(t, factor: factor), equals: "t_brightness_\(name)")
        TransformFixtures.expectTensor(adjustContrast(t, factor: factor), equals: "t_contrast_\(name)")
        TransformFixtures.expectTensor(adjustSaturation(t, factor: factor), equals: "t_saturation_\(name)")
    }

    @Test func enhanceGreyAndAlpha() {
        TransformFixtures.expectImage(adjustContrast(TransformFixtures.gray, factor: 1.3), equals: "pil_contrast_gray_1p3")
        TransformFixtures.expectTensor(adjustContrast(TransformFixtures.grayTensor, factor: 1.3), equals: "t_contrast_gray_1p3")
        TransformFixtures.expectImage(adjustBrightness(TransformFixtures.rgba, factor: 0.6), equals: "pil_brightness_rgba_0p6")
        TransformFixtures.expectImage(adjustContrast(TransformFixtures.rgba, factor: 0.6), equals: "pil_contrast_rgba_0p6")
        TransformFixtures.expectImage(adjustSaturation(TransformFixtures.rgba, factor: 0.6), equals: "pil_saturation_rgba_0p6")
    }

    static let hues: [(Double, String)] = [(0.2, "0p2"), (-0.35, "m0p35"), (0.5, "0p5"), (-0.5, "m0p5"), (0.01, "0p01")]

    @Test(arguments: hues) func hue(factor: Double, name: String) {
        TransformFixtures.expectImage(adjustHue(rgb, factor: factor), equals: "pil_hue_\(name)")
        TransformFixtures.expectTensor(adjustHue(t, factor: factor), equals: "t_hue_\(name)")
    }

    @Test(arguments: [(0.13, "0p13"), (-0.41, "m0p41")]) func hueOnManyColours(factor: Double, name: String) {
        let cube = TransformFixtures.image("pil_cube")
        TransformFixtures.expectImage(adjustHue(cube, factor: factor), equals: "pil_hue_cube_\(name)")
        TransformFixtures.expectTensor(adjustHue(toTensor(cube), factor: factor), equals: "t_hue_cube_\(name)")
    }

    @Test func greyImagesKeepTheirHueAndSaturation() {
        #expect(adjustHue(TransformFixtures.gray, factor: 0.3).pixels.scalars(as: UInt8.self) == TransformFixtures.gray.pixels.scalars(as: UInt8.self))
        #expect(adjustHue(TransformFixtures.grayTensor, factor: 0.3).scalars(as: Float.self) == TransformFixtures.grayTensor.scalars(as: Float.self))
        #expect(adjustSaturation(TransformFixtures.gray, factor: 0.3).pixels.scalars(as: UInt8.self) == TransformFixtures.gray.pixels.scalars(as: UInt8.self))
    }
}
