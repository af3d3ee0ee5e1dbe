/// The fraction of samples whose highest logit is the true class — `(logits.argmax(1) ==
/// labels).float().mean()` in PyTorch (micro accuracy; torchmetrics' `MulticlassAccuracy`
/// defaults to the macro average instead). Ties go to the first class, as `torch.argmax`.
public struct Accuracy: Metric, Equatable {
    public var name: String { "accuracy" }
    public private(set) var correct = 0
    public private(set) var total = 0

    public init() {}

    /// Adds a batch of logits [N, C] and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.classification(outputs: outputs, targets: targets, metric: name)
        for (i, label) in batch.labels.enumerated()
        where MetricInput.argmax(batch.logits, start: i * batch.classes, count: batch.classes) == label {
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

/// The accuracy of one batch of logits [N, C] against class indices [N] (NaN for an empty batch).
public func accuracy(logits: Tensor, labels: Tensor) -> Double {
    var metric = Accuracy()
    metric.update(outputs: logits, targets: labels)
    return metric.compute()
}
