import Foundation
import Synchronization

/// One epoch of a loader: the sample order, and — with workers — the threads and the queue of
/// batches they fill. Owned by one iterator; when the iterator goes away (the loop ended or was
/// left early) the workers are stopped and joined.
final class EpochRun<Batch: Sendable, Failure: Error> {
    let loader: DataLoader<Batch, Failure>
    let epoch: Int
    private let order: [Int]
    private let batchCount: Int
    /// Batches handed out so far (workers = 0).
    private var position = 0
    private var finished = false
    private var queue: BatchQueue<Batch, Failure>?
    private var threads: [WorkerThread] = []
    /// Time spent in `next()` and `nextAsync()`.
    private(set) var waitingTime: Duration = .zero

    /// The run of `epoch` from batch `firstBatch` on (the earlier batches are not made).
    init(loader: DataLoader<Batch, Failure>, epoch: Int, firstBatch: Int = 0) {
        self.loader = loader
        self.epoch = epoch
        let skipped = min(firstBatch, loader.count)
        self.order = Array(loader.sampleOrder(epoch: epoch).dropFirst(skipped * loader.batchSize))
        self.batchCount = loader.count - skipped
    }

    deinit { shutDown() }

    /// The sample indices of batch `b`.
    private func indices(ofBatch b: Int) -> ArraySlice<Int> {
        let start = b * loader.batchSize
        return order[start..<min(start + loader.batchSize, order.count)]
    }

    /// The next batch, waiting for the workers if needed.
    func next() throws(Failure) -> Batch? {
        if finished { return nil }
        let start = ContinuousClock.now
        defer { waitingTime += start.duration(to: .now) }
        if loader.workers == 0 {
            guard position < batchCount else { return finish() }
            let b = position
            position += 1
            do throws(Failure) {
                return try loader.makeBatch(indices(ofBatch: b), epoch, nil)
            } catch {
                finished = true
                throw error
            }
        }
        let queue = startedQueue()
        guard let result = queue.take() else { return finish() }
        return try deliver(result)
    }

    /// `next()` for async iteration: suspends instead of blocking while the batch is made;
    /// nil when the task is cancelled.
    func nextAsync(isolation actor: isolated (any Actor)? = #isolation) async throws(Failure) -> Batch? {
        if finished { return nil }
        if Task.isCancelled { return finish() }
        if loader.workers == 0 { return try next() }
        let start = ContinuousClock.now
        defer { waitingTime += start.duration(to: .now) }
        let queue = startedQueue()
        guard let result = await queue.takeAsync() else { return finish() }
        return try deliver(result)
    }

    private func deliver(_ result: Result<Batch, Failure>) throws(Failure) -> Batch? {
        switch result {
        case .success(let batch):
            return batch
        case .failure(let error):
            shutDown()
            finished = true
            throw error
        }
    }

    private func finish() -> Batch? {
        finished = true
        shutDown()
        return nil
    }

    /// The queue, with the workers started on first use.
    private func startedQueue() -> BatchQueue<Batch, Failure> {
        if let queue { return queue }
        let queue = BatchQueue<Batch, Failure>(batchCount: batchCount, prefetch: loader.prefetch)
        self.queue = queue
        let make = loader.makeBatch, epoch = self.epoch, order = self.order, batchSize = loader.batchSize
        let produce: @Sendable (Int, StopSignal) -> Result<Batch, Failure>? = { b, stop in
            let start = b * batchSize
            let indices = order[start..<min(start + batchSize, order.count)]
            do throws(Failure) {
                guard let batch = try make(indices, epoch, stop) else { return nil }
                return .success(batch)
            } catch {
                return .failure(error)
            }
        }
        for w in 0..<loader.workers {
            threads.append(WorkerThread(name: "kiln-loader-\(w + 1)") { queue.work(produce) })
        }
        loader.threadLog.started(threads.count)
        return queue
    }

    /// Stops the workers and waits for them (each finishes at most the sample it is loading).
    private func shutDown() {
        guard let queue else { return }
        queue.stop()
        for t in threads { t.join() }
        loader.threadLog.joined(threads.count)
        threads = []
        self.queue = nil
    }
}

/// Raised to tell workers to stop between samples.
final class StopSignal: Sendable {
    private let raised = Atomic<Bool>(false)
    var isRaised: Bool { raised.load(ordering: .relaxed) }
    func raise() { raised.store(true, ordering: .relaxed) }
}

/// Counts of a loader's worker threads started and joined.
final class WorkerThreadLog: Sendable {
    private let counts = Mutex<(started: Int, joined: Int)>((0, 0))
    func started(_ n: Int) { counts.withLock { $0.started += n } }
    func joined(_ n: Int) { counts.withLock { $0.joined += n } }
    var started: Int { counts.withLock { $0.started } }
    var joined: Int { counts.withLock { $0.joined } }
}
