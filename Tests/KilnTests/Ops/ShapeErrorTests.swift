import Foundation
import Testing
@testable import Kiln

/// Shape mismatches are programmer errors: the process stops with a message naming the op and
/// both shapes. Each case runs in a child process (a Swift Testing exit test) whose standard
/// error is captured.
struct ShapeErrorTests {
    /// Checks that the captured standard error names everything in `needles`.
    static func expectMessage(_ result: ExitTest.Result?, contains needles: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }  // the exit test itself already failed
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        for needle in needles {
            #expect(text.contains(needle), "stderr lacks \"\(needle)\": \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func addNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]) + Tensor.zeros([4])
        }
        Self.expectMessage(result, contains: ["add:", "[2, 3]", "[4]"])
    }

    @Test func matmulNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([2, 3]), Tensor.zeros([4, 5]))
        }
        Self.expectMessage(result, contains: ["matmul:", "[2, 3]", "[4, 5]"])
    }

    @Test func matmulBatchNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = matmul(Tensor.zeros([2, 2, 3]), Tensor.zeros([3, 3, 4]))
        }
        Self.expectMessage(result, contains: ["matmul:", "[2, 2, 3]", "[3, 3, 4]"])
    }

    @Test func conv2dNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = conv2d(Tensor.zeros([1, 3, 5, 5]), weight: Tensor.zeros([2, 4, 3, 3]))
        }
        Self.expectMessage(result, contains: ["conv2d:", "[1, 3, 5, 5]", "[2, 4, 3, 3]"])
    }

    @Test func concatNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.concat([Tensor.zeros([2, 3]), Tensor.zeros([3, 3])], axis: 1)
        }
        Self.expectMessage(result, contains: ["concat:", "[2, 3]", "[3, 3]"])
    }

    @Test func reshapeNamesBothShapes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Tensor.zeros([2, 3]).reshaped([4, 2])
        }
        Self.expectMessage(result, contains: ["reshape:", "[2, 3]", "[4, 2]"])
    }
}
