/// A quantity accumulated over the batches of an epoch — accuracy, F1, mean absolute error — that
/// a training loop updates after each forward pass and reads at the end of the epoch.
///
/// Metrics read the batch's values once into Swift arrays and keep only running sums, so they add
/// nothing to the autograd graph and cost little next to the step itself. Their sums are plain
/// numbers (`state`) so that a checkpoint written mid-epoch can resume them exactly.
///
/// ```swift
/// var metrics: [any Metric] = [Accuracy(), F1Score(classes: 10)]
/// for (images, labels) in loader {
///     let logits = model(images)
///     for i in metrics.indices { metrics[i].update(outputs: logits, targets: labels) }
/// }
/// for metric in metrics { print(metric.name, metric.compute()) }
/// ```
public protocol Metric: Sendable {
    /// Column and tag name, e.g. "accuracy", "top5_accuracy", "f1", "mae", "rmse".
    var name: String { get }
    /// Adds one batch: `outputs` are the model outputs (logits [N, C] for classification,
    /// predictions for regression), `targets` the labels (integers [N]) or the target values
    /// (same shape as `outputs`).
    mutating func update(outputs: Tensor, targets: Tensor)
    /// The value over everything seen since the last reset (NaN when nothing was seen).
    func compute() -> Double
    /// Forgets everything seen, for the next epoch.
    mutating func reset()
    /// The accumulated sums as numbers, so a run interrupted mid-epoch can resume its metrics
    /// from a checkpoint.
    var state: [Double] { get }
    /// Restores sums saved from `state`. Throws `MetricStateError` (and changes nothing) when
    /// they have the wrong length or a count is not a non-negative whole number.
    mutating func load(state: [Double]) throws
}
