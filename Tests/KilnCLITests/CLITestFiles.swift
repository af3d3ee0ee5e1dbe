import Foundation
import Testing

/// The committed fixtures (written by PyTorch, NumPy and TensorFlow; see the make_fixtures.py
/// beside each), scratch directories, and the built `kiln` executable.
enum CLITestFiles {
    /// Tests/Fixtures, found from this source file's path.
    static let fixtures: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures").path
    }()

    static func fixture(_ relativePath: String) -> String { fixtures + "/" + relativePath }

    /// Runs `body` with a new empty directory, removed afterwards.
    @discardableResult
    static func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    static func write(_ text: String, to path: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func makeDirectory(_ path: String) throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// The `kiln` executable `swift build`/`swift test` built: beside the test bundle (the
    /// products directory), else in `.build/debug` of the package.
    static let kilnExecutable: String? = {
        var candidates: [String] = []
        for path in [Bundle.main.executablePath, CommandLine.arguments.first, Bundle.main.bundlePath].compactMap({ $0 }) {
            var url = URL(fileURLWithPath: path)
            // Walk up from the test binary (or from inside an .xctest bundle) to the products directory.
            for _ in 0..<4 {
                url.deleteLastPathComponent()
                candidates.append(url.appendingPathComponent("kiln").path)
            }
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        candidates.append(package.appendingPathComponent(".build/debug/kiln").path)
        return candidates.first { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && FileManager.default.isExecutableFile(atPath: path)
        }
    }()

    /// What a run of `kiln` printed and how it ended.
    struct Run {
        var status: Int32
        var standardOutput: String
        var standardError: String
    }

    /// Runs the built `kiln` with `arguments` and waits for it; its output goes through files, so
    /// nothing can block on a full pipe.
    static func runKiln(_ arguments: [String]) throws -> Run {
        let executable = try #require(kilnExecutable, "the kiln executable was not found beside the tests or in .build/debug")
        return try withTemporaryDirectory { directory in
            let outputPath = directory + "/stdout", errorPath = directory + "/stderr"
            _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
            _ = FileManager.default.createFile(atPath: errorPath, contents: nil)
            let output = try #require(FileHandle(forWritingAtPath: outputPath))
            let error = try #require(FileHandle(forWritingAtPath: errorPath))
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = arguments
            process.standardOutput = output
            process.standardError = error
            try process.run()
            process.waitUntilExit()
            try output.close()
            try error.close()
            return Run(status: process.terminationStatus,
                       standardOutput: String(decoding: try bytes(outputPath), as: UTF8.self),
                       standardError: String(decoding: try bytes(errorPath), as: UTF8.self))
        }
    }
}
