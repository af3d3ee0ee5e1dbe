import Kiln

/// A decoded image as file decoders produce it and PIL-style augmentations read it: pixels laid
/// out [height, width, channels] (HWC, like a PIL image seen through NumPy), one of 1 (grey),
/// 2 (grey + alpha), 3 (RGB) or 4 (RGBA) channels. Samples are uint8, or int32 holding 0…65535
/// for 16-bit PNGs. `ToTensor` turns an image into the CHW float tensor models take.
public struct Image: Sendable {
    public let pixels: Tensor

    public init(pixels: Tensor) {
        precondition(pixels.rank == 3 && (1...4).contains(pixels.shape[2]) && (pixels.dtype == .uint8 || pixels.dtype == .int32),
                     "Image: pixels must be [height, width, 1…4] uint8 (or int32 for 16-bit samples), got \(pixels.dtype) \(pixels.shape)")
        self.pixels = pixels
    }

    public var height: Int { pixels.shape[0] }
    public var width: Int { pixels.shape[1] }
    public var channels: Int { pixels.shape[2] }
}
