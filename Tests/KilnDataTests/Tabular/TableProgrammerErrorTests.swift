import Foundation
import Kiln
import Testing
import KilnData

/// Mistakes in code (not in data) stop the process with a message naming the operation, like an
/// index out of range; each case runs in a child process (a Swift Testing exit test).
struct TableProgrammerErrorTests {
    static func expectMessage(_ result: ExitTest.Result?, contains needle: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(text.contains(needle), "stderr lacks \"\(needle)\": \(text)", sourceLocation: sourceLocation)
    }

    @Test func unknownColumn() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(["a": .numeric([1])])["b"]
        }
        Self.expectMessage(result, contains: "no column named 'b'; the columns are [\"a\"]")
    }

    @Test func transformBeforeFit() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = try? StandardScaler().transform(Table(["a": .numeric([1])]))
        }
        Self.expectMessage(result, contains: "StandardScaler.transform: call fit")
    }

    @Test func categoricalColumnsMustBeEncodedBeforeTensors() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(["s": .categorical(["x"])]).tensor()
        }
        Self.expectMessage(result, contains: "column 's' is categorical, not numeric; encode it first")
    }

    @Test func integerTensorsNeedIntegralValues() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Table(["y": .numeric([1, nil])]).tensor(column: "y", dtype: .int64)
        }
        Self.expectMessage(result, contains: "column 'y' row 1 holds a missing value, which int64 cannot hold")
    }
}
