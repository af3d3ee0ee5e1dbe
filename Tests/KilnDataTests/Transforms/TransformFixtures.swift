import Foundation
import Kiln
import KilnData
import Testing

/// The reference outputs torchvision made (Tests/Fixtures/transforms/reference.json, written by
/// make_fixtures.py beside it): "pil_*" cases are HWC uint8 images from torchvision's PIL path,
/// "t_*" cases CHW float32 tensors from its tensor path.
enum TransformFixtures {
    struct Case {
        let shape: [Int]
        let dtype: String
        let bytes: [UInt8]
    }

    static let cases: [String: Case] = load()

    private static func load() -> [String: Case] {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let url = tests.appendingPathComponent("Fixtures/transforms/reference.json")
        guard let data = try? Data(contentsOf: url),
              let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let raw = root["cases"] as? [String: [String: Any]] else { return [:] }
        var out: [String: Case] = [:]
        for (name, entry) in raw {
            guard let shape = entry["shape"] as? [Int], let dtype = entry["dtype"] as? String,
                  let text = entry["base64"] as? String, let bytes = Data(base64Encoded: text) else { continue }
            out[name] = Case(shape: shape, dtype: dtype, bytes: [UInt8](bytes))
        }
        return out
    }

    static func fixture(_ name: String) -> Case? {
        let c = cases[name]
        if c == nil { Issue.record("missing fixture \(name) (run Tests/Fixtures/transforms/make_fixtures.py)") }
        return c
    }

    /// A "pil_*" case as an `Image`.
    static func image(_ name: String) -> Image {
        guard let c = fixture(name) else { return Image(pixels: Tensor.zeros([1, 1, 1], dtype: .uint8)) }
        return Image(pixels: c.bytes.withUnsafeBytes { Tensor(copying: $0, shape: c.shape, dtype: .uint8) })
    }

    /// A "t_*" case as a float32 tensor.
    static func tensor(_ name: String) -> Tensor {
        guard let c = fixture(name) else { return Tensor.zeros([1, 1, 1]) }
        return c.bytes.withUnsafeBytes { Tensor(copying: $0, shape: c.shape, dtype: .float32) }
    }

    /// `actual` has the reference's shape and exactly its samples.
    static func expectImage(_ actual: Image, equals name: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let c = fixture(name) else { return }
        #expect(actual.pixels.shape == c.shape, "\(name): shape", sourceLocation: sourceLocation)
        guard actual.pixels.shape == c.shape else { return }
        let got: [UInt8] = actual.pixels.scalars()
        let bad = zip(got, c.bytes).enumerated().filter { $0.element.0 != $0.element.1 }
        if !bad.isEmpty {
            let worst = bad.map { abs(Int($0.element.0) - Int($0.element.1)) }.max() ?? 0
            let shown = bad.prefix(6).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" }.joined(separator: ", ")
            Issue.record("\(name): \(bad.count) of \(got.count) samples differ (max \(worst)): \(shown)", sourceLocation: sourceLocation)
        }
    }

    /// `actual` (float32) has the reference's shape and its values within `tolerance` (absolute;
    /// the values lie in about [-3, 3]).
    static func expectTensor(_ actual: Tensor, equals name: String, tolerance: Float = 1e-6,
                             sourceLocation: SourceLocation = #_sourceLocation) {
        guard let c = fixture(name) else { return }
        #expect(actual.shape == c.shape, "\(name): shape", sourceLocation: sourceLocation)
        #expect(actual.dtype == .float32, "\(name): dtype", sourceLocation: sourceLocation)
        guard actual.shape == c.shape, actual.dtype == .float32 else { return }
        let got: [Float] = actual.scalars()
        let expected = tensor(name).scalars(as: Float.self)
        let bad = zip(got, expected).enumerated().filter { !(abs($0.element.0 - $0.element.1) <= tolerance) }
        if !bad.isEmpty {
            let worst = bad.map { abs($0.element.0 - $0.element.1) }.max() ?? 0
            let shown = bad.prefix(6).map { "[\($0.offset)] \($0.element.0) vs \($0.element.1)" }.joined(separator: ", ")
            Issue.record("\(name): \(bad.count) of \(got.count) values differ by more than \(tolerance) (max \(worst)): \(shown)",
                         sourceLocation: sourceLocation)
        }
    }

    static var rgb: Image { image("pil_rgb") }
    static var gray: Image { image("pil_gray") }
    static var rgba: Image { image("pil_rgba") }
    static var rgbTensor: Tensor { tensor("t_rgb") }
    static var grayTensor: Tensor { tensor("t_gray") }
}
