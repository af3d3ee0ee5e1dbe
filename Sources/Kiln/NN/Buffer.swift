/// Module state that is saved and loaded with the parameters but not trained, such as
/// BatchNorm's running statistics (PyTorch's registered buffers). A reference type, so the module
/// updates it in place during training.
public final class Buffer: @unchecked Sendable, CustomStringConvertible {
    public var value: Tensor

    public init(_ value: Tensor) { self.value = value.detach() }

    public var description: String { "Buffer(\(value.description))" }
}
