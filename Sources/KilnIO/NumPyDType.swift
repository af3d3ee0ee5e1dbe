import Kiln

/// A `descr` string of the `.npy` header (`<f4`, `|b1`, `>i8`, …) read as a Kiln dtype and a byte
/// order.
struct NumPyDType: Equatable {
    let dtype: DType
    /// Whether the elements are stored big-endian (`>`), so each must be byte-swapped.
    let isBigEndian: Bool

    /// The `descr` Kiln writes for `dtype`: little-endian, as NumPy writes on every common
    /// platform. bfloat16 has no NumPy dtype; it is written as float32, which holds it exactly.
    static func descr(for dtype: DType) -> String {
        switch dtype {
        case .bool: "|b1"
        case .uint8: "|u1"
        case .int32: "<i4"
        case .int64: "<i8"
        case .float16: "<f2"
        case .float32, .bfloat16: "<f4"
        case .float64: "<f8"
        }
    }

    /// The descrs Kiln reads, for messages.
    static let supported = "|b1, |u1, <i4, <i8, <f2, <f4, <f8 (and their big-endian forms >i4, >f4, …)"

    /// Why a `descr` cannot be read.
    enum Problem: Error {
        case object
        case unsupported(String)
    }

    /// Parses a simple (non-structured) `descr`. `=` means native order, which is little-endian on
    /// every platform Kiln runs on.
    init(descr: String) throws(Problem) {
        var rest = Substring(descr)
        var order: Character = "="
        if let first = rest.first, "<>|=".contains(first) {
            order = first
            rest = rest.dropFirst()
        }
        guard let kind = rest.first else { throw .unsupported("the dtype descr '\(descr)' is empty") }
        let sizeText = rest.dropFirst()
        if kind == "O" { throw .object }
        guard let size = Int(sizeText), size > 0, size <= 64 else {
            throw .unsupported("dtype '\(descr)' is not a simple NumPy dtype Kiln reads; Kiln reads \(Self.supported)")
        }
        let dtype: DType? = switch (kind, size) {
        case ("b", 1): .bool
        case ("u", 1): .uint8
        case ("i", 4): .int32
        case ("i", 8): .int64
        case ("f", 2): .float16
        case ("f", 4): .float32
        case ("f", 8): .float64
        default: nil
        }
        guard let dtype else {
            throw .unsupported("dtype '\(descr)' (\(Self.numpyName(kind, size))) is valid NumPy but not a Kiln dtype; "
                               + "Kiln reads \(Self.supported)\(Self.advice(kind, size))")
        }
        self.dtype = dtype
        isBigEndian = order == ">" && size > 1
    }

    /// NumPy's name of a dtype, for messages (`int16`, `complex64`, `<U5` strings, …).
    private static func numpyName(_ kind: Character, _ size: Int) -> String {
        switch kind {
        case "i": "int\(size * 8)"
        case "u": "uint\(size * 8)"
        case "f": "float\(size * 8)"
        case "c": "complex\(size * 8)"
        case "b": "bool of \(size) bytes"
        case "U": "unicode string"
        case "S", "a": "byte string"
        case "V": "void/raw bytes"
        case "M": "datetime64"
        case "m": "timedelta64"
        default: "kind '\(kind)'"
        }
    }

    /// What to convert to in NumPy before saving, when a Kiln dtype holds the values exactly.
    private static func advice(_ kind: Character, _ size: Int) -> String {
        switch (kind, size) {
        case ("i", 1), ("i", 2), ("u", 2): "; convert it with a.astype(np.int32) before saving"
        case ("u", 4): "; convert it with a.astype(np.int64) before saving"
        case ("u", 8): "; convert it with a.astype(np.int64) (if the values fit) before saving"
        case ("f", _): "; convert it with a.astype(np.float64) before saving"
        default: ""
        }
    }
}
