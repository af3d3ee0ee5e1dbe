extension AsyncSequence where Element: Collatable {
    /// Consecutive elements joined into batches of `size` (tf.data's `batch`): tensors stacked
    /// along a new first axis, numbers into 1-D tensors (see `Collatable`). The last batch may be
    /// smaller unless `dropRemainder` leaves it out.
    public func batch(size: Int, dropRemainder: Bool = false) -> AsyncBatchSequence<Self, Element.Batch> {
        batch(size: size, dropRemainder: dropRemainder, collate: { Element.collate($0) })
    }
}

extension AsyncSequence {
    /// Batches of tuples, collated entry by entry: `(Tensor, Int)` elements give `(Tensor, Tensor)`.
    public func batch<First: Collatable, Second: Collatable, each Rest: Collatable>(size: Int, dropRemainder: Bool = false)
        -> AsyncBatchSequence<Self, (First.Batch, Second.Batch, repeat (each Rest).Batch)>
        where Element == (First, Second, repeat each Rest) {
        batch(size: size, dropRemainder: dropRemainder, collate: { (samples: [(First, Second, repeat each Rest)]) in collate(samples) })
    }

    /// Consecutive elements in batches of `size`, joined by `collate` (use `{ $0 }` for arrays).
    public func batch<Batch>(size: Int, dropRemainder: Bool = false,
                             collate: @escaping @Sendable ([Element]) -> Batch) -> AsyncBatchSequence<Self, Batch> {
        require(size >= 1, "batch: size must be at least 1, got \(size)")
        return AsyncBatchSequence(base: self, size: size, dropRemainder: dropRemainder, collate: collate)
    }
}

/// A sequence in batches; see `batch(size:dropRemainder:)`.
public struct AsyncBatchSequence<Base: AsyncSequence, Batch>: AsyncSequence {
    public typealias Element = Batch
    public typealias Failure = Base.Failure

    let base: Base
    let size: Int
    let dropRemainder: Bool
    let collate: @Sendable ([Base.Element]) -> Batch

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), size: size, dropRemainder: dropRemainder, collate: collate)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        var base: Base.AsyncIterator
        let size: Int
        let dropRemainder: Bool
        let collate: @Sendable ([Base.Element]) -> Batch
        var done = false

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Batch? {
            guard !done else { return nil }
            var samples: [Base.Element] = []
            samples.reserveCapacity(size)
            while samples.count < size {
                guard let element = try await base.next(isolation: actor) else { done = true; break }
                samples.append(element)
            }
            if samples.isEmpty || (dropRemainder && samples.count < size) { return nil }
            return collate(samples)
        }

        public mutating func next() async throws(Base.Failure) -> Batch? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncBatchSequence: Sendable where Base: Sendable {}
