/// Element functions that ops hand to the generic kernels. Each is a small struct with a generic
/// `callAsFunction`, so one definition serves every dtype and is specialised (and inlined) per dtype.
protocol FloatUnaryFunction {
    func callAsFunction<T: FloatElement>(_ x: T) -> T
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
        case .float32: ElementwiseKernels.map(self, Float.self, to: .float32) { f($0) }
        case .float64: ElementwiseKernels.map(self, Double.self, to: .float64) { f($0) }
        case .float16, .bfloat16: cast(to: .float32).applying(f).cast(to: dtype)
        default: cast(to: .float32).applying(f)
        }
    }

    /// Arithmetic that keeps the dtype; bools compute as uint8 (PyTorch promotes them likewise).
    func applying<F: NumericUnaryFunction>(_ f: F) -> Tensor {
        switch dtype {
        case .float32: ElementwiseKernels.map(self, Float.self, to: .float32) { f($0) }
        case .float64: ElementwiseKernels.map(self, Double.self, to: .float64) { f($0) }
        case .int64: ElementwiseKernels.map(self, Int64.self, to: .int64) { f($0) }
        case .int32: ElementwiseKernels.map(self, Int32.self, to: .int32) { f($0) }
        case .uint8: ElementwiseKernels.map(self, UInt8.self, to: .uint8) { f($0) }
        case .float16, .bfloat16: cast(to: .float32).applying(f).cast(to: dtype)
        case .bool: cast(to: .uint8).applying(f)
        }
    }

    /// `f(a, b)` with broadcasting, both operands already of dtype `type`.
    static func combining<F: NumericBinaryFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, Float.self, Float.self, shape: shape, to: type) { f($0, $1) }
        case .float64: ElementwiseKernels.zip(a, b, Double.self, Double.self, shape: shape, to: type) { f($0, $1) }
        case .int64: ElementwiseKernels.zip(a, b, Int64.self, Int64.self, shape: shape, to: type) { f($0, $1) }
        case .int32: ElementwiseKernels.zip(a, b, Int32.self, Int32.self, shape: shape, to: type) { f($0, $1) }
        case .uint8: ElementwiseKernels.zip(a, b, UInt8.self, UInt8.self, shape: shape, to: type) { f($0, $1) }
        case .float16, .bfloat16:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f).cast(to: type)
        case .bool:
            combining(a.cast(to: .uint8), b.cast(to: .uint8), shape: shape, as: .uint8, f).cast(to: .bool)
        }
    }

    static func combining<F: FloatBinaryFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, Float.self, Float.self, shape: shape, to: type) { f($0, $1) }
        case .float64: ElementwiseKernels.zip(a, b, Double.self, Double.self, shape: shape, to: type) { f($0, $1) }
        case .float16, .bfloat16:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f).cast(to: type)
        default:
            combining(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f)
        }
    }

    static func comparing<F: ComparisonFunction>(_ a: Tensor, _ b: Tensor, shape: [Int], as type: DType, _ f: F) -> Tensor {
        switch type {
        case .float32: ElementwiseKernels.zip(a, b, Float.self, Float.self, shape: shape, to: .bool) { f($0, $1) }
        case .float64: ElementwiseKernels.zip(a, b, Double.self, Double.self, shape: shape, to: .bool) { f($0, $1) }
        case .int64: ElementwiseKernels.zip(a, b, Int64.self, Int64.self, shape: shape, to: .bool) { f($0, $1) }
        case .int32: ElementwiseKernels.zip(a, b, Int32.self, Int32.self, shape: shape, to: .bool) { f($0, $1) }
        case .uint8: ElementwiseKernels.zip(a, b, UInt8.self, UInt8.self, shape: shape, to: .bool) { f($0, $1) }
        case .float16, .bfloat16: comparing(a.cast(to: .float32), b.cast(to: .float32), shape: shape, as: .float32, f)
        case .bool: comparing(a.cast(to: .uint8), b.cast(to: .uint8), shape: shape, as: .uint8, f)
        }
    }
}
