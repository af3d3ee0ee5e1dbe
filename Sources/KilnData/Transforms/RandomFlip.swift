import Kiln

/// Mirrors an image left to right with probability `p` (torchvision's `RandomHorizontalFlip`).
/// Draws one number per call; an image that is not flipped comes back unchanged (not copied).
public struct RandomHorizontalFlip: ImageTransform {
    public let p: Double

    public init(p: Double = 0.5) {
        require(p >= 0 && p <= 1, "RandomHorizontalFlip: p must be in [0, 1], got \(p)")
        self.p = p
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        generator.unitUniform() < p ? hflip(image) : image
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        generator.unitUniform() < p ? hflip(tensor) : tensor
    }
}

/// Mirrors an image top to bottom with probability `p` (torchvision's `RandomVerticalFlip`).
public struct RandomVerticalFlip: ImageTransform {
    public let p: Double

    public init(p: Double = 0.5) {
        require(p >= 0 && p <= 1, "RandomVerticalFlip: p must be in [0, 1], got \(p)")
        self.p = p
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        generator.unitUniform() < p ? vflip(image) : image
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        generator.unitUniform() < p ? vflip(tensor) : tensor
    }
}
