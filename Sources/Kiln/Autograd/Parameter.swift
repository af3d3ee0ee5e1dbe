/// A trainable tensor: modules own parameters, optimizers update them in place, and `backward()`
/// adds into `grad`. Any op on `value` records, with this parameter as the autograd leaf.
///
/// The parameter keeps its values in contiguous storage of its own (it copies the tensor it is
/// given), so optimizers can update them in place without allocating. As with PyTorch's
/// parameters, a tensor read from `value` shares that storage and sees later updates.
public final class Parameter: @unchecked Sendable, CustomStringConvertible {
    /// Contiguous, offset 0, and in storage that no tensor outside this parameter was created with.
    private var storedValue: Tensor
    private var leaf: GradNode!
    /// The accumulated gradient, nil until a backward pass reaches this parameter.
    public var grad: Tensor?
    /// Whether ops on `value` record for autograd (frozen parameters set this to false).
    public var requiresGrad: Bool

    public init(_ value: Tensor, requiresGrad: Bool = true) {
        require(value.dtype.isFloatingPoint || !requiresGrad,
                "Parameter: only floating-point tensors can require gradients, not \(value.dtype)")
        storedValue = value.copied()
        self.requiresGrad = requiresGrad
        leaf = GradNode(leaf: LeafSink(self))
    }

    /// The parameter's tensor; setting it copies the new values in (and keeps the gradient).
    public var value: Tensor {
        get {
            var v = storedValue
            if requiresGrad { v.gradNode = leaf }
            return v
        }
        set { storedValue = newValue.copied() }
    }

    /// Calls `body` with the parameter's elements (row-major) for an update in place, as optimizers
    /// do. `T` must be the parameter's element type. Tensors read from `value` earlier share these
    /// elements and see the change; the autograd graph is not told, so update only between a
    /// backward pass and the next forward pass.
    public func withUnsafeMutableValues<T: TensorElement, R>(
        as _: T.Type, _ body: (UnsafeMutableBufferPointer<T>) throws -> R
    ) rethrows -> R {
        require(T.dtype == storedValue.dtype,
                "Parameter.withUnsafeMutableValues: the parameter holds \(storedValue.dtype), not \(T.dtype)")
        let values = storedValue
        return try withExtendedLifetime(values) {
            try body(UnsafeMutableBufferPointer(start: values.pointer(as: T.self), count: values.count))
        }
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
