import Foundation
import Testing

/// Paths of the committed fixtures (Tests/Fixtures/safetensors, made by make_fixtures.py) and
/// scratch directories for files the tests write.
enum TestFiles {
    /// Tests/Fixtures/safetensors, found from this source file's path.
    static let fixtures: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures/safetensors").path
    }()

    static func fixture(_ name: String) -> String { fixtures + "/" + name }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `body` with a new empty directory, removed afterwards.
    static func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }

    static func contents(of directory: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
    }

    /// Where the tests leave Kiln-written files for check_kiln_file.py, when asked to.
    static var interopDirectory: String? { ProcessInfo.processInfo.environment["KILN_SAFETENSORS_OUT"] }
}

/// The 8-byte little-endian length that starts a safetensors file.
func lengthPrefix(_ n: Int) -> [UInt8] {
    (0..<8).map { UInt8(truncatingIfNeeded: UInt64(n) >> (8 * $0)) }
}

/// A safetensors file from a header text and `dataCount` zero bytes of data (no padding).
func handMadeFile(_ header: String, data: [UInt8]) -> [UInt8] {
    lengthPrefix(header.utf8.count) + Array(header.utf8) + data
}
