// Elementwise comparisons (result: bool tensors) and logic on bool tensors. The pointwise
// operators follow Swift's SIMD spelling (`.==`, `.<`, `.&`), since `==` on tensors would have to
// return a single Bool.

struct EqualFunction: ComparisonFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> Bool { a == b }
}
struct NotEqualFunction: ComparisonFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> Bool { a != b }
}
struct LessFunction: ComparisonFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> Bool { a < b }
}
struct LessEqualFunction: ComparisonFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> Bool { a <= b }
}

struct LogicalAnd: ElementZip {
    @inline(__always) func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a && b }
}
struct LogicalOr: ElementZip {
    @inline(__always) func callAsFunction(_ a: Bool, _ b: Bool) -> Bool { a || b }
}
struct LogicalNot: ElementMap {
    @inline(__always) func callAsFunction(_ x: Bool) -> Bool { !x }
}
struct IsFinite<T: BinaryFloatingPoint>: ElementMap {
    @inline(__always) func callAsFunction(_ x: T) -> Bool { x.isFinite }
}

extension Tensor {
    static func compare<F: ComparisonFunction>(_ op: String, _ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        let type = a.dtype.promoted(with: b.dtype)
        return comparing(a.cast(to: type), b.cast(to: type), shape: shape, as: type, f)
    }

    public static func .== (a: Tensor, b: Tensor) -> Tensor { compare("eq", a, b, EqualFunction()) }
    public static func .!= (a: Tensor, b: Tensor) -> Tensor { compare("ne", a, b, NotEqualFunction()) }
    public static func .< (a: Tensor, b: Tensor) -> Tensor { compare("lt", a, b, LessFunction()) }
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { compare("le", a, b, LessEqualFunction()) }
    public static func .> (a: Tensor, b: Tensor) -> Tensor { compare("gt", b, a, LessFunction()) }
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { compare("ge", b, a, LessEqualFunction()) }

    public static func .== (a: Tensor, b: Double) -> Tensor { a .== scalarOperand(b, for: a) }
    public static func .!= (a: Tensor, b: Double) -> Tensor { a .!= scalarOperand(b, for: a) }
    public static func .< (a: Tensor, b: Double) -> Tensor { a .< scalarOperand(b, for: a) }
    public static func .<= (a: Tensor, b: Double) -> Tensor { a .<= scalarOperand(b, for: a) }
    public static func .> (a: Tensor, b: Double) -> Tensor { a .> scalarOperand(b, for: a) }
    public static func .>= (a: Tensor, b: Double) -> Tensor { a .>= scalarOperand(b, for: a) }

    /// Elementwise logical and of the truth values (non-zero is true).
    public static func .& (a: Tensor, b: Tensor) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: "logicalAnd")
        return ElementwiseKernels.zip(a.cast(to: .bool), b.cast(to: .bool), shape: shape, to: .bool, LogicalAnd())
    }

    /// Elementwise logical or of the truth values.
    public static func .| (a: Tensor, b: Tensor) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: "logicalOr")
        return ElementwiseKernels.zip(a.cast(to: .bool), b.cast(to: .bool), shape: shape, to: .bool, LogicalOr())
    }

    /// Elementwise logical not of the truth values.
    public static prefix func .! (a: Tensor) -> Tensor {
        ElementwiseKernels.map(a.cast(to: .bool), to: .bool, LogicalNot())
    }

    /// True where the element is neither infinite nor NaN (always true for integers).
    public func isFinite() -> Tensor {
        switch dtype {
        case .float32: ElementwiseKernels.map(self, to: .bool, IsFinite<Float>())
        case .float64: ElementwiseKernels.map(self, to: .bool, IsFinite<Double>())
        case .float16, .bfloat16: cast(to: .float32).isFinite()
        default: Tensor.full(shape, 1, dtype: .bool)
        }
    }

    /// True where the element is NaN.
    public func isNaN() -> Tensor { self .!= self }
}
