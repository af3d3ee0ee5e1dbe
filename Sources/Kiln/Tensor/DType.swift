/// The element type of a tensor, a runtime value as in PyTorch: files, ONNX graphs and requests
/// name it at run time.
public enum DType: String, Sendable, CaseIterable, CustomStringConvertible {
    case float32, float64, float16, bfloat16, int64, int32, uint8, bool

    /// Bytes per element.
    public var byteSize: Int {
        switch self {
        case .float64, .int64: 8
        case .float32, .int32: 4
        case .float16, .bfloat16: 2
        case .uint8, .bool: 1
        }
    }

    public var isFloatingPoint: Bool {
        switch self {
        case .float32, .float64, .float16, .bfloat16: true
        default: false
        }
    }

    /// Half-precision types are stored as such but computed in float32, as PyTorch's CPU kernels do.
    var isHalf: Bool { self == .float16 || self == .bfloat16 }

    /// The dtype kernels compute in: half types widen to float32.
    var computeType: DType { isHalf ? .float32 : self }

    public var description: String { rawValue }

    /// PyTorch's promotion of two tensor dtypes: bool < integers < floating point; the wider wins.
    public func promoted(with other: DType) -> DType {
        if self == other { return self }
        func rank(_ d: DType) -> Int {
            switch d {
            case .bool: 0
            case .uint8: 1
            case .int32: 2
            case .int64: 3
            case .float16, .bfloat16: 4
            case .float32: 5
            case .float64: 6
            }
        }
        // float16 with bfloat16 has no exact common half type; PyTorch picks float32.
        if isHalf && other.isHalf { return .float32 }
        // uint8 with a signed integer: PyTorch keeps the signed one (int32/int64).
        return rank(self) >= rank(other) ? self : other
    }
}
