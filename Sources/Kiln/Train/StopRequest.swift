import Synchronization

/// A flag that asks a training loop to stop after the step it is taking: set from a signal
/// handler (Ctrl-C), another task or a callback; read by the loop after every step.
public final class StopRequest: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func request() { flag.store(true, ordering: .sequentiallyConsistent) }

    public var isRequested: Bool { flag.load(ordering: .sequentiallyConsistent) }

    /// Clears the request (before a new `fit`).
    public func reset() { flag.store(false, ordering: .sequentiallyConsistent) }
}
