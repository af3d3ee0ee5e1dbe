import Foundation
import KilnData
import Synchronization

/// All elements of `sequence`.
func collect<S: AsyncSequence>(_ sequence: S) async throws -> [S.Element] {
    var out: [S.Element] = []
    for try await element in sequence { out.append(element) }
    return out
}

/// A source of 0, 1, 2, … (`count` of them, or without end) that counts how many elements it
/// produced and how many iterations were started, and notices cancellation of the task reading it.
struct CountingSource: AsyncSequence, Sendable {
    typealias Element = Int
    typealias Failure = Never

    final class Log: Sendable {
        let produced = Atomic<Int>(0)
        let iterations = Atomic<Int>(0)
        let sawCancellation = Atomic<Bool>(false)
        /// Calls of `next` under way (a producer inside the source).
        let active = Atomic<Int>(0)
    }

    let count: Int?
    let log = Log()
    /// Suspends this long before each element from `slowFrom` on.
    var delay: Duration = .zero
    var slowFrom = 0

    func makeAsyncIterator() -> AsyncIterator {
        log.iterations.add(1, ordering: .relaxed)
        return AsyncIterator(count: count, log: log, delay: delay, slowFrom: slowFrom)
    }

    struct AsyncIterator: AsyncIteratorProtocol {
        typealias Failure = Never
        let count: Int?
        let log: Log
        let delay: Duration
        let slowFrom: Int
        var next = 0

        mutating func next(isolation actor: isolated (any Actor)?) async -> Int? {
            log.active.add(1, ordering: .relaxed)
            defer { log.active.subtract(1, ordering: .relaxed) }
            if let count, next >= count { return nil }
            if delay > .zero && next >= slowFrom { try? await Task.sleep(for: delay) }
            if Task.isCancelled {
                log.sawCancellation.store(true, ordering: .relaxed)
                return nil
            }
            defer { next += 1 }
            log.produced.add(1, ordering: .relaxed)
            return next
        }

        mutating func next() async -> Int? { await next(isolation: nil) }
    }
}

/// Waits (up to `seconds`) until `condition` holds.
func eventually(seconds: Double = 30, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
}
