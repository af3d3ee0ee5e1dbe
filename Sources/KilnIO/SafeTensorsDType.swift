import Kiln

/// The dtypes of the safetensors format (`enum Dtype` in the reference `tensor.rs`), in that
/// enum's order: the reference writer lays tensors out by this order, descending, then by name.
enum SafeTensorsDType: String, CaseIterable {
    case BOOL, F4, F6_E2M3, F6_E3M2, U8, I8, F8_E5M2, F8_E4M3, F8_E8M0, F8_E4M3FNUZ, F8_E5M2FNUZ
    case I16, U16, F16, BF16, I32, U32, F32, C64, F64, I64, U64

    /// Bits per element (sub-byte types exist: F4, F6).
    var bitSize: Int {
        switch self {
        case .F4: 4
        case .F6_E2M3, .F6_E3M2: 6
        case .BOOL, .U8, .I8, .F8_E5M2, .F8_E4M3, .F8_E8M0, .F8_E4M3FNUZ, .F8_E5M2FNUZ: 8
        case .I16, .U16, .F16, .BF16: 16
        case .I32, .U32, .F32: 32
        case .C64, .F64, .I64, .U64: 64
        }
    }

    /// Position in the reference enum, the primary key of the writer's tensor order.
    var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The Kiln dtype with the same element layout, nil for dtypes Kiln does not have.
    var kilnDType: DType? {
        switch self {
        case .BOOL: .bool
        case .U8: .uint8
        case .I32: .int32
        case .I64: .int64
        case .F16: .float16
        case .BF16: .bfloat16
        case .F32: .float32
        case .F64: .float64
        default: nil
        }
    }

    init(_ dtype: DType) {
        switch dtype {
        case .bool: self = .BOOL
        case .uint8: self = .U8
        case .int32: self = .I32
        case .int64: self = .I64
        case .float16: self = .F16
        case .bfloat16: self = .BF16
        case .float32: self = .F32
        case .float64: self = .F64
        }
    }

    /// The safetensors names of the dtypes Kiln reads and writes, for messages.
    static var supportedNames: String {
        allCases.filter { $0.kilnDType != nil }.map(\.rawValue).joined(separator: ", ")
    }
}
