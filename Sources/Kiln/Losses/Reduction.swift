// How a loss turns its per-element values into its result, and the checks the losses share.

/// How a loss reduces its per-element values: their mean, their sum, or none (the per-element
/// losses themselves) — PyTorch's `reduction='mean' | 'sum' | 'none'`.
public enum Reduction: String, Sendable {
    case mean, sum, none
}

extension Tensor {
    /// The per-element losses `self` reduced as `reduction` says (recorded for autograd).
    func reduced(_ reduction: Reduction) -> Tensor {
        switch reduction {
        case .mean: mean()
        case .sum: sum()
        case .none: self
        }
    }
}

/// Stops unless `input` and `target` have the same shape, naming the loss and both shapes.
func requireSameShape(_ input: Tensor, _ target: Tensor, loss: String, targetName: String = "target") {
    require(input.shape == target.shape,
            "\(loss): input shape \(input.shape) and \(targetName) shape \(target.shape) must be equal")
}

/// Stops unless `input` is floating-point (losses have gradients only for floating-point inputs).
func requireFloatingPoint(_ input: Tensor, loss: String, name: String = "input") {
    require(input.dtype.isFloatingPoint, "\(loss): \(name) must be floating-point, not \(input.dtype)")
}

/// Stops unless `weight` broadcasts to `shape` without growing it.
func requireBroadcastable(_ weight: Tensor, to shape: [Int], loss: String, name: String = "weight") {
    require(Shape.broadcast(weight.shape, shape) == shape,
            "\(loss): \(name) shape \(weight.shape) does not broadcast to input shape \(shape)")
}
