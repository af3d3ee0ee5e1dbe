// How a loss turns its per-element values into the result, and the checks every loss shares.

/// How a loss reduces its per-element values: their mean, their sum, or none (the per-element
/// losses themselves) — PyTorch's `reduction='mean' | 'sum' | 'none'`.
public enum Reduction: String, Sendable {
    case mean, sum, none
}

/// A loss as a value: the module form of a loss function, with its options stored, so a training
/// loop can take any loss.
public protocol Loss: Sendable {
    /// The loss of `input` (the model's output) against `target`.
    func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor
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
