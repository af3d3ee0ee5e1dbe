import RealModule

// Activation functions. Derivatives that would take several tensor ops are fused into one
// elementwise kernel each (first-order only).

/// max(x, 0) with NaN passing through (`NaN < 0` is false), one compare per element.
struct ReLUFunction: NumericUnaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ x: T) -> T { x < 0 ? 0 : x }
}
/// The gradient of relu in one pass: the output gradient where the output is positive, else 0.
struct ReLUGradient<T: FloatElement>: ElementZip {
    @inline(__always) func callAsFunction(_ g: T, _ y: T) -> T { y > 0 ? g : 0 }
}
struct LeakyReLUFunction: FloatUnaryFunction {
    let slope: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x > 0 ? x : x * T(slope) }
}
struct SigmoidFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { 1 / (1 + .exp(-x)) }
    static var isVectorized: Bool { true }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { VectorMath.sigmoid(x) }
}
/// x·Φ(x) with the normal CDF Φ(x) = (1 + erf(x/√2)) / 2.
struct GELUFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x * (1 + .erf(x * T(0.7071067811865476))) / 2
    }
}
struct GELUDerivativeFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let cdf = (1 + T.erf(x * T(0.7071067811865476))) / 2
        let pdf = T.exp(-x * x / 2) * T(0.3989422804014327)
        return cdf + x * pdf
    }
}
/// The tanh approximation: x/2 · (1 + tanh(√(2/π)(x + 0.044715 x³))).
struct GELUTanhFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        x * (1 + .tanh(T(0.7978845608028654) * (x + T(0.044715) * x * x * x))) / 2
    }
}
struct GELUTanhDerivativeFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let k = T(0.7978845608028654)
        let inner = k * (x + T(0.044715) * x * x * x)
        let t = T.tanh(inner)
        return (1 + t) / 2 + x / 2 * (1 - t * t) * k * (1 + 3 * T(0.044715) * x * x)
    }
}
struct SiLUFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T { x / (1 + .exp(-x)) }
    static var isVectorized: Bool { true }
    @inline(__always) func callAsFunction(_ x: SIMD8<Float>) -> SIMD8<Float> { x / (1 + VectorMath.exp(-x)) }
}
struct SiLUDerivativeFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let s = 1 / (1 + T.exp(-x))
        return s * (1 + x * (1 - s))
    }
}
/// log(1 + exp(βx)) / β, linear above the threshold as in PyTorch.
struct SoftplusFunction: FloatUnaryFunction {
    let beta: Double, threshold: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let bx = x * T(beta)
        return bx > T(threshold) ? x : T.log(onePlus: T.exp(bx)) / T(beta)
    }
}
struct SoftplusDerivativeFunction: FloatUnaryFunction {
    let beta: Double, threshold: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        let bx = x * T(beta)
        return bx > T(threshold) ? 1 : 1 / (1 + T.exp(-bx))
    }
}

public func relu(_ x: Tensor) -> Tensor {
    let out = x.applying(ReLUFunction())
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("relu", out, inputs: [x]) { g, _ in [reluGradient(g, output: out)] }
}

/// `g` where `output > 0`, else 0 (first-order: a fused kernel, not recorded).
func reluGradient(_ g: Tensor, output: Tensor) -> Tensor {
    let type = g.dtype
    switch type {
    case .float32: return ElementwiseKernels.zip(g, output.cast(to: type), shape: g.shape, to: type, ReLUGradient<Float>())
    case .float64: return ElementwiseKernels.zip(g, output.cast(to: type), shape: g.shape, to: type, ReLUGradient<Double>())
    default: return g * (output .> 0).cast(to: type)
    }
}

public func leakyRelu(_ x: Tensor, negativeSlope: Double = 0.01) -> Tensor {
    x.unaryFloat("leakyRelu", LeakyReLUFunction(slope: negativeSlope)) { x, _ in
        (x .> 0).cast(to: x.dtype) * (1 - negativeSlope) + negativeSlope
    }
}

public func sigmoid(_ x: Tensor) -> Tensor {
    x.unaryFloat("sigmoid", SigmoidFunction()) { _, y in y * (1 - y) }
}

/// How `gelu` computes the normal CDF: exactly (erf) or with PyTorch's tanh approximation.
public enum GELUApproximation: String, Sendable { case none, tanh }

public func gelu(_ x: Tensor, approximate: GELUApproximation = .none) -> Tensor {
    switch approximate {
    case .none: x.unaryFloat("gelu", GELUFunction()) { x, _ in x.applying(GELUDerivativeFunction()) }
    case .tanh: x.unaryFloat("gelu", GELUTanhFunction()) { x, _ in x.applying(GELUTanhDerivativeFunction()) }
    }
}

/// x·σ(x), also called swish.
public func silu(_ x: Tensor) -> Tensor {
    x.unaryFloat("silu", SiLUFunction()) { x, _ in x.applying(SiLUDerivativeFunction()) }
}

public func softplus(_ x: Tensor, beta: Double = 1, threshold: Double = 20) -> Tensor {
    x.unaryFloat("softplus", SoftplusFunction(beta: beta, threshold: threshold)) { x, _ in
        x.applying(SoftplusDerivativeFunction(beta: beta, threshold: threshold))
    }
}
