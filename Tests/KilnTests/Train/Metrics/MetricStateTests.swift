import Foundation
import Testing
@testable import Kiln

/// Accumulating batch by batch, resuming from a saved state mid-epoch, and rejecting a state that
/// does not fit — for every metric, through the `Metric` protocol as a training loop uses it.
@Suite struct MetricStateTests {
    typealias C = ClassificationReference
    typealias G = RegressionReference

    /// Classification batches of 7, 7 and 6 samples.
    static let classificationBatches: [(Tensor, Tensor)] = [0..<7, 7..<14, 14..<20].map { rows in
        (Tensor(Array(C.logits[rows.lowerBound * C.classes..<rows.upperBound * C.classes]), shape: [rows.count, C.classes]),
         Tensor(Array(C.labels[rows])))
    }
    /// Regression batches of 4, 4 and 2 samples.
    static let regressionBatches: [(Tensor, Tensor)] = [0..<4, 4..<8, 8..<10].map { rows in
        (Tensor(Array(G.predictions[rows])), Tensor(Array(G.targets[rows])))
    }

    /// Each metric with the batches it takes and its value over all of them (the references).
    static let cases: [(any Metric, [(Tensor, Tensor)], Double)] = [
        (Accuracy(), classificationBatches, C.accuracy),
        (TopKAccuracy(k: 2), classificationBatches, C.top2Accuracy),
        (Precision(classes: C.classes), classificationBatches, C.macroPrecision),
        (Recall(classes: C.classes), classificationBatches, C.macroRecall),
        (F1Score(classes: C.classes), classificationBatches, C.macroF1),
        (MeanAbsoluteError(), regressionBatches, G.mae),
        (RootMeanSquaredError(), regressionBatches, G.rmse),
    ]

    private func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-12 }

    @Test func batchByBatchEqualsAllAtOnce() {
        for (fresh, batches, expected) in Self.cases {
            var metric = fresh
            for (outputs, targets) in batches { metric.update(outputs: outputs, targets: targets) }
            #expect(close(metric.compute(), expected), "\(metric.name)")
        }
    }

    @Test func resumingFromASavedStateEqualsAnUninterruptedEpoch() throws {
        for (fresh, batches, expected) in Self.cases {
            var uninterrupted = fresh
            for (outputs, targets) in batches { uninterrupted.update(outputs: outputs, targets: targets) }

            var interrupted = fresh
            interrupted.update(outputs: batches[0].0, targets: batches[0].1)
            // Through JSON, as a checkpoint's state.json carries it.
            let saved = try JSONDecoder().decode([Double].self, from: JSONEncoder().encode(interrupted.state))
            var resumed = fresh
            try resumed.load(state: saved)
            for (outputs, targets) in batches.dropFirst() { resumed.update(outputs: outputs, targets: targets) }

            #expect(resumed.state == uninterrupted.state, "\(fresh.name)")
            #expect(resumed.compute() == uninterrupted.compute() && close(resumed.compute(), expected), "\(fresh.name)")
        }
    }

    @Test func resetForgetsEverything() {
        for (fresh, batches, _) in Self.cases {
            var metric = fresh
            metric.update(outputs: batches[0].0, targets: batches[0].1)
            metric.reset()
            #expect(metric.state == fresh.state && metric.compute().isNaN, "\(fresh.name)")
        }
    }

    @Test func aStateThatDoesNotFitIsAClearErrorAndChangesNothing() {
        var accuracy = Accuracy()
        accuracy.update(outputs: Self.classificationBatches[0].0, targets: Self.classificationBatches[0].1)
        let before = accuracy
        #expect(throws: MetricStateError.wrongLength(metric: "accuracy", expected: 2, got: 3)) {
            try accuracy.load(state: [1, 2, 3])
        }
        #expect(throws: MetricStateError.invalidValue(metric: "accuracy", index: 1, value: 2.5,
                                                      expected: "a count (a non-negative whole number)")) {
            try accuracy.load(state: [1, 2.5])
        }
        #expect(throws: MetricStateError.self) { try accuracy.load(state: [5, 4]) }  // more correct than seen
        #expect(throws: MetricStateError.self) { try accuracy.load(state: [-1, 4]) }
        #expect(throws: MetricStateError.self) { try accuracy.load(state: [.nan, 4]) }
        #expect(accuracy == before)

        var f1 = F1Score(classes: 3)
        do {
            try f1.load(state: Array(repeating: 0, count: 16))
            Issue.record("loading 16 counts into a 3-class F1 should throw")
        } catch {
            #expect("\(error)" == "metric 'f1': the saved state has 16 numbers, expected 9"
                + " (was it saved by another metric or with another number of classes?)")
        }
        var mae = MeanAbsoluteError()
        #expect(throws: MetricStateError.self) { try mae.load(state: [-0.5, 3]) }
        #expect(throws: Never.self) { try mae.load(state: [.nan, 3]) }  // a diverged batch still resumes
        var mean = MeanMetric()
        #expect(throws: MetricStateError.self) { try mean.load(state: [1, .infinity]) }
    }

    @Test func meanMetricWeighsByBatchSize() throws {
        var loss = MeanMetric()
        #expect(loss.name == "loss" && loss.compute().isNaN)
        loss.update(0.5, weight: 128)
        loss.update(0.25, weight: 32)
        #expect(loss.compute() == 0.45)  // (0.5·128 + 0.25·32) / 160
        var resumed = MeanMetric()
        try resumed.load(state: loss.state)
        #expect(resumed == loss)

        var perSample = MeanMetric(name: "val_loss")
        perSample.update(outputs: Tensor([Float(0.5), 1.5, 0.25]), targets: Tensor([Int64]()))
        perSample.update(outputs: Tensor([Float(0.75)]), targets: Tensor([Int64]()))
        #expect(perSample.name == "val_loss" && perSample.compute() == 0.75 && perSample.weight == 4)
    }
}
