import Foundation
import Kiln

/// Crops a random region of random area and aspect ratio and resizes it to `size`
/// (torchvision's `RandomResizedCrop`, the usual ImageNet augmentation). The region covers a
/// fraction of the image area drawn uniformly from `scale`, with an aspect ratio (width / height)
/// drawn log-uniformly from `ratio`; after 10 draws that do not fit, it falls back to a central
/// crop clamped to `ratio`. Resizing is bilinear, as `Resize` (on a tensor `antialias` defaults to
/// off here, where torchvision's default is on).
public struct RandomResizedCrop: ImageTransform {
    public let size: Size2D
    public let scale: ClosedRange<Double>
    public let ratio: ClosedRange<Double>
    public let antialias: Bool

    public init(_ size: Size2D, scale: ClosedRange<Double> = 0.08...1.0, ratio: ClosedRange<Double> = (3.0 / 4.0)...(4.0 / 3.0),
                antialias: Bool = false) {
        require(size.h > 0 && size.w > 0, "RandomResizedCrop: size must be positive, got \(size)")
        require(scale.lowerBound >= 0 && ratio.lowerBound > 0,
                      "RandomResizedCrop: scale \(scale) must be non-negative and ratio \(ratio) positive")
        self.size = size
        self.scale = scale
        self.ratio = ratio
        self.antialias = antialias
    }

    /// torchvision's `RandomResizedCrop.get_params`: the crop box for an image `height` × `width`.
    public static func parameters(height: Int, width: Int, scale: ClosedRange<Double>, ratio: ClosedRange<Double>,
                                  using generator: inout RandomGenerator) -> (top: Int, left: Int, height: Int, width: Int) {
        let area = Double(height * width)
        let logRatio = (Foundation.log(ratio.lowerBound), Foundation.log(ratio.upperBound))
        for _ in 0..<10 {
            let targetArea = area * generator.uniform(from: scale.lowerBound, to: scale.upperBound)
            let aspect = Foundation.exp(generator.uniform(from: logRatio.0, to: logRatio.1))
            let w = Int((targetArea * aspect).squareRoot().rounded(.toNearestOrEven))
            let h = Int((targetArea / aspect).squareRoot().rounded(.toNearestOrEven))
            if w > 0 && w <= width && h > 0 && h <= height {
                let top = generator.integer(in: 0...(height - h))
                let left = generator.integer(in: 0...(width - w))
                return (top, left, h, w)
            }
        }
        // Central crop with the aspect ratio clamped to `ratio`.
        let inRatio = Double(width) / Double(height)
        var w = width, h = height
        if inRatio < ratio.lowerBound {
            h = Int((Double(w) / ratio.lowerBound).rounded(.toNearestOrEven))
        } else if inRatio > ratio.upperBound {
            w = Int((Double(h) * ratio.upperBound).rounded(.toNearestOrEven))
        }
        return ((height - h) / 2, (width - w) / 2, h, w)
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        let box = Self.parameters(height: image.height, width: image.width, scale: scale, ratio: ratio, using: &generator)
        return resizedCrop(image, top: box.top, left: box.left, height: box.height, width: box.width, size: size)
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        let g = tensor.chwGrid("RandomResizedCrop")
        let box = Self.parameters(height: g.height, width: g.width, scale: scale, ratio: ratio, using: &generator)
        return resizedCrop(tensor, top: box.top, left: box.left, height: box.height, width: box.width, size: size, antialias: antialias)
    }
}
