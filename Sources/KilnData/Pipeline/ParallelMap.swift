import Synchronization

extension AsyncSequence where Element: Sendable {
    /// `transform` applied to every element, up to `parallelism` at once on concurrent tasks,
    /// with the results in the input's order (tf.data's `map(num_parallel_calls:)`, deterministic).
    /// The input is read as results are asked for, so at most `parallelism` transforms are in
    /// flight. When the consumer stops or its task is cancelled, the transforms in flight are
    /// cancelled.
    public func map<Output: Sendable>(
        parallelism: Int, _ transform: @escaping @Sendable (Element) async throws -> Output
    ) -> AsyncParallelMapSequence<Self, Output> {
        require(parallelism >= 1, "map: parallelism must be at least 1, got \(parallelism)")
        return AsyncParallelMapSequence(base: self, parallelism: parallelism, transform: transform)
    }
}

/// A sequence transformed on concurrent tasks; see `map(parallelism:_:)`.
public struct AsyncParallelMapSequence<Base: AsyncSequence, Output: Sendable>: AsyncSequence where Base.Element: Sendable {
    public typealias Element = Output
    public typealias Failure = any Error

    let base: Base
    let parallelism: Int
    let transform: @Sendable (Base.Element) async throws -> Output

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(base: base.makeAsyncIterator(), parallelism: parallelism, transform: transform)
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        public typealias Failure = any Error
        var base: Base.AsyncIterator
        let parallelism: Int
        let transform: @Sendable (Base.Element) async throws -> Output
        let inFlight = ParallelMapTasks<Output>()
        var inputDone = false
        var finished = false

        init(base: Base.AsyncIterator, parallelism: Int, transform: @escaping @Sendable (Base.Element) async throws -> Output) {
            self.base = base
            self.parallelism = parallelism
            self.transform = transform
        }

        public mutating func next(isolation actor: isolated (any Actor)?) async throws -> Output? {
            guard !finished else { return nil }
            do {
                while !inputDone && inFlight.count < parallelism {
                    guard let element = try await base.next(isolation: actor) else { inputDone = true; break }
                    let transform = self.transform
                    inFlight.append(Task { try await transform(element) })
                }
                guard let head = inFlight.popFirst() else {
                    finished = true
                    return nil
                }
                let queue = inFlight
                return try await withTaskCancellationHandler {
                    try await head.value
                } onCancel: {
                    head.cancel()
                    queue.cancelAll()
                }
            } catch {
                finished = true
                inFlight.cancelAll()
                throw error
            }
        }

        public mutating func next() async throws -> Output? {
            try await next(isolation: nil)
        }
    }
}

extension AsyncParallelMapSequence: Sendable where Base: Sendable {}

/// Tasks in input order; cancels those left when the iterator owning it goes away.
final class ParallelMapTasks<Output: Sendable>: Sendable {
    private let tasks = Mutex<[Task<Output, any Error>]>([])

    var count: Int { tasks.withLock { $0.count } }

    func append(_ task: Task<Output, any Error>) {
        tasks.withLock { $0.append(task) }
    }

    func popFirst() -> Task<Output, any Error>? {
        tasks.withLock { $0.isEmpty ? nil : $0.removeFirst() }
    }

    func cancelAll() {
        tasks.withLock { tasks in
            for t in tasks { t.cancel() }
        }
    }

    deinit { cancelAll() }
}
