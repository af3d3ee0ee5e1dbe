/// Element functions that ops hand to the generic kernels. Each is a small struct with a generic
/// `callAsFunction`, so one definition serves every dtype and is specialised (and inlined) per dtype.
protocol FloatUnaryFunction {
    func callAsFunction<T: FloatElement>(_ x: T) -> T
    /// Whether the eight-lane float32 form below is a real vector implementation.
    static var isVectorized: Bool { get }
    /// The function on eight float32 lanes (`VectorMath`); by default lane by lane.
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float>
}

extension FloatUnaryFunction {
    static var isVectorized: Bool { false }
    func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> {
        var y = x
        for i in 0..<8 { y[i] = self(x[i]) }
        return y
    }
}

protocol NumericUnaryFunction {
    func callAsFunction<T: NumericElement>(_ x: T) -> T
}

protocol NumericBinaryFunction {
    func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T
}

protocol FloatBinaryFunction {
    func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T
}

protocol ComparisonFunction {
    func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> Bool
}

// Adapters that run the element functions above in the generic kernels, per element type.
struct FloatMap<F: FloatUnaryFunction, T: FloatElement>: ElementMap {
    let f: F
    @inline(__always) func callAsFunction(_ x: T) -> T { f(x) }
}
struct NumericMap<F: NumericUnaryFunction, T: NumericElement>: ElementMap {
    let f: F
    @inline(__always) func callAsFunction(_ x: T) -> T { f(x) }
}
struct NumericZip<F: NumericBinaryFunction, T: NumericElement>: ElementZip {
    let f: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { f(a, b) }
}
struct FloatZip<F: FloatBinaryFunction, T: FloatElement>: ElementZip {
    let f: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> T { f(a, b) }
}
struct CompareZip<F: ComparisonFunction, T: NumericElement>: ElementZip {
    let f: F
    @inline(__always) func callAsFunction(_ a: T, _ b: T) -> Bool { f(a, b) }
}

/// Visits the Swift type of a dtype, so generic code runs specialised for it.
protocol ElementVisitor {
    associatedtype Output
    func visit<T: TensorElement>(_ type: T.Type) -> Output
}

extension DType {
    func visit<V: ElementVisitor>(_ visitor: V) -> V.Output {
        switch self {
        case .float32: visitor.visit(Float.self)
        case .float64: visitor.visit(Double.self)
        case .float16: visitor.visit(Float16.self)
        case .bfloat16: visitor.visit(BFloat16.self)
        case .int64: visitor.visit(Int64.self)
        case .int32: visitor.visit(Int32.self)
        case .uint8: visitor.visit(UInt8.self)
        case .bool: visitor.visit(Bool.self)
        }
    }
}

extension Tensor {
    /// Floating-point math: integers and bools become float32 (as in PyTorch); half types compute
    /// in float32 and round back.
    func applying<F: FloatUnaryFunction>(_ f: F) -> Tensor {
        switch dtype {
        case .float32 where F.isVectorized && isContiguous: ElementwiseKernels.mapVectorized(self, f)
        case .float32: ElementwiseKernels.map(self, to: .float32, FloatMap<F, Float>(f: f))
        case .float64: ElementwiseKernels.map(self, to: .float64, FloatMap<F, Double>(f: f))
        case .float16, .bfloat16: cast(to: .float32).applying(f).cast(to: dtype)
        default: cast(to: .float32).applying(f)
        }
    }

    /// Arithmetic that keeps the dtype; bools compute as uint8 (PyTorch promotes them likewise).
    func applying<F: NumericUnaryFunction>(_ f: F) -> Tensor {
        switch dtype {
        case .float32: ElementwiseKernels.map(self, to: .float32, NumericMap<F, Float>(f: f))
        case .float64: ElementwiseKernels.map(self, to: .float64, NumericMap<F, Double>(f: f))
        case .int64: ElementwiseKernels.map(self, to: .int64, NumericMap<F, Int64>(f: f))
        case .int32: ElementwiseKernels.map(self, to: .int32, NumericMap<F, Int32>(f: f))
        case .uint8: ElementwiseKernels.map(self, to: .uint8, NumericMap<F, UInt8>(f: f))
        case .float16, .bfloat16: cast(to: .float32).applying(f).cast(to: dtype)
        case .bool: cast(to: .uint8).applying(f)
        }
    }

    /// `f(a, b)` with broadcasting, both operands already of dtype `type`.
    static func combining<F: NumericBinaryFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, shape: shape, to: type, NumericZip<F, Float>(f: f))
        case .float64: ElementwiseKernels.zip(a, b, shape: shape, to: type, NumericZip<F, Double>(f: f))
        case .int64: ElementwiseKernels.zip(a, b, shape: shape, to: type, NumericZip<F, Int64>(f: f))
        case .int32: ElementwiseKernels.zip(a, b, shape: shape, to: type, NumericZip<F, Int32>(f: f))
        case .uint8: ElementwiseKernels.zip(a, b, shape: shape, to: type, NumericZip<F, UInt8>(f: f))
        case .float16, .bfloat16:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f).cast(to: type)
        case .bool:
            combining(a.cast(to: .uint8), b.cast(to: .uint8), shape: shape, as: .uint8, f).cast(to: .bool)
        }
    }

    static func combining<F: FloatBinaryFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, shape: shape, to: type, FloatZip<F, Float>(f: f))
        case .float64: ElementwiseKernels.zip(a, b, shape: shape, to: type, FloatZip<F, Double>(f: f))
        case .float16, .bfloat16:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f).cast(to: type)
        default:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f)
        }
    }

    static func comparing<F: ComparisonFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, shape: shape, to: .bool, CompareZip<F, Float>(f: f))
        case .float64: ElementwiseKernels.zip(a, b, shape: shape, to: .bool, CompareZip<F, Double>(f: f))
        case .int64: ElementwiseKernels.zip(a, b, shape: shape, to: .bool, CompareZip<F, Int64>(f: f))
        case .int32: ElementwiseKernels.zip(a, b, shape: shape, to: .bool, CompareZip<F, Int32>(f: f))
        case .uint8: ElementwiseKernels.zip(a, b, shape: shape, to: .bool, CompareZip<F, UInt8>(f: f))
        case .float16, .bfloat16: comparing(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f)
        case .bool: comparing(a.cast(to: .uint8), b.cast(to: .uint8), shape: shape, as: .uint8, f)
        }
    }
}
