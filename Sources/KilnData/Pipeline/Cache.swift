import Synchronization

extension AsyncSequence where Element: Sendable {
    /// Remembers the elements of the first complete pass and replays them on later passes without
    /// reading the sequence again (tf.data's in-memory `cache`): put it after expensive, fixed
    /// stages (decoding) and before random ones (`shuffle`, augmentation). A pass that stops early
    /// or fails records nothing.
    public func cache() -> AsyncCacheSequence<Self> {
        AsyncCacheSequence(base: self)
    }
}

/// A sequence whose first complete pass is replayed; see `cache()`.
public struct AsyncCacheSequence<Base: AsyncSequence>: AsyncSequence where Base.Element: Sendable {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let base: Base
    private let storage = CacheStorage<Base.Element>()

    init(base: Base) {
        self.base = base
    }

    public func makeAsyncIterator() -> AsyncIterator {
        if let elements = storage.elements {
            return AsyncIterator(source: .replay(elements, 0), storage: storage)
        }
        return AsyncIterator(source: .record(base.makeAsyncIterator(), []), storage: storage)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        enum Source {
            case replay([Base.Element], Int)
            case record(Base.AsyncIterator, [Base.Element])
            case done
        }

        var source: Source
        let storage: CacheStorage<Base.Element>

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Base.Element? {
            switch source {
            case .replay(let elements, let i):
                guard i < elements.count else { source = .done; return nil }
                source = .replay(elements, i + 1)
                return elements[i]
            case .record(var iterator, var seen):
                source = .done
                guard let element = try await iterator.next(isolation: actor) else {
                    storage.store(seen)
                    return nil
                }
                seen.append(element)
                source = .record(iterator, seen)
                return element
            case .done:
                return nil
            }
        }

        public mutating func next() async throws(Base.Failure) -> Base.Element? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncCacheSequence: Sendable where Base: Sendable {}

/// The recorded elements, shared by the copies of a cached sequence.
final class CacheStorage<Element: Sendable>: Sendable {
    private let recorded = Mutex<[Element]?>(nil)

    var elements: [Element]? { recorded.withLock { $0 } }

    /// Keeps `elements` unless an earlier pass already completed.
    func store(_ elements: [Element]) {
        recorded.withLock { if $0 == nil { $0 = elements } }
    }
}
