/// Why an IDX file could not be read: the file, the byte offset, and what was wrong there.
public struct IDXError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file path, or the name given for in-memory data.
    public let source: String
    /// Where the problem is, in the (decompressed) bytes.
    public let byteOffset: Int
    public let reason: String

    public init(source: String, byteOffset: Int, reason: String) {
        self.source = source
        self.byteOffset = byteOffset
        self.reason = reason
    }

    public var description: String { "\(source), byte \(byteOffset): \(reason)" }
}
