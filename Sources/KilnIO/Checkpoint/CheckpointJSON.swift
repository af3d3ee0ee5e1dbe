#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The JSON files of a checkpoint (`state.json`, `optimizer.json`, `index.json`): pretty-printed
/// with sorted keys, so equal values give equal bytes and a person can read and diff them.
/// Non-finite numbers (a diverged loss) are written as the strings "NaN", "Infinity" and
/// "-Infinity" and read back as numbers, so a checkpoint can always be written.
enum CheckpointJSON {
    private static let nan = "NaN", infinity = "Infinity", negativeInfinity = "-Infinity"

    static func encode<T: Encodable>(_ value: T) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return Array(try encoder.encode(value)) + [UInt8(ascii: "\n")]
    }

    static func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: infinity, negativeInfinity: negativeInfinity, nan: nan)
        return try decoder.decode(type, from: Data(bytes))
    }

    /// Why `bytes` is not one JSON value, or nil when it is.
    static func syntaxProblem(in bytes: [UInt8]) -> String? {
        bytes.withUnsafeBytes { buffer -> String? in
            guard String(validating: buffer, as: UTF8.self) != nil else { return "not UTF-8 text" }
            do throws(JSONSyntaxError) {
                _ = try JSONParser.parse(buffer)
                return nil
            } catch {
                return "not valid JSON: \(error.message) at byte \(error.offset)"
            }
        }
    }

    /// A one-line account of a decoding failure: where in the document and what was expected.
    static func describe(_ error: any Error) -> String {
        func location(_ path: [any CodingKey]) -> String {
            guard !path.isEmpty else { return "at the top level" }
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "at \(text.hasPrefix(".") ? String(text.dropFirst()) : text)"
        }
        if let error = error as? EncodingError, case let .invalidValue(value, context) = error {
            return "\(location(context.codingPath)): \(value) (\(context.debugDescription))"
        }
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case let .typeMismatch(type, context):
            return "\(location(context.codingPath)): expected \(type) (\(context.debugDescription))"
        case let .valueNotFound(type, context):
            return "\(location(context.codingPath)): missing \(type) value"
        case let .keyNotFound(key, context):
            return "\(location(context.codingPath)): missing key \"\(key.stringValue)\""
        case let .dataCorrupted(context):
            return "\(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
