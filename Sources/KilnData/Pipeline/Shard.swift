extension AsyncSequence {
    /// Every `count`-th element starting at `index` — element i goes to shard i % count (tf.data's
    /// `shard`): the shards `0..<count` are disjoint and together hold every element, so each
    /// process of a distributed job reads its own part. Shard early (on the file list) so each
    /// process only opens its own files.
    public func shard(count: Int, index: Int) -> AsyncShardSequence<Self> {
        require(count >= 1, "shard: count must be at least 1, got \(count)")
        require(index >= 0 && index < count, "shard: index \(index) is out of range for \(count) shards")
        return AsyncShardSequence(base: self, count: count, index: index)
    }
}

/// The elements of one shard of a sequence; see `shard(count:index:)`.
public struct AsyncShardSequence<Base: AsyncSequence>: AsyncSequence {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let base: Base
    let count: Int
    let index: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), count: count, index: index)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        var base: Base.AsyncIterator
        let count: Int
        let index: Int
        var position = 0

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Base.Element? {
            while let element = try await base.next(isolation: actor) {
                let p = position
                position += 1
                if p % count == index { return element }
            }
            return nil
        }

        public mutating func next() async throws(Base.Failure) -> Base.Element? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncShardSequence: Sendable where Base: Sendable {}
