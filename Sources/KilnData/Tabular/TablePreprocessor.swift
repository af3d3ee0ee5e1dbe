import KilnIO
import Foundation

/// A preprocessing step that learns its parameters from training data (`fit`) and then applies
/// exactly those parameters to any table (`transform`), as scikit-learn's transformers. The fitted
/// state is Codable: `save(to:)` writes it as JSON and `load(from:)` restores it, so inference
/// applies what training fitted.
///
/// ```swift
/// var scaler = StandardScaler(columns: ["bill_length_mm", "body_mass_g"])
/// let trainScaled = try scaler.fitTransform(train)
/// try scaler.save(to: "scaler.json")
/// let restored = try StandardScaler.load(from: "scaler.json")
/// let testScaled = try restored.transform(test)       // the training means and scales
/// ```
public protocol TablePreprocessor: Codable, Sendable {
    /// Learns the step's parameters from `table`, replacing any fitted before.
    mutating func fit(_ table: Table) throws
    /// Applies the fitted parameters to `table` (stops when `fit` was not called).
    func transform(_ table: Table) throws -> Table
    /// Whether `fit` ran (or a fitted state was loaded).
    var isFitted: Bool { get }
}

extension TablePreprocessor {
    /// `fit` then `transform` on the same table.
    public mutating func fitTransform(_ table: Table) throws -> Table {
        try fit(table)
        return try transform(table)
    }

    /// The step (its settings and fitted state) as JSON text with sorted keys.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(self)
    }

    /// Writes the step as JSON to `path`, atomically (a temporary file renamed into place).
    public func save(to path: String) throws {
        try jsonData().write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// A step from JSON made by `jsonData()`; `source` names it in errors.
    public init(jsonData data: Data, source: String = "JSON data") throws {
        do {
            self = try JSONDecoder().decode(Self.self, from: data)
        } catch let error as DecodingError {
            throw PreprocessingError(step: "\(Self.self).load", kind: .invalidState(path: source, reason: describe(error)))
        }
    }

    /// Reads a step saved with `save(to:)`.
    public static func load(from path: String) throws -> Self {
        try Self(jsonData: Data(InputFile.readAll(path)), source: path)
    }
}

/// A decoding error as a sentence: what was wrong, and where in the JSON.
func describe(_ error: DecodingError) -> String {
    func at(_ path: [any CodingKey]) -> String {
        path.isEmpty ? "" : " at " + path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case .dataCorrupted(let context):
        let underlying = context.underlyingError.map { " (\($0))" } ?? ""
        return context.debugDescription + underlying + at(context.codingPath)
    case .keyNotFound(let key, let context):
        return "the key '\(key.stringValue)' is missing" + at(context.codingPath)
    case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
        return "expected \(type): \(context.debugDescription)" + at(context.codingPath)
    @unknown default:
        return "\(error)"
    }
}

/// Throws a decoding error unless `condition` holds: saved state is outside data, checked before use.
func check(_ condition: Bool, _ message: @autoclosure () -> String, in decoder: any Decoder) throws {
    if !condition {
        throw DecodingError.dataCorrupted(DecodingError.Context(codingPath: decoder.codingPath, debugDescription: message()))
    }
}
