/// The running mean of a number over an epoch — typically the loss — weighted by batch size, so
/// that a smaller last batch counts for what it holds (the mean over samples, as PyTorch users
/// compute it with `total += loss.item() * n; total / count`).
///
/// ```swift
/// var loss = MeanMetric(name: "loss")
/// loss.update(lossTensor.item(), weight: Double(batchSize))
/// ```
public struct MeanMetric: Metric, Equatable {
    public let name: String
    /// Σ value × weight.
    public private(set) var sum: Double = 0
    /// Σ weight.
    public private(set) var weight: Double = 0

    public init(name: String = "loss") {
        self.name = name
    }

    /// Adds `value` with `weight` (e.g. a batch's mean loss and its batch size).
    public mutating func update(_ value: Double, weight: Double = 1) {
        require(weight >= 0 && weight.isFinite, "\(name): weight must be finite and non-negative, got \(weight)")
        sum += value * weight
        self.weight += weight
    }

    /// Adds every element of `outputs` with weight 1 (per-sample losses from a loss with
    /// `reduction: .none`); `targets` are not used. A 0-d mean loss counts as one sample here:
    /// pass it to `update(_:weight:)` with the batch size instead.
    public mutating func update(outputs: Tensor, targets: Tensor) {
        for value in MetricInput.doubles(outputs) { sum += value }
        weight += Double(outputs.count)
    }

    /// Σ value × weight / Σ weight; NaN before the first update.
    public func compute() -> Double { weight > 0 ? sum / weight : .nan }

    public mutating func reset() { (sum, weight) = (0, 0) }

    /// [sum, weight].
    public var state: [Double] { [sum, weight] }

    public mutating func load(state: [Double]) throws {
        try MetricStateError.check(state, metric: name, expected: 2, counts: [], nonNegative: [1])
        guard state[1].isFinite else {
            throw MetricStateError.invalidValue(metric: name, index: 1, value: state[1], expected: "a finite non-negative weight")
        }
        (sum, weight) = (state[0], state[1])
    }
}
