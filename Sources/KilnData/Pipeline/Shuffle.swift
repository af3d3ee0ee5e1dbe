import Kiln
import Synchronization

extension AsyncSequence where Element: Sendable {
    /// The elements in a random order, through a buffer of `bufferSize` elements (tf.data's
    /// `shuffle`): the buffer is filled first, then each output is a random buffer element whose
    /// place is taken by the next input. Every element comes out exactly once; a buffer as large
    /// as the data gives a uniform permutation, a smaller one only mixes nearby elements.
    ///
    /// Each new iteration of the result (each pass of `repeat`) draws a new order when
    /// `reshuffleEachIteration` is on; the orders depend only on the seed and the pass number.
    /// Without a seed one is drawn from the global generator.
    public func shuffle(bufferSize: Int, seed: UInt64? = nil, reshuffleEachIteration: Bool = true) -> AsyncShuffleSequence<Self> {
        require(bufferSize >= 1, "shuffle: bufferSize must be at least 1, got \(bufferSize)")
        return AsyncShuffleSequence(base: self, bufferSize: bufferSize, seed: seed ?? SampleSeeds.drawSeed(),
                                    reshuffleEachIteration: reshuffleEachIteration)
    }
}

/// A sequence shuffled through a buffer; see `shuffle(bufferSize:seed:reshuffleEachIteration:)`.
public struct AsyncShuffleSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: Sendable {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let base: Base
    let bufferSize: Int
    let seed: UInt64
    let reshuffleEachIteration: Bool
    /// Iterations started so far, shared by copies of the sequence (the pass number of `repeat`).
    private let iterations = ShuffleIterationCounter()

    init(base: Base, bufferSize: Int, seed: UInt64, reshuffleEachIteration: Bool) {
        self.base = base
        self.bufferSize = bufferSize
        self.seed = seed
        self.reshuffleEachIteration = reshuffleEachIteration
    }

    public func makeAsyncIterator() -> AsyncIterator {
        let pass = reshuffleEachIteration ? iterations.next() : 0
        let generator = RandomGenerator(seed: SampleSeeds.key(seed, .pipelineShuffle, pass))
        return AsyncIterator(base: base.makeAsyncIterator(), bufferSize: bufferSize, generator: generator)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        var base: Base.AsyncIterator
        let bufferSize: Int
        var generator: RandomGenerator
        var buffer: [Base.Element] = []
        var filled = false
        var inputDone = false

        init(base: Base.AsyncIterator, bufferSize: Int, generator: RandomGenerator) {
            self.base = base
            self.bufferSize = bufferSize
            self.generator = generator
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Base.Element? {
            if !filled {
                filled = true
                buffer.reserveCapacity(Swift.min(bufferSize, 1 << 16))
                while buffer.count < bufferSize {
                    guard let element = try await base.next(isolation: actor) else { inputDone = true; break }
                    buffer.append(element)
                }
            }
            guard !buffer.isEmpty else { return nil }
            let j = generator.integer(below: buffer.count)
            let chosen = buffer[j]
            if !inputDone, let replacement = try await base.next(isolation: actor) {
                buffer[j] = replacement
            } else {
                inputDone = true
                buffer.swapAt(j, buffer.count - 1)
                buffer.removeLast()
            }
            return chosen
        }

        public mutating func next() async throws(Base.Failure) -> Base.Element? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncShuffleSequence: Sendable where Base: Sendable {}

/// A counter shared by the copies of a sequence value.
final class ShuffleIterationCounter: Sendable {
    private let value = Atomic<UInt64>(0)
    func next() -> UInt64 { value.wrappingAdd(1, ordering: .relaxed).oldValue }
}
