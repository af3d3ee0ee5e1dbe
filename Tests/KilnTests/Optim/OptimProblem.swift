import Testing
@testable import Kiln

/// The fixed problem of Tests/Fixtures/reference/make_optim_literals.py: a [3, 4] weight and a [3]
/// bias with fixed initial values, fixed inputs x [5, 4] and targets y [5, 3], and
/// loss = mean((x Wᵀ + b − y)²) + 0.1 · Σ tanh(2W) + 0.05 · Σ b³.
struct OptimProblem {
    let weight: Parameter
    let bias: Parameter
    let x: Tensor
    let y: Tensor

    init(dtype: DType = .float32) {
        weight = Parameter(opTensor([3, 4], mul: 7, mod: 11, offset: 5, scale: 0.125, dtype: dtype))
        bias = Parameter(Tensor([0.25, -0.5, 0.125] as [Double]).cast(to: dtype))
        x = opTensor([5, 4], mul: 5, mod: 9, offset: 4, scale: 0.25, dtype: dtype)
        y = opTensor([5, 3], mul: 3, mod: 7, offset: 3, scale: 0.5, dtype: dtype)
    }

    var parameters: [Parameter] { [weight, bias] }

    func loss() -> Tensor {
        let w = weight.value, b = bias.value
        let r = x.matmul(w.transposed()) + b - y
        return (r * r).mean() + 0.1 * tanh(2 * w).sum() + 0.05 * (b * b * b).sum()
    }

    /// `steps` rounds of zeroGrad / backward / step.
    func train(_ optimizer: Optimizer, steps: Int) {
        for _ in 0..<steps {
            optimizer.zeroGrad()
            loss().backward()
            optimizer.step()
        }
    }

    /// Computes the gradients at the current values (after clearing old ones).
    func computeGradients() {
        for p in parameters { p.grad = nil }
        loss().backward()
    }

    /// W (row-major) then b, as the reference script prints them.
    var values: Tensor {
        Tensor.concat([weight.value.detach().reshaped([12]), bias.value.detach()])
    }

    /// The gradients of W (row-major) then b.
    var gradients: Tensor {
        Tensor.concat([weight.grad!.reshaped([12]), bias.grad!])
    }
}
