extension AsyncSequence {
    /// The sequence `count` times over, or forever when `count` is nil (tf.data's `repeat`); each
    /// pass iterates the sequence anew, so a `shuffle` before it gives each pass a new order. A
    /// pass that yields nothing ends the repetition (an empty sequence repeated is empty).
    public func `repeat`(_ count: Int? = nil) -> AsyncRepeatSequence<Self> {
        if let count { require(count >= 0, "repeat: count must not be negative, got \(count)") }
        return AsyncRepeatSequence(base: self, count: count)
    }
}

/// A sequence repeated; see `repeat(_:)`.
public struct AsyncRepeatSequence<Base: AsyncSequence>: AsyncSequence {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let base: Base
    let count: Int?

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base, count: count)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        let base: Base
        let count: Int?
        var current: Base.AsyncIterator?
        var passes = 0
        var yieldedThisPass = false
        var done = false

        init(base: Base, count: Int?) {
            self.base = base
            self.count = count
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Base.Element? {
            while !done {
                if current == nil {
                    if let count, passes >= count { done = true; break }
                    current = base.makeAsyncIterator()
                    yieldedThisPass = false
                }
                if let element = try await current!.next(isolation: actor) {
                    yieldedThisPass = true
                    return element
                }
                current = nil
                passes += 1
                if !yieldedThisPass { done = true }
            }
            return nil
        }

        public mutating func next() async throws(Base.Failure) -> Base.Element? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncRepeatSequence: Sendable where Base: Sendable {}
