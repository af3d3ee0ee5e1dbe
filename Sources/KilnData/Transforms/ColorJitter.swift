import Kiln

/// Randomly changes brightness, contrast, saturation and hue (torchvision's `ColorJitter`).
///
/// `brightness: 0.4` draws the factor uniformly from [0.6, 1.4] (a range can be given instead);
/// contrast and saturation alike; `hue: 0.1` draws the shift from [−0.1, 0.1]. Zero leaves an
/// adjustment out. Each call draws a random order of the four adjustments, then the factors,
/// and applies them in that order, as torchvision does. On an `Image` the adjustments are PIL's
/// (`ImageEnhance`, uint8 HSV), on a float tensor torchvision's tensor formulas.
public struct ColorJitter: ImageTransform {
    public let brightness: ClosedRange<Double>?
    public let contrast: ClosedRange<Double>?
    public let saturation: ClosedRange<Double>?
    public let hue: ClosedRange<Double>?

    /// The factors for one call, as torchvision's `get_params` returns them: `order` lists the
    /// adjustments (0 brightness, 1 contrast, 2 saturation, 3 hue); nil factors are left out.
    public struct Parameters: Sendable, Equatable {
        public var order: [Int]
        public var brightness: Double?
        public var contrast: Double?
        public var saturation: Double?
        public var hue: Double?
    }

    public init(brightness: Double = 0, contrast: Double = 0, saturation: Double = 0, hue: Double = 0) {
        self.init(brightness: Self.factorRange(brightness, "brightness"), contrast: Self.factorRange(contrast, "contrast"),
                  saturation: Self.factorRange(saturation, "saturation"), hue: Self.hueRange(hue))
    }

    /// Explicit ranges (nil, or a single point at 1 (0 for hue), leaves an adjustment out).
    public init(brightness: ClosedRange<Double>?, contrast: ClosedRange<Double>? = nil,
                saturation: ClosedRange<Double>? = nil, hue: ClosedRange<Double>? = nil) {
        for (name, range) in [("brightness", brightness), ("contrast", contrast), ("saturation", saturation)] {
            require(range.map { $0.lowerBound >= 0 } ?? true, "ColorJitter: \(name) range \(range!) must be non-negative")
        }
        require(hue.map { $0.lowerBound >= -0.5 && $0.upperBound <= 0.5 } ?? true,
                      "ColorJitter: hue range \(hue!) must lie in [-0.5, 0.5]")
        self.brightness = brightness.flatMap { $0 == 1...1 ? nil : $0 }
        self.contrast = contrast.flatMap { $0 == 1...1 ? nil : $0 }
        self.saturation = saturation.flatMap { $0 == 1...1 ? nil : $0 }
        self.hue = hue.flatMap { $0 == 0...0 ? nil : $0 }
    }

    /// torchvision's `_check_input` for a single brightness/contrast/saturation value.
    private static func factorRange(_ value: Double, _ name: String) -> ClosedRange<Double>? {
        require(value >= 0, "ColorJitter: \(name) must be non-negative, got \(value)")
        return Swift.max(1 - value, 0)...(1 + value)
    }

    private static func hueRange(_ value: Double) -> ClosedRange<Double>? {
        require(value >= 0 && value <= 0.5, "ColorJitter: hue must be in [0, 0.5], got \(value)")
        return -value...value
    }

    /// torchvision's `ColorJitter.get_params`: a random order, then a factor per adjustment.
    public static func parameters(brightness: ClosedRange<Double>?, contrast: ClosedRange<Double>?,
                                  saturation: ClosedRange<Double>?, hue: ClosedRange<Double>?,
                                  using generator: inout RandomGenerator) -> Parameters {
        var order = [0, 1, 2, 3]
        generator.shuffle(&order)
        func draw(_ range: ClosedRange<Double>?) -> Double? {
            range.map { generator.uniform(from: $0.lowerBound, to: $0.upperBound) }
        }
        let b = draw(brightness), c = draw(contrast), s = draw(saturation), h = draw(hue)
        return Parameters(order: order, brightness: b, contrast: c, saturation: s, hue: h)
    }

    public func parameters(using generator: inout RandomGenerator) -> Parameters {
        Self.parameters(brightness: brightness, contrast: contrast, saturation: saturation, hue: hue, using: &generator)
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        let p = parameters(using: &generator)
        var x = image
        for step in p.order {
            switch step {
            case 0: if let f = p.brightness { x = adjustBrightness(x, factor: f) }
            case 1: if let f = p.contrast { x = adjustContrast(x, factor: f) }
            case 2: if let f = p.saturation { x = adjustSaturation(x, factor: f) }
            default: if let f = p.hue { x = adjustHue(x, factor: f) }
            }
        }
        return x
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        let p = parameters(using: &generator)
        var x = tensor
        for step in p.order {
            switch step {
            case 0: if let f = p.brightness { x = adjustBrightness(x, factor: f) }
            case 1: if let f = p.contrast { x = adjustContrast(x, factor: f) }
            case 2: if let f = p.saturation { x = adjustSaturation(x, factor: f) }
            default: if let f = p.hue { x = adjustHue(x, factor: f) }
            }
        }
        return x
    }
}
