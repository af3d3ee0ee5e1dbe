import Foundation
import Testing
@testable import Kiln

/// Wrong shapes and out-of-range labels are programmer errors: the process stops with a message
/// naming the loss and the shapes or the label (exit tests, as in `ShapeErrorTests`).
struct LossErrorTests {
    @Test func shapeMismatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = mseLoss(Tensor.zeros([2, 3]), Tensor.zeros([3, 2]))
        }
        ShapeErrorTests.expectMessage(result, contains: ["mseLoss:", "[2, 3]", "[3, 2]"])
    }

    @Test func labelShapeMismatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([4, 3]), labels: Tensor.zeros([5], dtype: .int64))
        }
        ShapeErrorTests.expectMessage(result, contains: ["crossEntropy:", "[4, 3]", "[5]"])
    }

    @Test func labelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = crossEntropy(logits: Tensor.zeros([2, 3]), labels: Tensor([0, 3] as [Int64]))
        }
        ShapeErrorTests.expectMessage(result, contains: ["crossEntropy:", "label 3", "[0, 3)"])
    }

    /// A negative label other than the ignore index is out of range too.
    @Test func negativeLabelOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = nllLoss(logProbabilities: Tensor.zeros([2, 3]), labels: Tensor([-1, 0] as [Int64]))
        }
        ShapeErrorTests.expectMessage(result, contains: ["nllLoss:", "label -1", "[0, 3)"])
    }

    @Test func weightShapeMismatch() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = binaryCrossEntropyWithLogits(Tensor.zeros([2, 3]), Tensor.zeros([2, 3]), posWeight: Tensor.ones([2]))
        }
        ShapeErrorTests.expectMessage(result, contains: ["binaryCrossEntropyWithLogits:", "posWeight", "[2]", "[2, 3]"])
    }
}
