import RealModule

// Binary cross-entropy, on probabilities (PyTorch's binary_cross_entropy) and on logits in the
// numerically stable form (binary_cross_entropy_with_logits). Each computes its elementwise loss
// in fused kernels and records an explicit backward; the reduction is recorded after it.

/// −(y·log p + (1 − y)·log(1 − p)) with both logs clamped to ≥ −100, PyTorch's formula; p and y
/// outside [0, 1] are programmer errors, as in PyTorch.
struct BinaryCrossEntropyFunction: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ p: T, _ y: T) -> T {
        require(p >= 0 && p <= 1, "binaryCrossEntropy: every probability must lie in [0, 1], got \(p)")
        require(y >= 0 && y <= 1, "binaryCrossEntropy: every target must lie in [0, 1], got \(y)")
        let floor = T(-100)
        return (y - 1) * Swift.max(T.log(onePlus: -p), floor) - y * Swift.max(T.log(p), floor)
    }
}

/// d/dp of the loss above: (p − y) / max(p·(1 − p), 1e-12), PyTorch's (finite at p = 0 and 1).
struct BinaryCrossEntropyGradient: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ p: T, _ y: T) -> T {
        (p - y) / Swift.max((1 - p) * p, T(1e-12))
    }
}

/// log σ(x) = min(x, 0) − log(1 + e^−|x|), finite for every finite x.
struct LogSigmoidFunction: FloatUnaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T) -> T {
        Swift.min(x, 0) - T.log(onePlus: T.exp(-Swift.abs(x)))
    }
}

/// (1 − y)·x − log σ(x): binary cross-entropy of a logit without positive-class weight.
struct BinaryCrossEntropyWithLogitsFunction: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T, _ y: T) -> T {
        (1 - y) * x - (Swift.min(x, 0) - T.log(onePlus: T.exp(-Swift.abs(x))))
    }
}

/// σ(x) − y: its derivative with respect to the logit.
struct SigmoidMinusTarget: FloatBinaryFunction {
    @inline(__always) func callAsFunction<T: FloatElement>(_ x: T, _ y: T) -> T {
        1 / (1 + T.exp(-x)) - y
    }
}

/// Both operands and the optional weights in one floating-point dtype, after the shared checks.
private func binaryOperands(_ input: Tensor, _ target: Tensor, weights: [(String, Tensor?)], loss: String)
    -> (Tensor, Tensor, [Tensor?]) {
    requireSameShape(input, target, loss: loss)
    requireFloatingPoint(input, loss: loss)
    var type = input.dtype.promoted(with: target.dtype)
    if !type.isFloatingPoint { type = .float32 }
    let cast = weights.map { name, w -> Tensor? in
        guard let w else { return nil }
        requireBroadcastable(w, to: input.shape, loss: loss, name: name)
        return w.detach().cast(to: type)
    }
    return (input.cast(to: type), target.cast(to: type), cast)
}

/// The binary cross-entropy of `probabilities` against targets, both in [0, 1]:
/// −w·(y·log p + (1 − y)·log(1 − p)), PyTorch's `binary_cross_entropy`. The logs are clamped to
/// ≥ −100, so p = 0 or 1 gives a finite loss and gradient. A value outside [0, 1] (or NaN) stops
/// the program, as PyTorch raises; for raw scores use `binaryCrossEntropyWithLogits`.
///
/// - Parameter weight: rescales each element's loss; broadcasts to the input's shape.
public func binaryCrossEntropy(
    _ probabilities: Tensor, _ target: Tensor, weight: Tensor? = nil, reduction: Reduction = .mean
) -> Tensor {
    let (p, y, ws) = binaryOperands(probabilities, target, weights: [("weight", weight)], loss: "binaryCrossEntropy")
    let weight = ws[0]
    let pd = p.detach(), yd = y.detach()
    var out = Tensor.binaryFloat("binaryCrossEntropy", pd, yd, BinaryCrossEntropyFunction())
    if let weight { out = out * weight }
    let loss = Tensor.record("binaryCrossEntropy", out, inputs: [p, y]) { g, needs in
        let gw = weight.map { g * $0 } ?? g
        let gp = needs[0] ? gw * Tensor.binaryFloat("binaryCrossEntropy", pd, yd, BinaryCrossEntropyGradient()) : nil
        // d/dy = log(1 − p) − log p, as PyTorch's target gradient.
        let gy = needs[1] ? gw * (log1p(-pd) - log(pd)) : nil
        return [gp, gy]
    }
    return loss.reduced(reduction)
}

/// The binary cross-entropy of `logits` (log-odds) against targets: the loss of
/// `binaryCrossEntropy(sigmoid(logits), target)` computed stably as (1 − y)·x − l·log σ(x) with
/// l = 1 + (posWeight − 1)·y, PyTorch's `binary_cross_entropy_with_logits`. Finite for logits of
/// any magnitude.
///
/// - Parameters:
///   - weight: rescales each element's loss; broadcasts to the input's shape.
///   - posWeight: weight of the positive term, per class (broadcasts along the last axis, e.g. [C]).
public func binaryCrossEntropyWithLogits(
    _ logits: Tensor, _ target: Tensor, weight: Tensor? = nil, posWeight: Tensor? = nil,
    reduction: Reduction = .mean
) -> Tensor {
    let op = "binaryCrossEntropyWithLogits"
    let (x, y, ws) = binaryOperands(logits, target, weights: [("weight", weight), ("posWeight", posWeight)], loss: op)
    let (weight, posWeight) = (ws[0], ws[1])
    let xd = x.detach(), yd = y.detach()
    var out: Tensor
    if let posWeight {
        let logWeight = (posWeight - 1) * yd + 1
        out = (1 - yd) * xd - logWeight * xd.applying(LogSigmoidFunction())
    } else {
        out = Tensor.binaryFloat(op, xd, yd, BinaryCrossEntropyWithLogitsFunction())
    }
    if let weight { out = out * weight }
    let loss = Tensor.record(op, out, inputs: [x, y]) { g, needs in
        let gw = weight.map { g * $0 } ?? g
        var gx: Tensor? = nil, gy: Tensor? = nil
        if let posWeight {
            // d/dx = (pw·y + 1 − y)·σ(x) − pw·y;  d/dy = log σ(−x) − pw·log σ(x).
            let py = posWeight * yd
            if needs[0] { gx = gw * ((py + 1 - yd) * sigmoid(xd) - py) }
            if needs[1] {
                gy = gw * ((-xd).applying(LogSigmoidFunction()) - posWeight * xd.applying(LogSigmoidFunction()))
            }
        } else {
            // d/dx = σ(x) − y;  d/dy = −x.
            if needs[0] { gx = gw * Tensor.binaryFloat(op, xd, yd, SigmoidMinusTarget()) }
            if needs[1] { gy = gw * -xd }
        }
        return [gx, gy]
    }
    return loss.reduced(reduction)
}
