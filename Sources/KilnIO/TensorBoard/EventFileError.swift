/// Why an event file could not be read although its TFRecord framing is sound: which file, which
/// record (counted from 0), and what is wrong. Damaged framing (a bad CRC, a truncated record) is
/// a `TFRecordError`, and operating-system failures are `FileError`s.
public struct EventFileError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A record that passed its CRCs is not a serialized TensorBoard `Event` (the file is not
        /// an event file, or was written by a broken writer).
        case invalidEvent
    }

    public let kind: Kind
    /// The path read.
    public let file: String
    /// The index of the record involved, counted from 0.
    public let record: Int
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, file: String, record: Int, _ reason: String) {
        self.kind = kind
        self.file = file
        self.record = record
        self.reason = reason
    }

    public var description: String { "tensorboard: \(file), record \(record): \(reason)" }
}
