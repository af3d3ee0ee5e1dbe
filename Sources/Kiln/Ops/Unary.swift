import RealModule

// Elementwise unary math. Each public function pairs its kernel with its backward, written with
// tensor ops on the detached input or output.

struct NegateFunction: NumericUnaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T { T.wrappingSubtract(0, x) }
}
struct AbsFunction: NumericUnaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T { x < 0 ? T.wrappingSubtract(0, x) : x }
}
struct SignFunction: NumericUnaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T { x > 0 ? 1 : (x < 0 ? T.wrappingSubtract(0, 1) : (x == 0 ? 0 : x)) }
}
struct SquareFunction: NumericUnaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T { T.wrappingMultiply(x, x) }
}
struct ExpFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .exp(x) }
    static var isVectorized: Bool { true }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.exp(x) }
}
struct LogFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .log(x) }
}
struct Log1pFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .log(onePlus: x) }
}
struct SqrtFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x.squareRoot() }
}
struct RsqrtFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { 1 / x.squareRoot() }
}
struct SinFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .sin(x) }
}
struct CosFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .cos(x) }
}
struct TanhFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { .tanh(x) }
}
struct PowScalarFunction: FloatUnaryFunction {
    let exponent: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { powC(x, T(exponent)) }
}
struct ClampFunction: NumericUnaryFunction {
    let low: Double, high: Double
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T {
        // NaN passes through, as in PyTorch.
        if x != x { return x }
        let lo = T(kilnDouble: low), hi = T(kilnDouble: high)
        return x < lo ? lo : (x > hi ? hi : x)
    }
}

extension Tensor {
    /// Applies a float function and records `grad · derivative`, where `derivative` sees the
    /// detached input and output.
    func unaryFloat<F: FloatUnaryFunction>(_ op: String, _ f: F, derivative: @escaping (_ x: Tensor, _ y: Tensor) -> Tensor) -> Tensor {
        let out = applying(f)
        guard Tensor.isRecording(self) else { return out }
        let x = self.detach()
        return Tensor.record(op, out, inputs: [self]) { g, _ in [g * derivative(x, out.detach())] }
    }
}

public func abs(_ x: Tensor) -> Tensor {
    let out = x.applying(AbsFunction())
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("abs", out, inputs: [x]) { g, _ in [g * sign(x.detach())] }
}

/// -1, 0 or 1 by the sign of each element (NaN stays NaN). Its gradient is zero.
public func sign(_ x: Tensor) -> Tensor {
    let out = x.applying(SignFunction())
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("sign", out, inputs: [x]) { g, _ in [Tensor.zeros(like: g)] }
}

public func square(_ x: Tensor) -> Tensor {
    let out = x.applying(SquareFunction())
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("square", out, inputs: [x]) { g, _ in [g * x.detach() * 2] }
}

public func exp(_ x: Tensor) -> Tensor { x.unaryFloat("exp", ExpFunction()) { _, y in y } }
public func log(_ x: Tensor) -> Tensor { x.unaryFloat("log", LogFunction()) { x, _ in 1 / x } }
public func log1p(_ x: Tensor) -> Tensor { x.unaryFloat("log1p", Log1pFunction()) { x, _ in 1 / (x + 1) } }
public func sqrt(_ x: Tensor) -> Tensor { x.unaryFloat("sqrt", SqrtFunction()) { _, y in 0.5 / y } }
public func rsqrt(_ x: Tensor) -> Tensor { x.unaryFloat("rsqrt", RsqrtFunction()) { _, y in y * y * y * -0.5 } }
public func sin(_ x: Tensor) -> Tensor { x.unaryFloat("sin", SinFunction()) { x, _ in cos(x) } }
public func cos(_ x: Tensor) -> Tensor { x.unaryFloat("cos", CosFunction()) { x, _ in -sin(x) } }
public func tanh(_ x: Tensor) -> Tensor { x.unaryFloat("tanh", TanhFunction()) { _, y in 1 - y * y } }

/// Limits every element to `[min, max]` (either bound may be omitted). The gradient passes where
/// the input lies within the bounds, as in PyTorch.
public func clamp(_ x: Tensor, min low: Double? = nil, max high: Double? = nil) -> Tensor {
    let lo = low ?? -Double.infinity, hi = high ?? Double.infinity
    let out = x.applying(ClampFunction(low: lo, high: hi))
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("clamp", out, inputs: [x]) { g, _ in
        let x = x.detach()
        return [g * ((x .>= lo) .& (x .<= hi)).cast(to: g.dtype)]
    }
}
