/// The fraction of samples whose highest logit is the true class — `(logits.argmax(1) ==
/// labels).float().mean()` in PyTorch (micro accuracy; torchmetrics' `MulticlassAccuracy`
/// defaults to the macro average instead). Ties go to the first class, as `torch.argmax`.
public struct Accuracy: Metric, Equatable {
    public var name: String { "accuracy" }
    private var counts = CorrectCount()
    /// Samples whose true class was counted correct so far.
    public var correct: Int { counts.correct }
    /// Samples seen so far.
    public var total: Int { counts.total }

    public init() {}

    /// Adds a batch of logits [N, C] and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.classification(outputs: outputs, targets: targets, metric: name)
        for (i, label) in batch.labels.enumerated()
        where MetricInput.argmax(batch.logits, start: i * batch.classes, count: batch.classes) == label {
            counts.correct += 1
        }
        counts.total += batch.labels.count
    }

    /// correct / total; NaN before the first sample.
    public func compute() -> Double { counts.compute() }

    public mutating func reset() { counts = CorrectCount() }

    /// [correct, total].
    public var state: [Double] { counts.state }

    public mutating func load(state: [Double]) throws { try counts.load(state, metric: name) }
}

/// The accuracy of one batch of logits [N, C] against class indices [N] (NaN for an empty batch).
public func accuracy(logits: Tensor, labels: Tensor) -> Double {
    var metric = Accuracy()
    metric.update(outputs: logits, targets: labels)
    return metric.compute()
}
