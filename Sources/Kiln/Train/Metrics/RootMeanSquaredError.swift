/// √(mean of (prediction − target)²) over every element seen, as `sqrt(F.mse_loss)` over the
/// whole epoch (torchmetrics' `MeanSquaredError(squared: false)`; scikit-learn's for one output,
/// whose multi-output default averages per-column RMSEs instead).
public struct RootMeanSquaredError: Metric, Equatable {
    public var name: String { "rmse" }
    /// Σ (prediction − target)².
    public private(set) var sumOfSquaredErrors: Double = 0
    public private(set) var count = 0

    public init() {}

    /// Adds predictions and targets of the same shape ([N, 1] against [N] is accepted).
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.regression(outputs: outputs, targets: targets, metric: name)
        for (p, t) in zip(batch.predictions, batch.targets) { sumOfSquaredErrors += (p - t) * (p - t) }
        count += batch.predictions.count
    }

    /// NaN before the first element.
    public func compute() -> Double { count > 0 ? (sumOfSquaredErrors / Double(count)).squareRoot() : .nan }

    public mutating func reset() { (sumOfSquaredErrors, count) = (0, 0) }

    /// [Σ error², count].
    public var state: [Double] { [sumOfSquaredErrors, Double(count)] }

    public mutating func load(state: [Double]) throws {
        try MetricStateError.check(state, metric: name, expected: 2, counts: [1], nonNegative: [0])
        (sumOfSquaredErrors, count) = (state[0], Int(state[1]))
    }
}
