/// The mean of |prediction − target| over every element seen, as `F.l1_loss` over the whole
/// epoch (torchmetrics' `MeanAbsoluteError`; scikit-learn's for one output).
public struct MeanAbsoluteError: Metric, Equatable {
    public var name: String { "mae" }
    /// Σ |prediction − target|.
    public private(set) var sumOfAbsoluteErrors: Double = 0
    public private(set) var count = 0

    public init() {}

    /// Adds predictions and targets of the same shape ([N, 1] against [N] is accepted).
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.regression(outputs: outputs, targets: targets, metric: name)
        for (p, t) in zip(batch.predictions, batch.targets) { sumOfAbsoluteErrors += (p - t).magnitude }
        count += batch.predictions.count
    }

    /// NaN before the first element.
    public func compute() -> Double { count > 0 ? sumOfAbsoluteErrors / Double(count) : .nan }

    public mutating func reset() { (sumOfAbsoluteErrors, count) = (0, 0) }

    /// [Σ |error|, count].
    public var state: [Double] { [sumOfAbsoluteErrors, Double(count)] }

    public mutating func load(state: [Double]) throws {
        try MetricStateError.check(state, metric: name, expected: 2, counts: [1], nonNegative: [0])
        (sumOfAbsoluteErrors, count) = (state[0], Int(state[1]))
    }
}
