import Foundation
import Kiln
import KilnData
import Testing

/// The committed image fixtures (Tests/Fixtures/images, made by make_fixtures.py): files and the
/// pixels Pillow (or the script's own arrays) say they hold.
enum ImageFixtures {
    static let directory: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures/images").path
    }()

    static func path(_ name: String) -> String { directory + "/" + name }

    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path(name))))
    }

    /// The expected samples of `name` (its `.pixels` file): bytes, or little-endian uint16 values.
    static func expected(_ name: String, wide: Bool = false) throws -> [Int] {
        let raw = try bytes(name + ".pixels")
        if !wide { return raw.map(Int.init) }
        return stride(from: 0, to: raw.count, by: 2).map { Int(raw[$0]) | Int(raw[$0 + 1]) << 8 }
    }

    /// The PNG fixture names, in the order the script made them.
    static func pngCases() throws -> [String] {
        try String(contentsOfFile: path("png-cases.txt"), encoding: .utf8).split(separator: "\n").map(String.init)
    }
}

extension Image {
    /// The samples in HWC order, widened to Int.
    var samples: [Int] {
        pixels.dtype == .uint8 ? pixels.scalars(as: UInt8.self).map(Int.init) : pixels.scalars(as: Int32.self).map(Int.init)
    }
}

/// Mean and largest absolute difference between two equally long sample lists.
func differences(_ a: [Int], _ b: [Int]) -> (mean: Double, max: Int) {
    precondition(a.count == b.count && !a.isEmpty)
    var total = 0, largest = 0
    for (x, y) in zip(a, b) {
        let d = abs(x - y)
        total += d
        largest = max(largest, d)
    }
    return (Double(total) / Double(a.count), largest)
}

/// Runs `body`, expecting an `ImageDecodingError`; returns it (nil, with a recorded issue, when
/// `body` succeeded or threw something else).
@discardableResult
func expectDecodingError(_ what: String, sourceLocation: SourceLocation = #_sourceLocation,
                         _ body: () throws -> Image) -> ImageDecodingError? {
    do {
        let image = try body()
        Issue.record("\(what): decoded to \(image.pixels.shape) instead of throwing", sourceLocation: sourceLocation)
    } catch let error as ImageDecodingError {
        return error
    } catch {
        Issue.record("\(what): threw \(type(of: error)) \(error), not ImageDecodingError", sourceLocation: sourceLocation)
    }
    return nil
}
