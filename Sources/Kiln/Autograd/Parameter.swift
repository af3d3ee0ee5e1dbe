/// A trainable tensor: modules own parameters, optimizers update them in place, and `backward()`
/// adds into `grad`. Any op on `value` records, with this parameter as the autograd leaf.
public final class Parameter: @unchecked Sendable, CustomStringConvertible {
    private var storedValue: Tensor
    private var leaf: GradNode!
    /// The accumulated gradient, nil until a backward pass reaches this parameter.
    public var grad: Tensor?
    /// Whether ops on `value` record for autograd (frozen parameters set this to false).
    public var requiresGrad: Bool

    public init(_ value: Tensor, requiresGrad: Bool = true) {
        require(value.dtype.isFloatingPoint || !requiresGrad,
                "Parameter: only floating-point tensors can require gradients, not \(value.dtype)")
        storedValue = value.detach()
        self.requiresGrad = requiresGrad
        leaf = GradNode(leaf: LeafSink(self))
    }

    /// The parameter's tensor; setting it replaces the values (and keeps the gradient).
    public var value: Tensor {
        get {
            var v = storedValue
            if requiresGrad { v.gradNode = leaf }
            return v
        }
        set { storedValue = newValue.detach() }
    }

    public var shape: [Int] { storedValue.shape }
    public var dtype: DType { storedValue.dtype }

    /// Sets `grad` to nil (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() { grad = nil }

    public var description: String { "Parameter(\(storedValue.description))" }

    /// Adds a gradient, reducing it to the parameter's shape and dtype if needed.
    fileprivate func accumulate(_ g: Tensor) {
        var g = g.shape == storedValue.shape ? g : g.sum(toShape: storedValue.shape)
        if g.dtype != storedValue.dtype { g = g.cast(to: storedValue.dtype) }
        if let existing = grad { grad = existing + g } else { grad = g.contiguous() }
    }
}

/// Holds the parameter weakly: the parameter owns its leaf node, not the reverse.
private final class LeafSink: GradSink {
    weak var parameter: Parameter?
    init(_ parameter: Parameter) { self.parameter = parameter }
    func accumulate(_ gradient: Tensor) { parameter?.accumulate(gradient) }
}
