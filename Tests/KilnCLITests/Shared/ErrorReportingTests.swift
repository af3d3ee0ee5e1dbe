import ArgumentParser
import Foundation
import KilnIO
import Testing
@testable import kiln

/// `withErrorReporting` turns every error into an exit status ArgumentParser exits with silently
/// (the one line is printed by the helper), and lets ArgumentParser's own errors through.
@Suite struct ErrorReportingTests {
    struct Unexpected: Error {}

    @Test func mapsErrorsToExitCodes() throws {
        #expect(throws: ExitCode.failure) { try withErrorReporting { throw CommandError("bad input") } }
        #expect(throws: ExitCode(3)) { try withErrorReporting { throw CommandError("bad", exitCode: ExitCode(3)) } }
        #expect(throws: ExitCode.failure) {
            try withErrorReporting { throw FileError(path: "x", operation: "open", code: 2, reason: "No such file or directory") }
        }
        #expect(throws: ExitCode.failure) { try withErrorReporting { throw Unexpected() } }
        // Interrupts and ArgumentParser's own errors pass through unchanged.
        #expect(throws: ExitCode(130)) { try withErrorReporting { throw ExitCode(130) } }
        #expect(throws: ValidationError.self) { try withErrorReporting { throw ValidationError("--epochs must be positive") } }
        #expect(throws: CleanExit.self) { try withErrorReporting { throw CleanExit.message("done") } }
        #expect(try withErrorReporting { 42 } == 42)
    }

    @Test func asyncBodies() async {
        await #expect(throws: ExitCode.failure) {
            try await withErrorReporting { () async throws -> Int in throw CommandError("bad input") }
        }
    }

    @Test func messagesAreOneLine() {
        #expect(errorMessage(CommandError("a\nb")) == "a b")
        #expect(errorMessage(FileError(path: "/x", operation: "open", code: 2, reason: "No such file or directory"))
                == "cannot open /x: No such file or directory")
        #expect(errorMessage(SafeTensorsError(.invalidJSON, file: "m.safetensors", "the header is not valid JSON"))
                == "safetensors: m.safetensors: the header is not valid JSON")
        struct Setting: Decodable { var lr: Double }
        let decoding = #expect(throws: DecodingError.self) { try JSONDecoder().decode(Setting.self, from: Data("{}".utf8)) }
        #expect(decoding.map(errorMessage)?.hasPrefix("missing key \"lr\"") == true)
    }
}
