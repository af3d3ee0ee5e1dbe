extension AsyncSequence where Element: Sendable {
    /// The elements of the inner sequences `makeInner` produces from this one's elements, taken
    /// round-robin from up to `cycleLength` of them at a time, `blockLength` elements per turn
    /// (tf.data's deterministic `interleave`). When an inner sequence ends, the next outer element
    /// opens a new one in its place on that slot's next turn. Typical use: read several files at
    /// once, so records of different files mix:
    ///
    /// ```swift
    /// files.interleave(cycleLength: 4) { path in try TFRecordReader(path: path).records }
    /// ```
    public func interleave<Inner: AsyncSequence>(
        cycleLength: Int, blockLength: Int = 1,
        _ makeInner: @escaping @Sendable (Element) async throws -> Inner
    ) -> AsyncInterleaveSequence<Self, Inner> {
        require(cycleLength >= 1, "interleave: cycleLength must be at least 1, got \(cycleLength)")
        require(blockLength >= 1, "interleave: blockLength must be at least 1, got \(blockLength)")
        return AsyncInterleaveSequence(base: self, cycleLength: cycleLength, blockLength: blockLength, makeInner: makeInner)
    }
}

/// Inner sequences read round-robin; see `interleave(cycleLength:blockLength:_:)`.
public struct AsyncInterleaveSequence<Base: AsyncSequence, Inner: AsyncSequence>: AsyncSequence where Base.Element: Sendable {
    public typealias Element = Inner.Element
    public typealias Failure = any Error

    let base: Base
    let cycleLength: Int
    let blockLength: Int
    let makeInner: @Sendable (Base.Element) async throws -> Inner

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), cycleLength: cycleLength, blockLength: blockLength, makeInner: makeInner)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = any Error
        var base: Base.AsyncIterator
        let blockLength: Int
        let makeInner: @Sendable (Base.Element) async throws -> Inner
        /// The open inner sequences, one per slot of the cycle.
        var slots: [Inner.AsyncIterator?]
        var slot = 0
        /// Elements taken from the current slot in this turn.
        var taken = 0
        var open = 0
        var inputDone = false

        init(base: Base.AsyncIterator, cycleLength: Int, blockLength: Int,
             makeInner: @escaping @Sendable (Base.Element) async throws -> Inner) {
            self.base = base
            self.blockLength = blockLength
            self.makeInner = makeInner
            self.slots = Array(repeating: nil, count: cycleLength)
        }

        private mutating func advanceSlot() {
            taken = 0
            slot = (slot + 1) % slots.count
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Inner.Element? {
            while !inputDone || open > 0 {
                if var inner = slots[slot] {
                    let element = try await inner.next(isolation: actor)
                    if let element {
                        slots[slot] = inner
                        taken += 1
                        if taken == blockLength { advanceSlot() }
                        return element
                    }
                    // This inner sequence has ended: free its slot and move on.
                    slots[slot] = nil
                    open -= 1
                    advanceSlot()
                } else if !inputDone {
                    if let outer = try await base.next(isolation: actor) {
                        slots[slot] = try await makeInner(outer).makeAsyncIterator()
                        open += 1
                    } else {
                        inputDone = true
                    }
                } else {
                    advanceSlot()
                }
            }
            return nil
        }

        public mutating func next() async throws -> Inner.Element? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncInterleaveSequence: Sendable where Base: Sendable {}
