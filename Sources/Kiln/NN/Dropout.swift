/// Zeroes each element with probability `p` and scales the rest by 1/(1−p) when `training`, so
/// the expected value is unchanged (PyTorch's `nn.functional.dropout`); the identity otherwise.
/// The mask is drawn from the default generator (`GlobalRandom`).
public func dropout(_ input: Tensor, p: Double = 0.5, training: Bool = true) -> Tensor {
    require(p >= 0 && p <= 1, "dropout: probability must be in [0, 1], got \(p)")
    guard training, p > 0 else { return input }
    if p == 1 { return input * 0 }
    let keep = Tensor(randomUniform: input.shape, dtype: input.dtype.isFloatingPoint ? input.dtype : .float32) .>= p
    return input * keep.cast(to: input.dtype) * (1 / (1 - p))
}

/// Dropout as a layer, PyTorch's `nn.Dropout`: active in training mode, the identity in eval mode.
public final class Dropout: Module {
    public let p: Double

    public init(_ p: Double = 0.5) {
        require(p >= 0 && p <= 1, "Dropout: probability must be in [0, 1], got \(p)")
        self.p = p
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor { dropout(input, p: p, training: training) }

    public override var extraDescription: String { "p: \(p)" }
}
