import Testing
@testable import Kiln

/// Accuracy, the confusion matrix and macro precision / recall / F1 against scikit-learn on 20
/// samples of 6 classes: class 3 present but never predicted, class 4 predicted but never present,
/// class 5 neither, and two rows with tied maxima.
@Suite struct ClassificationMetricTests {
    typealias R = ClassificationReference
    let logits = Tensor(R.logits, shape: [R.labels.count, R.classes])
    let labels = Tensor(R.labels)

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }
    private func close(_ a: [Double], _ b: [Double]) -> Bool { a.count == b.count && zip(a, b).allSatisfy(close) }

    @Test func accuracyMatchesScikitLearn() {
        #expect(accuracy(logits: logits, labels: labels) == R.accuracy)
        #expect(accuracy(logits: logits.cast(to: .float64), labels: labels) == R.accuracy)
        #expect(accuracy(logits: logits, labels: labels.cast(to: .int32)) == R.accuracy)
        var metric = Accuracy()
        metric.update(outputs: logits, targets: labels)
        #expect(metric.name == "accuracy" && metric.correct == 11 && metric.total == 20 && metric.compute() == R.accuracy)
    }

    @Test func argmaxTakesTheFirstOfTiedMaxima() {
        // Rows 17 and 18 tie; torch.argmax picks the first index, which the matrix must count.
        var fromLogits = ConfusionMatrix(classes: R.classes)
        fromLogits.update(outputs: logits, targets: labels)
        var fromArgmax = ConfusionMatrix(classes: R.classes)
        fromArgmax.update(predictions: R.argmax.map { Int($0) }, targets: R.labels.map { Int($0) })
        #expect(fromLogits == fromArgmax)
    }

    @Test func stridedAndGraphConnectedLogitsReadTheSame() {
        let transposedTwice = logits.transposed().contiguous().transposed()
        #expect(!transposedTwice.isContiguous)
        #expect(accuracy(logits: transposedTwice, labels: labels) == R.accuracy)
        let weights = Parameter(Tensor.ones([R.classes]))
        let recorded = logits * weights.value
        #expect(recorded.requiresGrad)
        var f1 = F1Score(classes: R.classes)
        f1.update(outputs: recorded, targets: labels)
        #expect(close(f1.compute(), R.macroF1))
    }

    @Test func confusionMatrixMatchesScikitLearn() {
        var matrix = ConfusionMatrix(classes: R.classes)
        matrix.update(outputs: logits, targets: labels)
        #expect(matrix.counts.flatMap { $0 } == R.confusionMatrix.map { Int($0) })
        #expect(matrix[2, 0] == Int(R.confusionMatrix[2 * R.classes + 0]))
        #expect(matrix.support == R.support.map { Int($0) })
        #expect(matrix.total == 20)
        #expect(matrix.accuracy == R.accuracy)
        #expect(close(matrix.precision, R.precision))
        #expect(close(matrix.recall, R.recall))
        #expect(close(matrix.f1, R.f1))
    }

    @Test func macroAveragesMatchScikitLearnAndSkipAClassThatNeverOccurs() {
        var matrix = ConfusionMatrix(classes: R.classes)
        matrix.update(outputs: logits, targets: labels)
        #expect(close(matrix.macroPrecision, R.macroPrecision))
        #expect(close(matrix.macroRecall, R.macroRecall))
        #expect(close(matrix.macroF1, R.macroF1))
        #expect(!close(matrix.macroF1, R.macroF1AllClasses))  // class 5 is left out, not averaged as 0
        // Classes 3 (never predicted) and 4 (never present) count, with zeros.
        #expect(matrix.precision[3] == 0 && matrix.recall[4] == 0 && matrix.f1[3] == 0 && matrix.f1[4] == 0)
    }

    @Test func precisionRecallAndF1MetricsAreTheMacroAverages() {
        var precision = Precision(classes: R.classes), recall = Recall(classes: R.classes), f1 = F1Score(classes: R.classes)
        precision.update(outputs: logits, targets: labels)
        recall.update(outputs: logits, targets: labels)
        f1.update(outputs: logits, targets: labels)
        #expect([precision.name, recall.name, f1.name] == ["precision", "recall", "f1"])
        #expect(close(precision.compute(), R.macroPrecision))
        #expect(close(recall.compute(), R.macroRecall))
        #expect(close(f1.compute(), R.macroF1))
        #expect(close(f1.matrix.f1, R.f1))
    }

    @Test func nothingSeenIsNaN() {
        #expect(Accuracy().compute().isNaN)
        #expect(F1Score(classes: 3).compute().isNaN)
        #expect(ConfusionMatrix(classes: 3).accuracy.isNaN)
        #expect(ConfusionMatrix(classes: 3).precision == [0, 0, 0])
        #expect(accuracy(logits: Tensor.zeros([0, 4]), labels: Tensor([Int64]())).isNaN)
    }

    @Test func descriptionIsAnAlignedTable() {
        var matrix = ConfusionMatrix(classes: 3, classNames: ["cat", "dog", "bird"])
        // true cat ×3 (2 right, 1 as dog), true dog ×2 (right), true bird ×1 (as cat). The numbers
        // are those of scikit-learn's classification_report(digits=3, zero_division=0) for these labels.
        matrix.update(predictions: [0, 0, 1, 1, 1, 0], targets: [0, 0, 0, 1, 1, 2])
        let expected = """
            confusion matrix (rows: true class, columns: predicted class), 6 samples
            true \\ predicted  0  1  2
            0 cat             2  1  0
            1 dog             0  2  0
            2 bird            1  0  0

                              precision     recall         f1    support
            0 cat                 0.667      0.667      0.667          3
            1 dog                 0.667      1.000      0.800          2
            2 bird                0.000      0.000      0.000          1
            macro avg             0.444      0.556      0.489          6
            accuracy                                    0.667          6
            """
        #expect(matrix.description == expected)
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_metric_literals.py (Classification); do not edit by hand.

enum ClassificationReference {
    /// shape [20, 6]
    static let logits: [Float] = [
        2.5, -2.25, 1.0, -0.5, 2.25, -0.25, -2.75, 2.75,
        0.75, 1.0, 0.75, -2.5, -2.5, 0.25, 3.5, -1.25,
        2.75, -0.25, 2.5, 0.0, 0.5, 1.75, 2.25, -2.75,
        3.5, 1.25, 3.0, -2.0, -1.0, -0.5, -2.0, 0.25,
        2.25, -0.25, 3.5, 2.75, -2.75, -2.5, 2.75, 2.5,
        1.75, -2.25, 0.0, 3.0, 2.5, 2.25, -2.25, 1.75,
        -2.0, 3.5, 0.5, 0.25, 1.5, 1.25, 2.25, 2.5,
        0.0, 0.5, 0.75, -3.0, 0.75, -0.25, 2.0, 1.25,
        2.5, -0.5, 3.25, -1.0, 1.75, -1.5, -0.75, 2.5,
        -0.5, 0.75, 2.0, 0.5, 1.75, -0.5, -0.5, -2.0,
        3.5, 2.25, 3.0, 1.25, -2.5, -2.25, 3.25, 2.5,
        0.25, 1.0, 2.5, 0.0, 2.25, -1.0, 2.25, -1.5,
        -3.0, 2.0, -1.25, -0.25, -0.5, 1.5, 3.75, -1.5,
        3.75, 3.0, 2.0, -1.0, 3.25, 3.25, 3.0, -3.0,
        1.75, 1.0, 0.0, 0.0, 2.25, 0.75, 1.75, 1.25,
    ]
    /// shape [20]
    static let labels: [Int64] = [
        0, 1, 2, 3, 0, 1, 2, 3,
        0, 1, 2, 0, 1, 2, 3, 0,
        1, 2, 0, 1,
    ]
    static let classes = 6
    /// shape [20]
    static let argmax: [Int64] = [
        0, 1, 2, 0, 0, 4, 2, 1,
        1, 1, 4, 0, 2, 2, 2, 0,
        1, 0, 0, 2,
    ]
    static let accuracy: Double = 0.55
    static let top1Accuracy: Double = 0.55
    static let top2Accuracy: Double = 0.7
    static let top3Accuracy: Double = 0.85
    static let top6Accuracy: Double = 1.0
    /// shape [6, 6]
    static let confusionMatrix: [Int64] = [
        5, 1, 0, 0, 0, 0, 0, 3,
        2, 0, 1, 0, 1, 0, 3, 0,
        1, 0, 1, 1, 1, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0,
    ]
    /// shape [6]
    static let precision: [Double] = [
        0.7142857142857143, 0.6, 0.5, 0.0,
        0.0, 0.0,
    ]
    /// shape [6]
    static let recall: [Double] = [
        0.8333333333333334, 0.5, 0.6, 0.0,
        0.0, 0.0,
    ]
    /// shape [6]
    static let f1: [Double] = [
        0.7692307692307693, 0.5454545454545454, 0.5454545454545454, 0.0,
        0.0, 0.0,
    ]
    /// shape [6]
    static let support: [Int64] = [6, 6, 5, 3, 0, 0]
    static let macroPrecision: Double = 0.3628571428571429
    static let macroRecall: Double = 0.3866666666666667
    static let macroF1: Double = 0.372027972027972
    static let macroF1AllClasses: Double = 0.31002331002331
}
