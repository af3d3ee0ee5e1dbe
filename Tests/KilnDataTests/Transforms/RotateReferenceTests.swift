import Kiln
import KilnData
import Testing

/// Rotation against torchvision 0.29: images exactly as PIL rotates them, tensors within 1e-6
/// (torchvision's affine grid and grid_sample, float32).
@Suite struct TransformRotateReferenceTests {
    let rgb = TransformFixtures.rgb
    let t = TransformFixtures.rgbTensor

    static let angles: [(Double, String)] = [(30, "30"), (-45, "m45"), (90, "90"), (180, "180"), (137.5, "137p5")]

    @Test(arguments: angles) func imagesLikePIL(angle: Double, name: String) {
        TransformFixtures.expectImage(rotate(rgb, angle: angle, interpolation: .bilinear), equals: "pil_rotate_bilinear_\(name)")
        TransformFixtures.expectImage(rotate(rgb, angle: angle, interpolation: .nearest), equals: "pil_rotate_nearest_\(name)")
    }

    @Test(arguments: angles) func tensorsLikeTorchvision(angle: Double, name: String) {
        TransformFixtures.expectTensor(rotate(t, angle: angle, interpolation: .bilinear), equals: "t_rotate_bilinear_\(name)")
        TransformFixtures.expectTensor(rotate(t, angle: angle, interpolation: .nearest), equals: "t_rotate_nearest_\(name)")
    }

    @Test func fillAndCenter() {
        TransformFixtures.expectImage(rotate(rgb, angle: 30, interpolation: .bilinear, fill: [255, 0, 128]), equals: "pil_rotate_bilinear_30_fill")
        TransformFixtures.expectTensor(rotate(t, angle: 30, interpolation: .bilinear, fill: [0.2, 0.5, 0.8]), equals: "t_rotate_bilinear_30_fill")
        TransformFixtures.expectTensor(rotate(t, angle: 30, interpolation: .bilinear, fill: 0), equals: "t_rotate_bilinear_30_fill0")
        TransformFixtures.expectTensor(rotate(t, angle: 30, interpolation: .nearest, fill: [0.2, 0.5, 0.8]), equals: "t_rotate_nearest_30_fill")
        TransformFixtures.expectImage(rotate(rgb, angle: 30, interpolation: .bilinear, center: (2, 3)), equals: "pil_rotate_bilinear_30_center")
        TransformFixtures.expectTensor(rotate(t, angle: 30, interpolation: .bilinear, center: (2, 3)), equals: "t_rotate_bilinear_30_center")
        TransformFixtures.expectImage(rotate(rgb, angle: -20, interpolation: .nearest, center: (6, 1)), equals: "pil_rotate_nearest_m20_center")
    }

    @Test func greyAndAlpha() {
        TransformFixtures.expectImage(rotate(TransformFixtures.rgba, angle: 30, interpolation: .bilinear), equals: "pil_rotate_bilinear_rgba_30")
        TransformFixtures.expectImage(rotate(TransformFixtures.gray, angle: -60, interpolation: .bilinear, fill: 77),
                                      equals: "pil_rotate_bilinear_gray_m60")
        TransformFixtures.expectTensor(rotate(TransformFixtures.grayTensor, angle: -60, interpolation: .bilinear, fill: 0.3),
                                       equals: "t_rotate_bilinear_gray_m60")
    }
}
