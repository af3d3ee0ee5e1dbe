import Kiln

/// Rotates an image by an angle drawn uniformly from `degrees` (torchvision's `RandomRotation`):
/// `RandomRotation(15)` draws from −15…15 degrees, `RandomRotation(0...90)` from that range. The
/// image keeps its size; uncovered corners get `fill`. As in torchvision, the interpolation
/// defaults to nearest; pass `.bilinear` for smooth results. (torchvision's `expand`, which grows
/// the output to hold the whole rotated image, is not supported.)
public struct RandomRotation: ImageTransform {
    public let degrees: ClosedRange<Double>
    public let interpolation: InterpolationMode
    public let center: (x: Double, y: Double)?
    public let fill: Fill

    public init(_ degrees: Double, interpolation: InterpolationMode = .nearest, center: (x: Double, y: Double)? = nil, fill: Fill = 0) {
        require(degrees >= 0, "RandomRotation: degrees must be non-negative when one number, got \(degrees)")
        self.init(-degrees...degrees, interpolation: interpolation, center: center, fill: fill)
    }

    public init(_ degrees: ClosedRange<Double>, interpolation: InterpolationMode = .nearest, center: (x: Double, y: Double)? = nil,
                fill: Fill = 0) {
        self.degrees = degrees
        self.interpolation = interpolation
        self.center = center
        self.fill = fill
    }

    /// torchvision's `RandomRotation.get_params`: an angle drawn uniformly from `degrees`.
    public static func parameters(degrees: ClosedRange<Double>, using generator: inout RandomGenerator) -> Double {
        generator.uniform(from: degrees.lowerBound, to: degrees.upperBound)
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        rotate(image, angle: Self.parameters(degrees: degrees, using: &generator), interpolation: interpolation, center: center, fill: fill)
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        rotate(tensor, angle: Self.parameters(degrees: degrees, using: &generator), interpolation: interpolation, center: center, fill: fill)
    }
}
