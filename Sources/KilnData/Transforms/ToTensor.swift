import Kiln

/// An image as the CHW float32 tensor models take, samples scaled to [0, 1] (torchvision's
/// `ToTensor`/`to_tensor`): uint8 samples divided by 255, 16-bit samples (an int32 `Image`) by
/// 65535 (torchvision's v1 `ToTensor` leaves those unscaled; v2's `ToDtype(scale: True)` scales).
public func toTensor(_ image: Image) -> Tensor {
    ToTensor()(image)
}

/// Converts an `Image` (HWC, uint8) to a CHW float32 tensor in [0, 1], like torchvision's
/// `ToTensor`. Inside `Compose`, a `Normalize` right after it is fused into this one pass (a
/// lookup table per channel holds each of the 256 possible results, computed with the same
/// float32 operations as the two steps apart, so the values are identical).
public struct ToTensor: DeterministicTransform {
    public typealias Input = Image
    public typealias Output = Tensor

    /// The normalisations fused in, applied in order.
    public private(set) var normalizations: [Normalize] = []
    /// Per normalisation channel, the 256 outputs for uint8 samples (empty without normalisation).
    private var table: [Float] = []

    public init() {}

    /// This conversion followed by `normalize`, in one pass.
    public func normalizing(_ normalize: Normalize) -> ToTensor {
        var fused = self
        fused.normalizations.append(normalize)
        let channels = fused.normalizations.map(\.mean.count).max() ?? 1
        fused.table = (0..<channels).flatMap { c in
            (0..<256).map { v in fused.normalizations.reduce(ToTensor.unitTable[v]) { $1.apply($0, channel: c) } }
        }
        return fused
    }

    public func callAsFunction(_ image: Image) -> Tensor {
        let (h, w, channels) = (image.height, image.width, image.channels)
        for n in normalizations { n.checkChannels(channels) }
        if image.pixels.dtype == .uint8 {
            let tableChannels = normalizations.isEmpty ? 0 : table.count / 256
            return Tensor.makeCHW(channels: channels, height: h, width: w, dtype: .float32, as: Float.self) { out, d in
                image.withSamples(as: UInt8.self) { input, s in
                    let lookup: [Float] = normalizations.isEmpty ? ToTensor.unitTable : table
                    lookup.withUnsafeBufferPointer { t in
                        for c in 0..<channels {
                            let channelTable = t.baseAddress! + (tableChannels > 1 ? c * 256 : 0)
                            convertPlane(input + c * s.channelStride, s, into: out + c * d.channelStride, d) { channelTable[Int($0)] }
                        }
                    }
                }
            }
        }
        return Tensor.makeCHW(channels: channels, height: h, width: w, dtype: .float32, as: Float.self) { out, d in
            image.withSamples(as: Int32.self) { input, s in
                for c in 0..<channels {
                    convertPlane(input + c * s.channelStride, s, into: out + c * d.channelStride, d) { v in
                        normalizations.reduce(Float(v) / 65535) { $1.apply($0, channel: c) }
                    }
                }
            }
        }
    }

    /// v / 255 in float32 for every uint8 value (the division torchvision does, not a reciprocal
    /// multiply, so every value is the correctly rounded quotient).
    static let unitTable: [Float] = (0..<256).map { Float($0) / 255 }
}

/// Writes `convert(sample)` for one channel plane, from any layout into any layout.
@inline(__always)
func convertPlane<S, D>(_ input: UnsafePointer<S>, _ s: PixelGrid, into out: UnsafeMutablePointer<D>, _ d: PixelGrid,
                        _ convert: (S) -> D) {
    for y in 0..<d.height {
        let inRow = input + y * s.rowStride, outRow = out + y * d.rowStride
        if s.columnStride == 1 && d.columnStride == 1 {
            for x in 0..<d.width { outRow[x] = convert(inRow[x]) }
        } else {
            for x in 0..<d.width { outRow[x * d.columnStride] = convert(inRow[x * s.columnStride]) }
        }
    }
}
