import Foundation

/// Paths of the committed fixtures of the NumPy and TFRecord tests (Tests/Fixtures/npy and
/// Tests/Fixtures/tfrecord, each made by the make_fixtures.py beside them).
enum FormatFixtures {
    /// Tests/Fixtures, found from this source file's path.
    static let root: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures").path

    static func npy(_ name: String) -> String { root + "/npy/" + name }
    static func tfrecord(_ name: String) -> String { root + "/tfrecord/" + name }

    /// A directory for files other tools check (`KILN_<FORMAT>_OUT`), else a new temporary one.
    static func outputDirectory(environment name: String) throws -> String {
        if let directory = ProcessInfo.processInfo.environment[name] {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            return directory
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-io-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url.path
    }
}

/// Bytes as lowercase hex, for comparing with the test vectors of FORMATS.md.
func hexString(_ bytes: [UInt8]) -> String {
    bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}

/// The bytes of a hex string (spaces allowed).
func bytes(hex: String) -> [UInt8] {
    let digits = Array(hex.filter { !$0.isWhitespace })
    return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(digits[$0...$0 + 1]), radix: 16)! }
}
