import Testing
@testable import Kiln

// Helpers for the loss tests, which compare Kiln with PyTorch's values and input gradients
// (Tests/Fixtures/reference/make_loss_literals.py).

/// One reference case: the loss value (one element for reduced losses) and the gradient with
/// respect to the loss's input.
struct LossReference<T: BinaryFloatingPoint & Sendable>: Sendable {
    let value: [T]
    let gradient: [T]
}

/// W: the fixed weighting of per-element losses whose sum the reference differentiates for
/// reduction none (the reference script's `none_weights`).
func lossWeights(_ shape: [Int], dtype: DType = .float32) -> Tensor {
    opTensor(shape, mul: 3, mod: 7, offset: 3, scale: 0.5, dtype: dtype)
}

/// Expects `loss(x)` to equal `reference.value` and the gradient of `loss(x)` (of Σ loss(x)·W when
/// the loss is not a single number) with respect to `x` to equal `reference.gradient`.
/// `valueShape` is the expected shape of the loss ([] for reduced losses).
func expectLoss<T: BinaryFloatingPoint & Sendable>(
    at x: Tensor, _ reference: LossReference<T>?, valueShape: [Int], rtol: Double = 1e-5, atol: Double = 1e-6,
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ loss: (Tensor) -> Tensor
) {
    guard let reference else {
        Issue.record("missing reference\(comment.map { ": \($0)" } ?? "")", sourceLocation: sourceLocation)
        return
    }
    let value = noGrad { loss(x) }
    expectApprox(value, reference.value, shape: valueShape, dtype: x.dtype, rtol: rtol, atol: atol,
                 comment.map { "\($0) value" } ?? "value", sourceLocation: sourceLocation)
    let g = gradient(at: x) { t in
        let l = loss(t)
        return l.rank == 0 ? l : (l * lossWeights(l.shape, dtype: l.dtype)).sum()
    }
    expectApprox(g, reference.gradient, shape: x.shape, dtype: x.dtype, rtol: rtol, atol: atol,
                 comment.map { "\($0) gradient" } ?? "gradient", sourceLocation: sourceLocation)
}

/// `expectLoss` for every `Reduction`: reduced losses are 0-d, `.none` has shape `noneShape`.
func expectLossForEveryReduction<T: BinaryFloatingPoint & Sendable>(
    at x: Tensor, _ references: [Reduction: LossReference<T>], noneShape: [Int],
    rtol: Double = 1e-5, atol: Double = 1e-6, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ loss: (Tensor, Reduction) -> Tensor
) {
    for reduction in [Reduction.none, .mean, .sum] {
        expectLoss(at: x, references[reduction], valueShape: reduction == .none ? noneShape : [],
                   rtol: rtol, atol: atol, "\(comment.map { "\($0) " } ?? "")reduction \(reduction)",
                   sourceLocation: sourceLocation) { loss($0, reduction) }
    }
}
