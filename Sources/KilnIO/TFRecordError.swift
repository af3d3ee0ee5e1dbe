/// Why a TFRecord file could not be read: which file, which record (counted from 0) and where it
/// starts, and what is wrong, so a user can tell a truncated download from a corrupted byte.
/// Errors from the operating system (no such file, permission denied) are `FileError`s instead.
public struct TFRecordError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file ends inside a record (its header, its data or its data CRC).
        case truncated
        /// The masked CRC-32C of a record's 8-byte length does not match: the length is corrupt
        /// (or the file is not a TFRecord file, or is compressed and read as plain).
        case lengthChecksumMismatch
        /// The masked CRC-32C of a record's data does not match: the data is corrupt.
        case dataChecksumMismatch
        /// The gzip or zlib stream of a compressed file is corrupt or ends early.
        case corruptCompression
        /// A record that passed its CRCs is not a serialized `tf.train.Example`
        /// (`TFRecordReader.nextExample`).
        case invalidExample
    }

    public let kind: Kind
    /// The path read.
    public let file: String
    /// The index of the record involved, counted from 0.
    public let record: Int
    /// The byte offset where that record starts (in the decompressed stream for compressed files).
    public let offset: Int
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, file: String, record: Int, offset: Int, _ reason: String) {
        self.kind = kind
        self.file = file
        self.record = record
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        "tfrecord: \(file), record \(record) (at byte \(offset)): \(reason)"
    }
}

/// Whole-file compression of a TFRecord file, as TensorFlow's `TFRecordOptions(compression_type=)`
/// names it: "" (none), "GZIP", "ZLIB".
public enum TFRecordCompression: String, Sendable, CaseIterable {
    case none
    case gzip
    case zlib

    var format: Compression.Format? {
        switch self {
        case .none: nil
        case .gzip: .gzip
        case .zlib: .zlib
        }
    }
}
