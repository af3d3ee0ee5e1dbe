/// The fraction of samples whose true class is among the `k` highest logits, like torchmetrics'
/// `MulticlassAccuracy(top_k: k, average: "micro")`. Ties rank as a stable descending sort does
/// (the lower class index first), so `k = 1` agrees with `Accuracy`.
public struct TopKAccuracy: Metric, Equatable {
    public let k: Int
    public var name: String { "top\(k)_accuracy" }
    public private(set) var correct = 0
    public private(set) var total = 0

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
            correct += 1
        }
        total += batch.labels.count
    }

    /// correct / total; NaN before the first sample.
    public func compute() -> Double { total > 0 ? Double(correct) / Double(total) : .nan }

    public mutating func reset() { (correct, total) = (0, 0) }

    /// [correct, total].
    public var state: [Double] { [Double(correct), Double(total)] }

    public mutating func load(state: [Double]) throws {
        try MetricStateError.check(state, metric: name, expected: 2, counts: 0..<2)
        guard state[0] <= state[1] else {
            throw MetricStateError.invalidValue(metric: name, index: 0, value: state[0], expected: "at most the total \(state[1])")
        }
        (correct, total) = (Int(state[0]), Int(state[1]))
    }
}

/// The top-k accuracy of one batch of logits [N, C] against class indices [N] (NaN for an empty batch).
public func topKAccuracy(logits: Tensor, labels: Tensor, k: Int) -> Double {
    var metric = TopKAccuracy(k: k)
    metric.update(outputs: logits, targets: labels)
    return metric.compute()
}
