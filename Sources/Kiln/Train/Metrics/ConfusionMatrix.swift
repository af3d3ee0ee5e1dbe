import Foundation

/// Counts of (true class, predicted class) pairs over an epoch — `counts[t][p]`, rows the true
/// class, columns the predicted one (scikit-learn's `confusion_matrix` layout) — with the
/// per-class precision, recall and F1 and their macro averages derived from them.
///
/// Definitions follow scikit-learn with `zero_division=0` and torchmetrics: a class never
/// predicted has precision 0, a class never present has recall 0, and F1 = 2·tp / (2·tp + fp + fn)
/// (0 when that is 0/0). Macro averages are unweighted means over the classes that occur as a
/// target or a prediction (scikit-learn's default labels, torchmetrics' macro average): a class
/// absent from both says nothing about the model and is left out, not counted as 0.
/// `description` prints the matrix and a per-class report for a terminal.
public struct ConfusionMatrix: Sendable, Equatable, CustomStringConvertible {
    public let classes: Int
    /// Names printed beside the class indices in `description` (optional).
    public let classNames: [String]?
    /// Row-major classes × classes counts.
    private var flatCounts: [Int]

    public init(classes: Int, classNames: [String]? = nil) {
        require(classes >= 1, "ConfusionMatrix: classes must be at least 1, got \(classes)")
        require(classNames == nil || classNames?.count == classes,
                "ConfusionMatrix: \(classNames?.count ?? 0) class names given for \(classes) classes")
        self.classes = classes
        self.classNames = classNames
        flatCounts = Array(repeating: 0, count: classes * classes)
    }

    /// The counts, `counts[trueClass][predictedClass]`.
    public var counts: [[Int]] {
        (0..<classes).map { Array(flatCounts[$0 * classes..<($0 + 1) * classes]) }
    }

    /// How many samples of class `trueClass` were predicted as `predicted`.
    public subscript(trueClass: Int, predicted: Int) -> Int {
        require((0..<classes).contains(trueClass) && (0..<classes).contains(predicted),
                "ConfusionMatrix: class (\(trueClass), \(predicted)) is out of range for \(classes) classes")
        return flatCounts[trueClass * classes + predicted]
    }

    /// Adds a batch of logits [N, C] (C = `classes`; the prediction is the argmax, the first
    /// class on ties) and class indices [N].
    public mutating func update(outputs: Tensor, targets: Tensor) {
        let batch = MetricInput.classification(outputs: outputs, targets: targets, metric: "confusion_matrix")
        require(batch.classes == classes,
                "confusion_matrix: outputs of shape \(outputs.shape) have \(batch.classes) classes, the matrix has \(classes)")
        for (i, label) in batch.labels.enumerated() {
            flatCounts[label * classes + MetricInput.argmax(batch.logits, start: i * classes, count: classes)] += 1
        }
    }

    /// Adds predicted class indices against true ones (both in 0..<classes).
    public mutating func update(predictions: [Int], targets: [Int]) {
        require(predictions.count == targets.count,
                "confusion_matrix: \(predictions.count) predictions for \(targets.count) targets")
        for (p, t) in zip(predictions, targets) {
            require((0..<classes).contains(p) && (0..<classes).contains(t),
                    "confusion_matrix: class pair (true \(t), predicted \(p)) is out of range for \(classes) classes")
            flatCounts[t * classes + p] += 1
        }
    }

    public mutating func reset() {
        flatCounts = Array(repeating: 0, count: classes * classes)
    }

    /// The counts, row-major.
    public var state: [Double] { flatCounts.map(Double.init) }

    /// Restores counts saved from `state` (classes² non-negative whole numbers).
    public mutating func load(state: [Double]) throws { try load(state: state, metric: "confusion_matrix") }

    /// `load(state:)` naming `metric` in its errors (for the metrics built on the matrix).
    mutating func load(state: [Double], metric: String) throws {
        try MetricStateError.check(state, metric: metric, expected: classes * classes, counts: state.indices)
        flatCounts = state.map { Int($0) }
    }

    // MARK: derived numbers

    /// Samples seen.
    public var total: Int { flatCounts.reduce(0, +) }

    /// The samples of each true class (row sums).
    public var support: [Int] { (0..<classes).map { row in (0..<classes).reduce(0) { $0 + flatCounts[row * classes + $1] } } }

    /// The predictions of each class (column sums).
    public var predictionCounts: [Int] { (0..<classes).map { col in (0..<classes).reduce(0) { $0 + flatCounts[$1 * classes + col] } } }

    /// The correct predictions of each class (the diagonal).
    private var truePositives: [Int] { (0..<classes).map { flatCounts[$0 * classes + $0] } }

    /// Diagonal / total; NaN before the first sample.
    public var accuracy: Double {
        let n = total
        return n > 0 ? Double(truePositives.reduce(0, +)) / Double(n) : .nan
    }

    /// tp / (tp + fp) per class; 0 for a class never predicted.
    public var precision: [Double] { zip(truePositives, predictionCounts).map(Self.ratio) }

    /// tp / (tp + fn) per class; 0 for a class never present.
    public var recall: [Double] { zip(truePositives, support).map(Self.ratio) }

    /// 2·tp / (2·tp + fp + fn) per class (the harmonic mean of precision and recall); 0 when
    /// the class is neither present nor predicted.
    public var f1: [Double] {
        zip(truePositives, zip(support, predictionCounts)).map { tp, sums in Self.ratio(2 * tp, sums.0 + sums.1) }
    }

    /// The mean precision over the classes that occur (see the type's note); NaN before the first sample.
    public var macroPrecision: Double { macroAverage(precision) }
    /// The mean recall over the classes that occur; NaN before the first sample.
    public var macroRecall: Double { macroAverage(recall) }
    /// The mean of the per-class F1 scores over the classes that occur (not the F1 of the macro
    /// precision and recall); NaN before the first sample.
    public var macroF1: Double { macroAverage(f1) }

    /// Whether each class occurs as a target or a prediction.
    private var occurs: [Bool] { zip(support, predictionCounts).map { $0 + $1 > 0 } }

    private func macroAverage(_ perClass: [Double]) -> Double {
        let kept = zip(perClass, occurs).filter(\.1).map(\.0)
        return kept.isEmpty ? .nan : kept.reduce(0, +) / Double(kept.count)
    }

    private static func ratio(_ numerator: Int, _ denominator: Int) -> Double {
        denominator > 0 ? Double(numerator) / Double(denominator) : 0
    }

    // MARK: printing

    /// The matrix with true classes as rows, then precision, recall, F1 and support per class,
    /// their macro averages and the accuracy, aligned in columns.
    public var description: String {
        let labels = (0..<classes).map { c in classNames.map { "\(c) \($0[c])" } ?? "\(c)" }
        let corner = "true \\ predicted"
        let labelWidth = max(corner.count, "macro avg".count, labels.map(\.count).max() ?? 0)
        let cellWidth = max(String(flatCounts.max() ?? 0).count, String(classes - 1).count) + 2
        func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, width - s.count))
            return left ? s + fill : fill + s
        }
        func fixed(_ v: Double) -> String { String(format: "%.3f", v) }

        var lines = ["confusion matrix (rows: true class, columns: predicted class), \(total) samples"]
        lines.append(pad(corner, labelWidth, left: true) + (0..<classes).map { pad(String($0), cellWidth) }.joined())
        for row in 0..<classes {
            lines.append(pad(labels[row], labelWidth, left: true)
                         + (0..<classes).map { pad(String(flatCounts[row * classes + $0]), cellWidth) }.joined())
        }
        lines.append("")
        let columns = ["precision", "recall", "f1", "support"]
        let width = max(columns.map(\.count).max() ?? 0, String(total).count) + 2
        lines.append(pad("", labelWidth, left: true) + columns.map { pad($0, width) }.joined())
        let (p, r, f, s) = (precision, recall, f1, support)
        for c in 0..<classes {
            lines.append(pad(labels[c], labelWidth, left: true)
                         + [fixed(p[c]), fixed(r[c]), fixed(f[c]), String(s[c])].map { pad($0, width) }.joined())
        }
        lines.append(pad("macro avg", labelWidth, left: true)
                     + [fixed(macroPrecision), fixed(macroRecall), fixed(macroF1), String(total)].map { pad($0, width) }.joined())
        lines.append(pad("accuracy", labelWidth, left: true)
                     + pad("", 2 * width) + [fixed(accuracy), String(total)].map { pad($0, width) }.joined())
        return lines.joined(separator: "\n")
    }
}
