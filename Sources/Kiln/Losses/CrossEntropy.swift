// Cross-entropy on logits (with class-index labels or class probabilities) and the negative
// log-likelihood of log-probabilities. The class axis is axis 1 of [N, C] or [N, C, d1, …]
// scores (axis 0 of a single [C] sample), as in PyTorch.

/// The cross-entropy of `logits` against integer class `labels`: −log softmax(logits)[label],
/// PyTorch's `cross_entropy` with class-index targets.
///
/// - Parameters:
///   - logits: [N, C], [N, C, d1, …] or [C] unnormalised scores.
///   - labels: integer class indices in [0, C), shape [N], [N, d1, …] or [].
///   - weight: one weight per class ([C]); each row's loss is scaled by its label's weight.
///   - ignoreIndex: label value that contributes neither loss, gradient, nor weight to the mean.
///   - labelSmoothing: ε in [0, 1]: the target becomes (1 − ε)·onehot + ε/C.
///   - reduction: `.mean` divides the sum by the total weight of the labelled rows (their count
///     without `weight`), as PyTorch does, also with label smoothing.
public func crossEntropy(
    logits: Tensor, labels: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
    labelSmoothing: Double = 0, reduction: Reduction = .mean
) -> Tensor {
    require(labels.dtype != .bool && !labels.dtype.isFloatingPoint,
            "crossEntropy: labels must be integer class indices, not \(labels.dtype) (for class probabilities use crossEntropy(logits:probabilities:))")
    require(labelSmoothing >= 0 && labelSmoothing <= 1,
            "crossEntropy: labelSmoothing must lie in [0, 1], got \(labelSmoothing)")
    return classIndexLoss(.logits, op: "crossEntropy", scores: logits, labels: labels, weight: weight,
                          ignoreIndex: ignoreIndex, smoothing: labelSmoothing, reduction: reduction)
}

/// The negative log-likelihood of integer class `labels` under `logProbabilities` (the output of
/// `logSoftmax(axis: 1)`): −logProbabilities[label], PyTorch's `nll_loss`. Shapes, `weight`,
/// `ignoreIndex` and `reduction` are those of `crossEntropy(logits:labels:)`.
public func nllLoss(
    logProbabilities: Tensor, labels: Tensor, weight: Tensor? = nil, ignoreIndex: Int = -100,
    reduction: Reduction = .mean
) -> Tensor {
    require(labels.dtype != .bool && !labels.dtype.isFloatingPoint,
            "nllLoss: labels must be integer class indices, not \(labels.dtype)")
    return classIndexLoss(.logProbabilities, op: "nllLoss", scores: logProbabilities, labels: labels, weight: weight,
                          ignoreIndex: ignoreIndex, smoothing: 0, reduction: reduction)
}

/// The cross-entropy of `logits` against class `probabilities` of the same shape:
/// −Σ_c target_c · log softmax(logits)_c, PyTorch's `cross_entropy` with probability targets.
///
/// - Parameters:
///   - weight: one weight per class ([C]), multiplying each class's term.
///   - labelSmoothing: ε in [0, 1]: the target becomes (1 − ε)·probabilities + ε/C.
///   - reduction: `.mean` divides by the number of rows (N·d1·…), not by weights, as PyTorch does.
public func crossEntropy(
    logits: Tensor, probabilities: Tensor, weight: Tensor? = nil, labelSmoothing: Double = 0,
    reduction: Reduction = .mean
) -> Tensor {
    let op = "crossEntropy"
    requireFloatingPoint(logits, loss: op, name: "logits")
    requireFloatingPoint(probabilities, loss: op, name: "probabilities")
    require(logits.rank >= 1, "\(op): logits must have a class axis, got shape \(logits.shape)")
    require(logits.shape == probabilities.shape,
            "\(op): logits shape \(logits.shape) and probabilities shape \(probabilities.shape) must be equal")
    require(labelSmoothing >= 0 && labelSmoothing <= 1,
            "\(op): labelSmoothing must lie in [0, 1], got \(labelSmoothing)")
    let classAxis = logits.rank == 1 ? 0 : 1
    let classes = logits.shape[classAxis]
    var target = probabilities.cast(to: logits.dtype)
    if labelSmoothing > 0 { target = target * (1 - labelSmoothing) + labelSmoothing / Double(classes) }
    var terms = logits.logSoftmax(axis: classAxis) * target
    if let weight {
        require(weight.shape == [classes],
                "\(op): weight shape \(weight.shape) must be [\(classes)], one weight per class of logits shape \(logits.shape)")
        var view = [Int](repeating: 1, count: logits.rank)
        view[classAxis] = classes
        terms = terms * weight.cast(to: logits.dtype).reshaped(view)
    }
    let losses = -terms.sum(axis: classAxis)
    switch reduction {
    case .none: return losses
    case .sum: return losses.sum()
    case .mean: return losses.sum() / Double(losses.count)
    }
}

/// Cross-entropy and NLL with class-index labels: checks, then the fused kernel, recorded as one
/// autograd node with the scores as its input.
private func classIndexLoss(
    _ kind: ClassScores, op: String, scores: Tensor, labels: Tensor, weight: Tensor?,
    ignoreIndex: Int, smoothing: Double, reduction: Reduction
) -> Tensor {
    let name = kind == .logits ? "logits" : "logProbabilities"
    requireFloatingPoint(scores, loss: op, name: name)
    require(scores.rank >= 1, "\(op): \(name) must have a class axis, got shape \(scores.shape)")
    let classes = scores.rank == 1 ? scores.shape[0] : scores.shape[1]
    let labelShape = scores.rank == 1 ? [] : [scores.shape[0]] + scores.shape.dropFirst(2)
    require(labels.shape == labelShape,
            "\(op): labels shape \(labels.shape) does not match \(name) shape \(scores.shape) (expected labels of shape \(labelShape))")
    if let weight {
        require(weight.shape == [classes],
                "\(op): weight shape \(weight.shape) must be [\(classes)], one weight per class of \(name) shape \(scores.shape)")
    }
    let kernel = ClassIndexLossKernel(
        op: op, scores: kind, classes: classes, inner: scores.shape.dropFirst(2).reduce(1, *),
        rows: labelShape.reduce(1, *), ignoreIndex: Int64(ignoreIndex), smoothing: smoothing)
    // Half types compute in float32, as the other kernels do.
    let compute: DType = scores.dtype == .float64 ? .float64 : .float32
    let x = scores.detach().cast(to: compute).contiguous()
    let y = labels.cast(to: .int64).contiguous()
    let w = weight?.detach().cast(to: compute).contiguous()
    let (losses, stats, total, sum) = compute == .float64 ? kernel.run(x, y, w, Double.self) : kernel.run(x, y, w, Float.self)
    let value: Tensor
    switch reduction {
    case .none: value = losses.reshaped(labelShape)
    case .sum: value = Tensor.full([], sum, dtype: compute)
    case .mean: value = Tensor.full([], sum / total, dtype: compute)
    }
    return Tensor.record(op, value.cast(to: scores.dtype), inputs: [scores]) { g, _ in
        let scale = g.cast(to: compute).contiguous()
        let (perRow, divisor) = (reduction == .none, reduction == .mean ? total : 1)
        let grad = compute == .float64
            ? kernel.backward(x, labels: y, weight: w, stats: stats, scale: scale, perRow: perRow, divisor: divisor, Double.self)
            : kernel.backward(x, labels: y, weight: w, stats: stats, scale: scale, perRow: perRow, divisor: divisor, Float.self)
        return [grad.cast(to: scores.dtype)]
    }
}
