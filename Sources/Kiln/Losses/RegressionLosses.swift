// Regression losses on the difference d = input − target: squared (MSE), absolute (L1), and the
// two that are quadratic near zero and linear beyond (Huber, SmoothL1). Input and target must
// have the same shape (PyTorch broadcasts them with a warning; a mismatch is nearly always a bug).

/// Huber's loss of a difference: d²/2 inside ±delta, delta·(|d| − delta/2) outside (PyTorch's formula).
struct HuberFunction: FloatUnaryFunction {
    let delta: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ d: T) -> T {
        let z = Swift.abs(d), k = T(delta)
        return z < k ? T(0.5) * z * z : k * (z - T(0.5) * k)
    }
}

/// SmoothL1's loss of a difference: d²/(2·beta) inside ±beta, |d| − beta/2 outside.
struct SmoothL1Function: FloatUnaryFunction {
    let beta: Double
    @inline(__always) func callAsFunction<T: FloatElement>(_ d: T) -> T {
        let z = Swift.abs(d), b = T(beta)
        return z < b ? T(0.5) * z * z / b : z - T(0.5) * b
    }
}

/// Input and target in their promoted floating-point dtype, after the checks every regression loss makes.
private func regressionOperands(_ input: Tensor, _ target: Tensor, loss: String) -> (Tensor, Tensor) {
    requireSameShape(input, target, loss: loss)
    requireFloatingPoint(input, loss: loss)
    var type = input.dtype.promoted(with: target.dtype)
    if !type.isFloatingPoint { type = .float32 }
    return (input.cast(to: type), target.cast(to: type))
}

/// The mean squared error (input − target)², PyTorch's `mse_loss`.
public func mseLoss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    let (x, y) = regressionOperands(input, target, loss: "mseLoss")
    return square(x - y).reduced(reduction)
}

/// The absolute error |input − target|, PyTorch's `l1_loss` (gradient 0 where they are equal).
public func l1Loss(_ input: Tensor, _ target: Tensor, reduction: Reduction = .mean) -> Tensor {
    let (x, y) = regressionOperands(input, target, loss: "l1Loss")
    return abs(x - y).reduced(reduction)
}

/// Huber loss, PyTorch's `huber_loss`: squared error for |d| < delta, linear (slope delta) beyond,
/// so outliers pull with bounded force.
public func huberLoss(_ input: Tensor, _ target: Tensor, delta: Double = 1, reduction: Reduction = .mean) -> Tensor {
    require(delta > 0, "huberLoss: delta must be positive, got \(delta)")
    let (x, y) = regressionOperands(input, target, loss: "huberLoss")
    // Its derivative is the difference clamped to ±delta.
    return piecewiseQuadratic("huberLoss", x, y, HuberFunction(delta: delta), limit: delta, divisor: 1)
        .reduced(reduction)
}

/// Smooth L1 loss, PyTorch's `smooth_l1_loss`: Huber loss divided by beta (so the linear part has
/// slope 1); beta = 0 is the L1 loss.
public func smoothL1Loss(_ input: Tensor, _ target: Tensor, beta: Double = 1, reduction: Reduction = .mean) -> Tensor {
    require(beta >= 0, "smoothL1Loss: beta must not be negative, got \(beta)")
    if beta == 0 { return l1Loss(input, target, reduction: reduction) }
    let (x, y) = regressionOperands(input, target, loss: "smoothL1Loss")
    return piecewiseQuadratic("smoothL1Loss", x, y, SmoothL1Function(beta: beta), limit: beta, divisor: beta)
        .reduced(reduction)
}

/// f(x − y) in one fused kernel, with the gradient clamp(x − y, ±limit) / divisor for x (and its
/// negation for y), written as tensor ops.
private func piecewiseQuadratic<F: FloatUnaryFunction>(
    _ op: String, _ x: Tensor, _ y: Tensor, _ f: F, limit: Double, divisor: Double
) -> Tensor {
    let d = x.detach() - y.detach()
    let out = d.applying(f)
    return Tensor.record(op, out, inputs: [x, y]) { g, needs in
        var slope = clamp(d, min: -limit, max: limit)
        if divisor != 1 { slope = slope / divisor }
        let gx = g * slope
        return [needs[0] ? gx : nil, needs[1] ? -gx : nil]
    }
}
