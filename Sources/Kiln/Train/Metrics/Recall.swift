/// The macro-averaged recall of a classifier: per class tp / (tp + fn), averaged without
/// weights over the classes that occur as a target or a prediction, as scikit-learn's
/// `recall_score(average="macro", zero_division=0)` and torchmetrics' macro average compute it.
/// The counts live in `matrix`, which also gives the per-class values and a printable table.
public struct Recall: Metric, Equatable {
    public var name: String { "recall" }
    public private(set) var matrix: ConfusionMatrix

    public init(classes: Int) {
        matrix = ConfusionMatrix(classes: classes)
    }

    /// Adds a batch of logits [N, classes] and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) { matrix.update(outputs: outputs, targets: targets) }

    /// NaN before the first sample.
    public func compute() -> Double { matrix.macroRecall }

    public mutating func reset() { matrix.reset() }

    /// The confusion matrix's counts, row-major.
    public var state: [Double] { matrix.state }

    public mutating func load(state: [Double]) throws { try matrix.load(state: state, metric: name) }
}
