/// The fraction of samples whose true class is among the `k` highest logits, like torchmetrics'
/// `MulticlassAccuracy(top_k: k, average: "micro")`. Ties rank as a stable descending sort does
/// (the lower class index first), so `k = 1` agrees with `Accuracy`.
public struct TopKAccuracy: Metric, Equatable {
    public let k: Int
    public var name: String { "top\(k)_accuracy" }
    private var counts = CorrectCount()
    /// Samples whose true class was counted correct so far.
    public var correct: Int { counts.correct }
    /// Samples seen so far.
    public var total: Int { counts.total }

    public init(k: Int) {
        require(k >= 1, "TopKAccuracy: k must be at least 1, got \(k)")
        self.k = k
    }

    /// Adds a batch of logits [N, C] (C ≥ k) and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.classification(outputs: outputs, targets: targets, metric: name)
        require(k <= batch.classes, "\(name): k = \(k) is more than the \(batch.classes) classes of outputs of shape \(outputs.shape)")
        for (i, label) in batch.labels.enumerated()
        where MetricInput.isInTopK(batch.logits, start: i * batch.classes, count: batch.classes, label: label, k: k) {
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

/// The top-k accuracy of one batch of logits [N, C] against class indices [N] (NaN for an empty batch).
public func topKAccuracy(logits: Tensor, labels: Tensor, k: Int) -> Double {
    var metric = TopKAccuracy(k: k)
    metric.update(outputs: logits, targets: labels)
    return metric.compute()
}
