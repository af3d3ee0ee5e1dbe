import Kiln

/// Pads the borders of an image (torchvision's `Pad`).
public struct Pad: DeterministicImageTransform {
    public let padding: Padding
    public let fill: Fill
    public let mode: PaddingMode

    public init(_ padding: Padding, fill: Fill = 0, mode: PaddingMode = .constant) {
        self.padding = padding
        self.fill = fill
        self.mode = mode
    }

    public func callAsFunction(_ image: Image) -> Image { pad(image, padding: padding, fill: fill, mode: mode) }
    public func callAsFunction(_ tensor: Tensor) -> Tensor { pad(tensor, padding: padding, fill: fill, mode: mode) }
}
