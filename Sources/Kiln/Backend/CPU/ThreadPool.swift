import Foundation

/// The one worker pool that large kernels share.
///
/// Work is split into at most `threadCount` chunks and run on `WorkerPool`'s threads, which live
/// for the whole process: no thread is created per op, and the calling thread takes a chunk
/// itself. Small jobs never leave the calling thread.
public enum ThreadPool {
    /// Threads used by parallel kernels and by BLAS: `KILN_NUM_THREADS`, else the number of cores.
    public static let threadCount: Int = {
        if let text = ProcessInfo.processInfo.environment["KILN_NUM_THREADS"],
           let n = Int(text.trimmingCharacters(in: .whitespaces)), n > 0 {
            return n
        }
        return max(1, ProcessInfo.processInfo.activeProcessorCount)
    }()

    /// Calls `body(range)` for disjoint ranges that cover `0..<count`, in parallel when the work is
    /// large enough. `grain` is the smallest number of items worth a chunk of its own (roughly the
    /// number of items that take a few tens of microseconds).
    @inlinable
    public static func parallelFor(
        _ count: Int, grain: Int, _ body: (Range<Int>) -> Void
    ) {
        parallelPieces(count, grain: grain) { _, range in body(range) }
    }

    /// Like `parallelFor`, and also passes each piece's index (in `0..<pieces(count, grain:)`), so
    /// callers can keep one partial result per piece and combine them in a fixed order.
    @inlinable
    public static func parallelPieces(
        _ count: Int, grain: Int, _ body: (_ piece: Int, _ range: Range<Int>) -> Void
    ) {
        guard count > 0 else { return }
        let chunks = pieces(count, grain: grain)
        if chunks <= 1 {
            body(0, 0..<count)
            return
        }
        WorkerPool.shared.run(chunks: chunks) { chunk in
            body(chunk, (count * chunk / chunks)..<(count * (chunk + 1) / chunks))
        }
    }

    /// How many pieces `parallelFor` splits `count` items of `grain` into.
    @inlinable
    public static func pieces(_ count: Int, grain: Int) -> Int {
        Swift.max(1, min(threadCount, count / max(grain, 1)))
    }
}
