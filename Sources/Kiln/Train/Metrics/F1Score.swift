/// The macro-averaged F1 score of a classifier: per class 2·tp / (2·tp + fp + fn), averaged without
/// weights over the classes that occur as a target or a prediction, as scikit-learn's
/// `f1_score(average="macro", zero_division=0)` and torchmetrics' macro average compute it.
/// The counts live in `matrix`, which also gives the per-class values and a printable table.
public struct F1Score: Metric, Equatable {
    public var name: String { "f1" }
    public private(set) var matrix: ConfusionMatrix

    public init(classes: Int) {
        matrix = ConfusionMatrix(classes: classes)
    }

    /// Adds a batch of logits [N, classes] and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) { matrix.update(outputs: outputs, targets: targets) }

    /// NaN before the first sample.
    public func compute() -> Double { matrix.macroF1 }

    public mutating func reset() { matrix.reset() }

    /// The confusion matrix's counts, row-major.
    public var state: [Double] { matrix.state }

    public mutating func load(state: [Double]) throws { try matrix.load(state: state, metric: name) }
}
