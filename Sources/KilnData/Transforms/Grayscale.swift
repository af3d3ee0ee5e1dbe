import Kiln

/// Converts an image to grey (torchvision's `Grayscale`), as 1 channel or 3 equal ones. On an
/// `Image` it is PIL's ITU-R 601-2 luma in integers (weights 0.299, 0.587, 0.114, rounded); on a
/// float tensor torchvision's float32 formula 0.2989 R + 0.587 G + 0.114 B.
public struct Grayscale: DeterministicImageTransform {
    public let numOutputChannels: Int

    public init(numOutputChannels: Int = 1) {
        require(numOutputChannels == 1 || numOutputChannels == 3,
                      "Grayscale: numOutputChannels must be 1 or 3, got \(numOutputChannels)")
        self.numOutputChannels = numOutputChannels
    }

    public func callAsFunction(_ image: Image) -> Image { rgbToGrayscale(image, numOutputChannels: numOutputChannels) }
    public func callAsFunction(_ tensor: Tensor) -> Tensor { rgbToGrayscale(tensor, numOutputChannels: numOutputChannels) }
}
