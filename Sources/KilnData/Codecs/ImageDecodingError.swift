/// Why image bytes could not be decoded: where they came from, the byte offset of the problem, and
/// what is wrong, so a data pipeline can report (or skip) a bad file instead of crashing on it.
public struct ImageDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// The data ends before the image is complete (a cut-short download or copy).
        case truncated
        /// A stored checksum (a PNG chunk's CRC-32) does not match the bytes it covers.
        case checksumMismatch
        /// Bytes that break the format: bad header fields, markers, filter types, Huffman codes.
        case corrupt
        /// A valid file using a feature these decoders do not implement (progressive or 12-bit
        /// JPEG, CMYK, …).
        case unsupported
    }

    public let kind: Kind
    /// The file name, or the label the caller gave the bytes.
    public let source: String
    /// The byte offset in the file where the problem was found.
    public let offset: Int
    public let reason: String

    public init(_ kind: Kind, source: String, offset: Int, reason: String) {
        self.kind = kind
        self.source = source
        self.offset = offset
        self.reason = reason
    }

    public var description: String { "\(source): byte \(offset): \(reason)" }
}
