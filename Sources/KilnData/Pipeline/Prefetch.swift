import Synchronization

extension AsyncSequence where Self: Sendable, Element: Sendable {
    /// Reads ahead on a task of its own, at most `count` elements ahead of the consumer (tf.data's
    /// `prefetch`): the stages before it (decoding, `map`, `batch`) run while the consumer works.
    /// When the consumer stops or its task is cancelled, the producer task is cancelled too.
    public func prefetch(_ count: Int) -> AsyncPrefetchSequence<Self> {
        require(count >= 1, "prefetch: count must be at least 1, got \(count)")
        return AsyncPrefetchSequence(base: self, count: count)
    }
}

/// A sequence read ahead by a producer task; see `prefetch(_:)`.
public struct AsyncPrefetchSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element: Sendable {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    let base: Base
    let count: Int

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(producer: PrefetchProducer(base: base, capacity: count))
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = Base.Failure
        let producer: PrefetchProducer<Base>

        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Base.Failure) -> Base.Element? {
            try await producer.next()
        }

        public mutating func next() async throws(Base.Failure) -> Base.Element? {
            try await producer.next()
        }
    }
}

/// The producer task of one iteration of a prefetched sequence and the buffer it fills. Owned by
/// the iterator only (the task holds the buffer, not this object), so when the consumer drops
/// the iterator, `deinit` cancels the task.
final class PrefetchProducer<Base: AsyncSequence & Sendable>: Sendable where Base.Element: Sendable {
    private let base: Base
    private let buffer: PrefetchBuffer<Base.Element, Base.Failure>
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(base: Base, capacity: Int) {
        self.base = base
        self.buffer = PrefetchBuffer(capacity: capacity)
    }

    deinit {
        buffer.close()
        task.withLock { $0?.cancel() }
    }

    func next() async throws(Base.Failure) -> Base.Element? {
        startIfNeeded()
        let result = await withTaskCancellationHandler {
            await buffer.take()
        } onCancel: {
            buffer.close()
        }
        if result == nil { stop() }
        return try result?.get()
    }

    private func stop() {
        buffer.close()
        task.withLock { $0?.cancel() }
    }

    private func startIfNeeded() {
        task.withLock { task in
            guard task == nil else { return }
            let base = self.base, buffer = self.buffer
            task = Task {
                var iterator = base.makeAsyncIterator()
                do throws(Base.Failure) {
                    // Wait for room before reading, so at most `capacity` elements are read ahead.
                    while await buffer.waitForRoom(), let element = try await iterator.next(isolation: nil) {
                        buffer.put(.success(element))
                    }
                    buffer.finish()
                } catch {
                    buffer.put(.failure(error))
                    buffer.finish()
                }
            }
        }
    }
}

/// A queue of at most `capacity` results between one producer and one consumer, both of which
/// suspend (never block) while it is full or empty.
final class PrefetchBuffer<Element: Sendable, Failure: Error>: Sendable {
    private struct State {
        var items: [Result<Element, Failure>] = []
        var head = 0
        var finished = false
        var closed = false
        var consumer: CheckedContinuation<Void, Never>?
        var producer: CheckedContinuation<Void, Never>?
        var count: Int { items.count - head }
    }

    private let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Waits until there is room for one more result; false once the consumer has gone.
    func waitForRoom() async -> Bool {
        while true {
            let status: Bool? = state.withLock { s in
                if s.closed { return false }
                return s.count < capacity ? true : nil
            }
            if let status { return status }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.closed || s.count < capacity { return true }
                    s.producer = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }

    func put(_ result: Result<Element, Failure>) {
        let waiting = state.withLock { s -> CheckedContinuation<Void, Never>? in
            guard !s.closed else { return nil }
            s.items.append(result)
            defer { s.consumer = nil }
            return s.consumer
        }
        waiting?.resume()
    }

    /// No more results will come.
    func finish() {
        let waiting = state.withLock { s -> CheckedContinuation<Void, Never>? in
            s.finished = true
            defer { s.consumer = nil }
            return s.consumer
        }
        waiting?.resume()
    }

    /// The consumer has gone: drops the results and wakes both sides.
    func close() {
        let (consumer, producer) = state.withLock { s in
            s.closed = true
            s.items = []
            s.head = 0
            defer { s.consumer = nil; s.producer = nil }
            return (s.consumer, s.producer)
        }
        consumer?.resume()
        producer?.resume()
    }

    /// The next result, waiting for it; nil at the end or once closed.
    func take() async -> Result<Element, Failure>? {
        while true {
            let (taken, wake, done) = state.withLock { s -> (Result<Element, Failure>?, CheckedContinuation<Void, Never>?, Bool) in
                if s.closed { return (nil, nil, true) }
                if s.count > 0 {
                    let item = s.items[s.head]
                    s.head += 1
                    if s.head > 64 && s.head * 2 > s.items.count {
                        s.items.removeFirst(s.head)
                        s.head = 0
                    }
                    defer { s.producer = nil }
                    return (item, s.producer, false)
                }
                return (nil, nil, s.finished)
            }
            wake?.resume()
            if let taken { return taken }
            if done { return nil }
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let now = state.withLock { s -> Bool in
                    if s.closed || s.finished || s.count > 0 { return true }
                    s.consumer = continuation
                    return false
                }
                if now { continuation.resume() }
            }
        }
    }
}
