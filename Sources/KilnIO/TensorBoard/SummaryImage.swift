#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Kiln

/// Turns an image tensor into the PNG-encoded image TensorBoard's image plugin shows, as
/// `torch.utils.tensorboard.summary.image` does: the axes moved to [height, width, channels], one
/// grey channel repeated to RGB, uint8 samples kept, any other dtype taken as [0, 1] and scaled
/// by 255 in float32, clipped to 0…255 and truncated to uint8.
enum SummaryImage {
    static func make(tag: String, image: Tensor, dataFormats: ImageDataFormat) -> Tensorboard_Summary.Image {
        let name = "addImage(\"\(tag)\")"
        let expectedRank = dataFormats == .hw ? 2 : 3
        require(image.rank == expectedRank, "\(name): a \(dataFormats.rawValue) image has \(expectedRank) axes, got shape \(image.shape)")
        let hwc: Tensor = switch dataFormats {
        case .chw: image.permuted([1, 2, 0])
        case .hwc: image
        case .hw: image.reshaped(image.shape + [1])
        }
        let height = hwc.shape[0], width = hwc.shape[1], channels = hwc.shape[2]
        require([1, 3, 4].contains(channels),
                "\(name): an image has 1 (grey), 3 (RGB) or 4 (RGBA) channels, got \(channels) in \(dataFormats.rawValue) shape \(image.shape)"
                + (dataFormats == .chw ? " (pass dataFormats: .hwc for [height, width, channels] pixels)" : ""))
        require(height > 0 && width > 0, "\(name): the image is empty (shape \(image.shape))")
        let samples: [UInt8] = image.dtype == .uint8 ? hwc.scalars(as: UInt8.self) : hwc.scalars(as: Float.self).map(Self.toByte)
        let outChannels = channels == 1 ? 3 : channels
        let pixels: [UInt8]
        if channels == 1 {
            pixels = samples.flatMap { [$0, $0, $0] }
        } else {
            pixels = samples
        }
        let encoded = PNGWriter.encode(pixels: Tensor(pixels, shape: [height, width, outChannels]))
        var proto = Tensorboard_Summary.Image()
        proto.height = Int32(clamping: height)
        proto.width = Int32(clamping: width)
        proto.colorspace = Int32(outChannels)
        proto.encodedImageString = Data(encoded)
        return proto
    }

    /// PyTorch's `(x.astype(float32) * 255).clip(0, 255).astype(uint8)`; NaN becomes 0.
    static func toByte(_ value: Float) -> UInt8 {
        let scaled = value * 255
        guard scaled > 0 else { return 0 }
        return scaled >= 255 ? 255 : UInt8(scaled)
    }
}
