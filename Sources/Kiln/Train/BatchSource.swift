/// The batches a training loop iterates, epoch by epoch: KilnData's `DataLoader`, or an array of
/// batches. A source can start an epoch at any batch, so a run resumed from a checkpoint taken
/// mid-epoch sees exactly the batches the uninterrupted run would have seen.
public protocol BatchSource<Element> {
    /// A batch.
    associatedtype Element

    /// Batches per epoch.
    var count: Int { get }

    /// Calls `body` with the batches of `epoch` in order, from batch `firstBatch` on, until the
    /// epoch ends or `body` returns false.
    func forEachBatch(epoch: Int, from firstBatch: Int, _ body: (Element) throws -> Bool) throws
}

/// The same batches every epoch, in order (small data sets, tests).
extension Array: BatchSource {
    public func forEachBatch(epoch: Int, from firstBatch: Int, _ body: (Element) throws -> Bool) throws {
        for batch in dropFirst(firstBatch) where try !body(batch) { return }
    }
}
