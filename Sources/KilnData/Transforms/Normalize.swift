import Kiln

/// (x − mean[c]) / std[c] for every channel c of a `[channels, height, width]` float tensor
/// (torchvision's `normalize`). As in torchvision, the statistics are first converted to the
/// tensor's dtype and the subtraction and division are done in it (a division, not a multiply by
/// the reciprocal). One value applies to every channel.
public func normalize(_ tensor: Tensor, mean: [Double], std: [Double]) -> Tensor {
    Normalize(mean: mean, std: std)(tensor)
}

/// Normalises each channel with a mean and standard deviation, like torchvision's `Normalize`:
/// `Normalize(mean: [0.485, 0.456, 0.406], std: [0.229, 0.224, 0.225])`. Takes float32 or float64
/// tensors `[channels, height, width]`; returns a new tensor.
public struct Normalize: DeterministicTransform {
    public typealias Input = Tensor
    public typealias Output = Tensor

    public let mean: [Double]
    public let std: [Double]
    private let mean32: [Float]
    private let std32: [Float]

    public init(mean: [Double], std: [Double]) {
        require(!mean.isEmpty && mean.count == std.count,
                      "Normalize: mean and std need the same number of values (one per channel), got \(mean.count) and \(std.count)")
        self.mean = mean
        self.std = std
        mean32 = mean.map { Float($0) }
        std32 = std.map { Float($0) }
        require(!std32.contains(0), "Normalize: std \(std) has a zero (in float32), which would divide by zero")
    }

    /// One normalised float32 value of channel `c`.
    @inline(__always)
    func apply(_ x: Float, channel c: Int) -> Float {
        let i = mean32.count == 1 ? 0 : c
        return (x - mean32[i]) / std32[i]
    }

    func checkChannels(_ channels: Int) {
        require(mean.count == 1 || mean.count == channels,
                      "Normalize: \(mean.count) means and stds for an image of \(channels) channels")
    }

    public func callAsFunction(_ tensor: Tensor) -> Tensor {
        let s = tensor.chwGrid("Normalize")
        checkChannels(s.channels)
        switch tensor.dtype {
        case .float32:
            return Tensor.makeCHW(channels: s.channels, height: s.height, width: s.width, dtype: .float32, as: Float.self) { out, d in
                tensor.withFirstElement(as: Float.self) { input in
                    for c in 0..<s.channels {
                        let i = mean32.count == 1 ? 0 : c
                        let m = mean32[i], sd = std32[i]
                        convertPlane(input + c * s.channelStride, s, into: out + c * d.channelStride, d) { ($0 - m) / sd }
                    }
                }
            }
        case .float64:
            return Tensor.makeCHW(channels: s.channels, height: s.height, width: s.width, dtype: .float64, as: Double.self) { out, d in
                tensor.withFirstElement(as: Double.self) { input in
                    for c in 0..<s.channels {
                        let i = mean.count == 1 ? 0 : c
                        let m = mean[i], sd = std[i]
                        convertPlane(input + c * s.channelStride, s, into: out + c * d.channelStride, d) { ($0 - m) / sd }
                    }
                }
            }
        default:
            require(false, "Normalize: expects a float32 or float64 tensor, got \(tensor.dtype) (use ToTensor first)")
            return tensor
        }
    }
}
