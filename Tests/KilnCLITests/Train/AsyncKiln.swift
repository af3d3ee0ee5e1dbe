import Foundation
import Synchronization
import Testing

/// The built `kiln` run from async tests without blocking a thread while it works: Swift Testing
/// runs tests on a small pool of cooperative threads (two on a 2-core CI machine), and a test
/// that sat in `waitUntilExit` for a minute of training would starve every other test's `await`.
final class AsyncKiln: @unchecked Sendable {
    let process: Process
    private let exit = ExitSignal()

    /// Whether the process has ended, and the task waiting for that.
    private final class ExitSignal: Sendable {
        private let state = Mutex<(ended: Bool, waiting: CheckedContinuation<Void, Never>?)>((false, nil))

        func end() {
            state.withLock { s in
                s.ended = true
                s.waiting?.resume()
                s.waiting = nil
            }
        }

        func wait() async {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                state.withLock { s in
                    if s.ended { continuation.resume() } else { s.waiting = continuation }
                }
            }
        }
    }

    /// Starts `kiln arguments`, its output going to `standardOutput` and `standardError` (files).
    init(_ arguments: [String], standardOutput: FileHandle = .nullDevice, standardError: FileHandle = .nullDevice) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(CLITestFiles.kilnExecutable, "the kiln executable was not built"))
        process.arguments = arguments
        // One compute thread: these runs share the machine with the rest of the suite.
        process.environment = ProcessInfo.processInfo.environment.merging(["KILN_NUM_THREADS": "1"]) { _, new in new }
        process.standardOutput = standardOutput
        process.standardError = standardError
        process.terminationHandler = { [exit] _ in exit.end() }
        try process.run()
    }

    /// Waits, without blocking a thread, until the process has ended.
    func waitForExit() async {
        await exit.wait()
    }

    /// Runs `kiln arguments` to the end and returns what it printed.
    static func run(_ arguments: [String]) async throws -> CLITestFiles.Run {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-run-\(UUID().uuidString)").path
        try CLITestFiles.makeDirectory(directory)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let outputPath = directory + "/stdout", errorPath = directory + "/stderr"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
        let output = try #require(FileHandle(forWritingAtPath: outputPath))
        let error = try #require(FileHandle(forWritingAtPath: errorPath))
        let kiln = try AsyncKiln(arguments, standardOutput: output, standardError: error)
        await kiln.waitForExit()
        try output.close()
        try error.close()
        return CLITestFiles.Run(status: kiln.process.terminationStatus,
                                standardOutput: String(decoding: try CLITestFiles.bytes(outputPath), as: UTF8.self),
                                standardError: String(decoding: try CLITestFiles.bytes(errorPath), as: UTF8.self))
    }
}

extension AsyncKiln {
    /// Runs `body` with a new empty directory, removed afterwards.
    static func withTemporaryDirectory<R>(_ body: (String) async throws -> R) async throws -> R {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-cli-\(UUID().uuidString)").path
        try CLITestFiles.makeDirectory(path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try await body(path)
    }
}
