// Binary arithmetic with NumPy broadcasting and PyTorch type promotion. Each op's gradient is
// summed back over the broadcast axes to its input's shape.

struct AddFunction: NumericBinaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T { T.wrappingAdd(a, b) }
}
struct SubtractFunction: NumericBinaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T { T.wrappingSubtract(a, b) }
}
struct MultiplyFunction: NumericBinaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T { T.wrappingMultiply(a, b) }
}
struct DivideFunction: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { a / b }
}
struct PowFunction: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ a: T, _ b: T) -> T { powC(a, b) }
}
/// `a` to the power `b` with C's (and PyTorch's) rules: RealModule's `pow(x, y)` is NaN for every
/// negative `x` and for 0⁰, but an integral exponent of a negative base is well defined
/// ((−2)³ = −8) and x⁰ = 1.
@inline(__always) func powC<T: FloatElement>(_ a: T, _ b: T) -> T {
    if b == 0 { return 1 }
    if a < 0 && b.rounded() == b && Swift.abs(b) < T(kilnDouble: 0x1p53) { return T.pow(a, Int(b)) }
    return T.pow(a, b)
}
/// NaN-propagating maximum, as in PyTorch.
struct MaximumFunction: NumericBinaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T {
        a != a ? a : (b != b ? b : (a >= b ? a : b))
    }
}
struct MinimumFunction: NumericBinaryFunction {
    @inline(__always) func callAsFunction<T: NumericElement>(_ a: T, _ b: T) -> T {
        a != a ? a : (b != b ? b : (a <= b ? a : b))
    }
}

extension Tensor {
    /// Runs a broadcasting binary kernel in the promoted dtype, checking shapes (named by `op`).
    static func binary<F: NumericBinaryFunction>(_ op: String, _ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        let type = a.dtype.promoted(with: b.dtype)
        return combining(a.cast(to: type), b.cast(to: type), shape: shape, as: type, f)
    }

    static func binaryFloat<F: FloatBinaryFunction>(_ op: String, _ a: Tensor, _ b: Tensor, _ f: F) -> Tensor {
        let shape = Shape.broadcast(a.shape, b.shape, op: op)
        var type = a.dtype.promoted(with: b.dtype)
        if !type.isFloatingPoint { type = .float32 }
        return combining(a.cast(to: type), b.cast(to: type), shape: shape, as: type, f)
    }

    /// A scalar operand as a 0-d tensor: it takes the tensor's dtype unless that would lose it
    /// (a fractional number with an integer or bool tensor gives float32; an integral number with
    /// a bool tensor gives int64), as PyTorch's scalar promotion does.
    static func scalarOperand(_ value: Double, for t: Tensor) -> Tensor {
        let type: DType = t.dtype.isFloatingPoint ? t.dtype
            : (value.rounded() != value ? .float32 : (t.dtype == .bool ? .int64 : t.dtype))
        return Tensor.full([], value, dtype: type)
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        let out = binary("add", a, b, AddFunction())
        guard isRecording(a, b) else { return out }
        return record("add", out, inputs: [a, b]) { g, needs in
            [needs[0] ? g.sum(toShape: a.shape) : nil, needs[1] ? g.sum(toShape: b.shape) : nil]
        }
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        let out = binary("subtract", a, b, SubtractFunction())
        guard isRecording(a, b) else { return out }
        return record("subtract", out, inputs: [a, b]) { g, needs in
            [needs[0] ? g.sum(toShape: a.shape) : nil, needs[1] ? (-g).sum(toShape: b.shape) : nil]
        }
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        let out = binary("multiply", a, b, MultiplyFunction())
        guard isRecording(a, b) else { return out }
        return record("multiply", out, inputs: [a, b]) { g, needs in
            [needs[0] ? (g * b.detach()).sum(toShape: a.shape) : nil,
             needs[1] ? (g * a.detach()).sum(toShape: b.shape) : nil]
        }
    }

    /// True division: integer operands give float32, as in PyTorch.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        let out = binaryFloat("divide", a, b, DivideFunction())
        guard isRecording(a, b) else { return out }
        return record("divide", out, inputs: [a, b]) { g, needs in
            let b = b.detach()
            return [needs[0] ? (g / b).sum(toShape: a.shape) : nil,
                    needs[1] ? (-g * out.detach() / b).sum(toShape: b.shape) : nil]
        }
    }

    public static prefix func - (x: Tensor) -> Tensor {
        require(x.dtype != .bool, "neg: negation is not defined for bool tensors; use logicalNot")
        let out = x.applying(NegateFunction())
        guard isRecording(x) else { return out }
        return record("neg", out, inputs: [x]) { g, _ in [-g] }
    }

    public static func + (a: Tensor, b: Double) -> Tensor { a + scalarOperand(b, for: a) }
    public static func + (a: Double, b: Tensor) -> Tensor { scalarOperand(a, for: b) + b }
    public static func - (a: Tensor, b: Double) -> Tensor { a - scalarOperand(b, for: a) }
    public static func - (a: Double, b: Tensor) -> Tensor { scalarOperand(a, for: b) - b }
    public static func * (a: Tensor, b: Double) -> Tensor { a * scalarOperand(b, for: a) }
    public static func * (a: Double, b: Tensor) -> Tensor { scalarOperand(a, for: b) * b }
    public static func / (a: Tensor, b: Double) -> Tensor { a / scalarOperand(b, for: a) }
    public static func / (a: Double, b: Tensor) -> Tensor { scalarOperand(a, for: b) / b }

    public static func += (a: inout Tensor, b: Tensor) { a = a + b }
    public static func -= (a: inout Tensor, b: Tensor) { a = a - b }
    public static func *= (a: inout Tensor, b: Tensor) { a = a * b }
    public static func /= (a: inout Tensor, b: Tensor) { a = a / b }
    public static func += (a: inout Tensor, b: Double) { a = a + b }
    public static func -= (a: inout Tensor, b: Double) { a = a - b }
    public static func *= (a: inout Tensor, b: Double) { a = a * b }
    public static func /= (a: inout Tensor, b: Double) { a = a / b }
}

/// `a` raised to the power `b`, elementwise with broadcasting.
public func pow(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = Tensor.binaryFloat("pow", a, b, PowFunction())
    guard Tensor.isRecording(a, b) else { return out }
    return Tensor.record("pow", out, inputs: [a, b]) { g, needs in
        let a = a.detach(), b = b.detach(), y = out.detach()
        let ga = needs[0] ? (g * b * pow(a, b - 1)).sum(toShape: a.shape) : nil
        // d/db a^b = a^b log a; PyTorch defines it as 0 where a == 0 and b >= 0.
        let gb = needs[1] ? Tensor.where(a .== 0, Tensor.zeros(like: y), g * y * log(a)).sum(toShape: b.shape) : nil
        return [ga, gb]
    }
}

/// `x` raised to a scalar power.
public func pow(_ x: Tensor, _ exponent: Double) -> Tensor {
    if exponent == 2 { return square(x) }
    let out = x.applying(PowScalarFunction(exponent: exponent))
    guard Tensor.isRecording(x) else { return out }
    return Tensor.record("pow", out, inputs: [x]) { g, _ in
        [exponent == 0 ? Tensor.zeros(like: g) : g * exponent * pow(x.detach(), exponent - 1)]
    }
}

/// Elementwise maximum with broadcasting (NaN wins). Ties split the gradient evenly, as in PyTorch.
public func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = Tensor.binary("maximum", a, b, MaximumFunction())
    guard Tensor.isRecording(a, b) else { return out }
    return Tensor.record("maximum", out, inputs: [a, b]) { g, needs in
        Tensor.selectionGradients(g, a.detach(), b.detach(), needs, aWins: a.detach() .> b.detach())
    }
}

/// Elementwise minimum with broadcasting (NaN wins). Ties split the gradient evenly.
public func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
    let out = Tensor.binary("minimum", a, b, MinimumFunction())
    guard Tensor.isRecording(a, b) else { return out }
    return Tensor.record("minimum", out, inputs: [a, b]) { g, needs in
        Tensor.selectionGradients(g, a.detach(), b.detach(), needs, aWins: a.detach() .< b.detach())
    }
}

extension Tensor {
    /// Gradients of max/min-like selections: all to the winner, half each on ties.
    static func selectionGradients(_ g: Tensor, _ a: Tensor, _ b: Tensor, _ needs: [Bool], aWins: Tensor) -> [Tensor?] {
        let tie = (a .== b).cast(to: g.dtype) * 0.5
        let wa = aWins.cast(to: g.dtype) + tie
        return [needs[0] ? (g * wa).sum(toShape: a.shape) : nil,
                needs[1] ? (g * (1 - wa)).sum(toShape: b.shape) : nil]
    }
}
