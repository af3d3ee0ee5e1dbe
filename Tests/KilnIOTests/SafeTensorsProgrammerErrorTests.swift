import Foundation
import Kiln
import Testing
import KilnIO

/// Mistakes in code (not in files) stop the process with a message, like a shape mismatch; each
/// case runs in a child process (a Swift Testing exit test) whose standard error is checked.
struct SafeTensorsProgrammerErrorTests {
    static func expectMessage(_ result: ExitTest.Result?, contains needle: String,
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        #expect(text.contains(needle), "stderr lacks \"\(needle)\": \(text)", sourceLocation: sourceLocation)
    }

    @Test func metadataIsAReservedName() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SafeTensors.encode(["__metadata__": .ones([1])])
        }
        Self.expectMessage(result, contains: "\"__metadata__\" is reserved")
    }

    @Test func copyingChecksTheByteCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = [UInt8](repeating: 0, count: 10).withUnsafeBytes { Tensor(copying: $0, shape: [2, 3], dtype: .float16) }
        }
        Self.expectMessage(result, contains: "shape [2, 3] of float16 needs 12 bytes, got 10")
    }

    @Test func externalBytesMustBeAligned() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let memory = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
            _ = Tensor(externalBytes: memory + 2, byteCount: 8, shape: [2], dtype: .float32) { _ in }
        }
        Self.expectMessage(result, contains: "is not aligned to the 4 bytes of float32")
    }
}
