/// The elements of a Swift sequence as an `AsyncSequence`: where a streaming pipeline starts from
/// values in memory (tf.data's `from_tensor_slices`), e.g. a list of files.
///
/// ```swift
/// for try await batch in AsyncElements(0..<1000).map(parallelism: 4) { try load($0) }.batch(size: 32) { … }
/// ```
public struct AsyncElements<Elements: Sequence & Sendable>: AsyncSequence, Sendable where Elements.Element: Sendable {
    public typealias Element = Elements.Element
    public typealias Failure = Never

    public let elements: Elements

    public init(_ elements: Elements) {
        self.elements = elements
    }

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: elements.makeIterator())
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Never
        var base: Elements.Iterator

        public mutating func next(isolation actor: isolated (any Actor)?) async -> Element? {
            base.next()
        }

        public mutating func next() async -> Element? {
            base.next()
        }
    }
}
