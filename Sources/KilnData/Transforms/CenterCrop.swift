import Kiln

/// Crops the centre of an image to `size` (torchvision's `CenterCrop`); an image smaller than
/// `size` is padded with 0 first. `CenterCrop(24)` is 24 × 24, `CenterCrop([24, 32])` is 24 high.
public struct CenterCrop: DeterministicImageTransform {
    public let size: Size2D

    public init(_ size: Size2D) {
        require(size.h > 0 && size.w > 0, "CenterCrop: size must be positive, got \(size)")
        self.size = size
    }

    public func callAsFunction(_ image: Image) -> Image { centerCrop(image, size: size) }
    public func callAsFunction(_ tensor: Tensor) -> Tensor { centerCrop(tensor, size: size) }
}
