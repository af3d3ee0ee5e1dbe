import Kiln

/// Resizes an image with bilinear interpolation (torchvision's `Resize`): `Resize(32)` makes the
/// shorter side 32 and keeps the aspect ratio; `Resize(height: 32, width: 48)` sets both.
///
/// On a tensor, `antialias` is off by default (PyTorch's plain bilinear `interpolate`; set it for
/// torchvision's default, which widens the filter when shrinking). On an `Image` the result is
/// PIL's bilinear resize, which always antialiases (torchvision ignores `antialias` for PIL too).
public struct Resize: DeterministicImageTransform {
    /// The requested output size.
    public enum Size: Sendable, Equatable {
        /// The shorter side, optionally capping the longer one.
        case shorterSide(Int, maxSize: Int?)
        case exact(height: Int, width: Int)
    }

    public let size: Size
    public let antialias: Bool

    public init(_ shorterSide: Int, maxSize: Int? = nil, antialias: Bool = false) {
        require(shorterSide > 0, "Resize: size must be positive, got \(shorterSide)")
        size = .shorterSide(shorterSide, maxSize: maxSize)
        self.antialias = antialias
    }

    public init(height: Int, width: Int, antialias: Bool = false) {
        require(height > 0 && width > 0, "Resize: size must be positive, got \(height) × \(width)")
        size = .exact(height: height, width: width)
        self.antialias = antialias
    }

    public func callAsFunction(_ image: Image) -> Image {
        switch size {
        case let .shorterSide(side, maxSize): resize(image, shorterSide: side, maxSize: maxSize)
        case let .exact(height, width): resize(image, height: height, width: width)
        }
    }

    public func callAsFunction(_ tensor: Tensor) -> Tensor {
        switch size {
        case let .shorterSide(side, maxSize): resize(tensor, shorterSide: side, maxSize: maxSize, antialias: antialias)
        case let .exact(height, width): resize(tensor, height: height, width: width, antialias: antialias)
        }
    }
}
