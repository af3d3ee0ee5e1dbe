import Testing
@testable import Kiln

/// Wrong arguments are programmer errors: the process stops with a message naming the metric and
/// the values. Each case runs in a child process (a Swift Testing exit test).
@Suite struct MetricMisuseTests {
    static func expectMessage(_ result: ExitTest.Result?, contains needles: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        for needle in needles {
            #expect(text.contains(needle), "stderr lacks \"\(needle)\": \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func aLabelOutsideTheClasses() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var metric = Accuracy()
            metric.update(outputs: Tensor.zeros([2, 3]), targets: Tensor([Int64(1), 3]))
        }
        Self.expectMessage(result, contains: ["accuracy:", "class 3", "3 classes"])
    }

    @Test func floatingPointTargetsForAClassifier() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = accuracy(logits: Tensor.zeros([2, 3]), labels: Tensor([Float(1), 2]))
        }
        Self.expectMessage(result, contains: ["accuracy:", "integer class indices", "float32"])
    }

    @Test func moreTopKThanClasses() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = topKAccuracy(logits: Tensor.zeros([2, 3]), labels: Tensor([Int64(1), 2]), k: 5)
        }
        Self.expectMessage(result, contains: ["top5_accuracy:", "k = 5", "3 classes"])
    }

    @Test func aConfusionMatrixOfAnotherSize() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var matrix = ConfusionMatrix(classes: 4)
            matrix.update(outputs: Tensor.zeros([2, 3]), targets: Tensor([Int64(1), 2]))
        }
        Self.expectMessage(result, contains: ["confusion_matrix:", "3 classes", "has 4"])
    }

    @Test func regressionShapesThatWouldBroadcast() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var mae = MeanAbsoluteError()
            mae.update(outputs: Tensor.zeros([4, 2]), targets: Tensor.zeros([4]))
        }
        Self.expectMessage(result, contains: ["mae:", "[4, 2]", "[4]", "same shape"])
    }
}
