import Foundation

/// The batches of one epoch between the workers that make them and the loop that takes them.
///
/// Workers claim batch numbers in order and may claim batch `b` only while
/// `b < taken + prefetch` — at most `prefetch` batches are ready or in the making ahead of the
/// one the loop is working on; a worker with nothing to claim waits. Finished batches wait in
/// `results` until the loop takes them in order.
final class BatchQueue<Batch: Sendable, Failure: Error>: @unchecked Sendable {
    private let batchCount: Int
    private let prefetch: Int
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var claimed = 0
    private var taken = 0
    private var results: [Int: Result<Batch, Failure>] = [:]
    private var stopped = false
    /// Set after a batch failed: the batches after it are not needed.
    private var failed = false
    /// Set when an async consumer's task was cancelled.
    private var cancelled = false
    private var waiter: CheckedContinuation<Void, Never>?
    let stopSignal = StopSignal()

    init(batchCount: Int, prefetch: Int) {
        self.batchCount = batchCount
        self.prefetch = prefetch
    }

    /// A worker's loop: claims batches, makes them with `produce`, and stores the results, until
    /// every batch is claimed or the queue is stopped.
    func work(_ produce: (Int, StopSignal) -> Result<Batch, Failure>?) {
        condition.lock()
        while true {
            while !stopped && !failed && claimed < batchCount && claimed >= taken + prefetch {
                condition.wait()
            }
            if stopped || failed || claimed >= batchCount { break }
            let b = claimed
            claimed += 1
            condition.unlock()
            let result = produce(b, stopSignal)
            condition.lock()
            guard let result else { break }
            results[b] = result
            if case .failure = result { failed = true }
            condition.broadcast()
            if b == taken, let waiting = waiter {
                waiter = nil
                condition.unlock()
                waiting.resume()
                condition.lock()
            }
        }
        condition.unlock()
    }

    /// The next batch's result, waiting for it; nil once every batch was taken.
    func take() -> Result<Batch, Failure>? {
        condition.lock()
        defer { condition.unlock() }
        guard taken < batchCount else { return nil }
        while results[taken] == nil { condition.wait() }
        return removeNext()
    }

    /// `take()` that suspends instead of blocking; nil also when the task is cancelled.
    func takeAsync() async -> Result<Batch, Failure>? {
        while true {
            switch poll() {
            case .ready(let result): return result
            case .done: return nil
            case .waiting: break
            }
            await withTaskCancellationHandler {
                await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                    if !register(continuation) { continuation.resume() }
                }
            } onCancel: {
                cancelWaiting()
            }
        }
    }

    private enum Poll { case ready(Result<Batch, Failure>), done, waiting }

    private func poll() -> Poll {
        condition.lock()
        defer { condition.unlock() }
        if taken >= batchCount || cancelled { return .done }
        if results[taken] != nil { return .ready(removeNext()) }
        return .waiting
    }

    /// Stores `continuation` to be resumed when the next batch is ready; false when it already is
    /// (or the wait was cancelled), and the caller resumes it itself.
    private func register(_ continuation: CheckedContinuation<Void, Never>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if results[taken] != nil || cancelled { return false }
        waiter = continuation
        return true
    }

    private func cancelWaiting() {
        condition.lock()
        cancelled = true
        let waiting = waiter
        waiter = nil
        condition.unlock()
        waiting?.resume()
    }

    /// Takes the next result out (the caller holds the lock and knows it is there).
    private func removeNext() -> Result<Batch, Failure> {
        let result = results.removeValue(forKey: taken)!
        taken += 1
        condition.broadcast()
        return result
    }

    /// Tells the workers to stop: those waiting return, those working stop after their sample.
    func stop() {
        stopSignal.raise()
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
