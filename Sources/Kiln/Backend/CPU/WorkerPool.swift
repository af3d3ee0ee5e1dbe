import Foundation
import Synchronization

/// The threads behind `ThreadPool`: `threadCount - 1` workers that live for the whole process,
/// plus the calling thread, which always takes part.
///
/// Idle workers spin for a short while before they sleep, as OpenMP runtimes do: kernels come in
/// quick succession in a training loop, and waking a sleeping thread costs tens of microseconds —
/// as long as a whole medium-sized kernel. One job runs at a time; a job submitted while another
/// runs (from another thread, or from inside a job) runs on its caller's thread alone.
@usableFromInline
final class WorkerPool: @unchecked Sendable {
    @usableFromInline static let shared = WorkerPool(workers: ThreadPool.threadCount - 1)

    /// One submitted job: its chunks are claimed through `next` and counted down in `pending`.
    /// Workers keep a reference while they look at it, so a late claim never touches a newer job.
    /// The body is reached through a pointer that is only followed for a claimed chunk, while
    /// `run` is still waiting for that chunk — so the caller's closure never escapes `run`.
    private final class Job: @unchecked Sendable {
        let chunks: Int
        let body: UnsafePointer<(Int) -> Void>
        let next = Atomic<Int>(0)
        let pending: Atomic<Int>
        init(chunks: Int, body: UnsafePointer<(Int) -> Void>) {
            self.chunks = chunks
            self.body = body
            pending = Atomic(chunks)
        }

        /// Runs chunks until none are left to claim.
        func work() {
            while true {
                let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if c >= chunks { return }
                body.pointee(c)
                pending.subtract(1, ordering: .releasing)
            }
        }
    }

    private let workers: Int
    /// Bumped for every job, so spinning workers notice new work without taking the lock.
    private let generation = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let lock = NSCondition()
    private var current: Job?
    /// Spin iterations (each a few nanoseconds) before an idle worker sleeps: ~50-100 µs.
    private static let spinLimit = 20_000

    private init(workers: Int) {
        self.workers = max(0, workers)
        for index in 0..<self.workers {
            let thread = Thread { [unowned self] in self.workerLoop() }
            thread.name = "kiln-worker-\(index + 1)"
            thread.start()
        }
    }

    /// Runs `body(chunk)` for every chunk in `0..<chunks` across the pool and returns when all
    /// are done.
    @usableFromInline
    func run(chunks: Int, _ body: (Int) -> Void) {
        guard workers > 0, chunks > 1,
              busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            for c in 0..<chunks { body(c) }
            return
        }
        withoutActuallyEscaping(body) { body in
            withUnsafePointer(to: body) { dispatch(Job(chunks: chunks, body: $0)) }
        }
        busy.store(false, ordering: .releasing)
    }

    /// Publishes `job` to the workers, works on it too, and returns when every chunk is done.
    private func dispatch(_ job: Job) {
        lock.lock()
        current = job
        generation.add(1, ordering: .releasing)
        lock.broadcast()
        lock.unlock()
        job.work()
        // Wait for the chunks other threads claimed.
        while job.pending.load(ordering: .acquiring) > 0 { spinPause() }
        lock.lock()
        current = nil
        lock.unlock()
    }

    private func workerLoop() {
        var seen = 0
        while true {
            // Spin briefly on the generation, then sleep until a job is published.
            var spins = 0
            while generation.load(ordering: .acquiring) == seen && spins < Self.spinLimit {
                spinPause()
                spins += 1
            }
            lock.lock()
            while generation.load(ordering: .acquiring) == seen { lock.wait() }
            seen = generation.load(ordering: .acquiring)
            let job = current
            lock.unlock()
            job?.work()
        }
    }
}

/// One step of a spin-wait. (Swift has no portable `pause` instruction; the atomic load in each
/// loop iteration paces the spin.)
@inline(__always)
private func spinPause() {}
