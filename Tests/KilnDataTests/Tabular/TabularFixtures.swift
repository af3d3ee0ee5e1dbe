import Foundation
import Testing
@testable import KilnData

/// Paths of the committed fixtures (Tests/Fixtures/tabular, made by make_tabular_literals.py),
/// scratch directories, and comparisons for the tabular and reader tests.
enum TabularFixtures {
    static let directory: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures/tabular").path
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    static func bytes(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    static func write(_ bytes: [UInt8], to path: String) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Runs `body` with a new empty directory, removed afterwards.
    static func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-tabular-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url.path)
    }
}

/// Expects `actual` to equal `expected` within `rtol` (relative) plus `atol`, element by element.
func expectClose(_ actual: [Double?], _ expected: [Double], rtol: Double = 1e-12, atol: Double = 1e-12,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, "count \(actual.count) vs \(expected.count)", sourceLocation: sourceLocation)
    for (i, (a, e)) in zip(actual, expected).enumerated() {
        guard let a else {
            Issue.record("element \(i) is missing, expected \(e)", sourceLocation: sourceLocation)
            continue
        }
        #expect(abs(a - e) <= atol + rtol * abs(e), "element \(i): \(a) vs \(e)", sourceLocation: sourceLocation)
    }
}

/// Expects `body` to throw an error of type `E` whose description contains every one of `parts`.
func expectError<E: Error & CustomStringConvertible>(_ type: E.Type, containing parts: [String],
                                                      sourceLocation: SourceLocation = #_sourceLocation,
                                                      _ body: () throws -> Void) {
    do {
        try body()
        Issue.record("expected \(E.self), nothing was thrown", sourceLocation: sourceLocation)
    } catch let error as E {
        for part in parts {
            #expect(error.description.contains(part), "'\(error.description)' does not mention '\(part)'", sourceLocation: sourceLocation)
        }
    } catch {
        Issue.record("expected \(E.self), got \(Swift.type(of: error)): \(error)", sourceLocation: sourceLocation)
    }
}
