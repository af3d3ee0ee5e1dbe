import Foundation
import KilnIO

/// What `kiln inspect` found at a path, decided from the content (magic bytes, directory layout)
/// rather than the name, so a misnamed file is still recognised and a damaged one is not taken
/// for something else.
enum InspectedFormat: Equatable {
    case safetensors
    case numPy
    case numPyArchive
    case tfRecord
    /// A TensorBoard event file: TFRecord framing, named `events.out.tfevents.*`.
    case tensorBoardEvents
    /// `RUN/checkpoints/<name>/` with `model.safetensors`.
    case checkpoint
    /// A run directory, with `checkpoints/`.
    case run

    /// The format of the file or directory at `path`. Throws `CommandError` when nothing is
    /// there or it is none of these.
    static func detect(_ path: String) throws -> InspectedFormat {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CommandError("\(path): no such file or directory")
        }
        if isDirectory.boolValue { return try directoryFormat(path) }
        let file = try InputFile(path)
        var head = [UInt8](repeating: 0, count: 16)
        let count = try head.withUnsafeMutableBytes { try file.read(into: $0) }
        head.removeSubrange(count...)
        guard count > 0 else { throw CommandError("\(path): the file is empty") }
        if let format = fileFormat(head: head) {
            if format == .tfRecord && isEventFileName(path) { return .tensorBoardEvents }
            return format
        }
        let hex = head.prefix(8).map { String($0, radix: 16).leftPadded(to: 2) }.joined(separator: " ")
        throw CommandError("\(path): unknown format\(nameHint(path)): not safetensors, .npy, .npz, TFRecord or a "
                           + "TensorBoard event file (it starts with bytes \(hex))")
    }

    /// The format of a file from its first (up to 16) bytes, nil when none matches.
    static func fileFormat(head: [UInt8]) -> InspectedFormat? {
        if head.starts(with: [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]) { return .numPy }  // \x93NUMPY
        // A zip archive: a local file header, or the end record of an empty archive.
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return .numPyArchive
        }
        if isPlainTFRecord(head) { return .tfRecord }
        // safetensors: a header length within the format's limit, then a JSON object.
        if head.count >= 9 && head[8] == UInt8(ascii: "{") {
            let length = head.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * $1.offset) }
            if length <= 100_000_000 { return .safetensors }
        }
        // Compressed TFRecords: gzip, or a zlib stream (header checksum a multiple of 31).
        if Compression.isGzip(head) || isZlibHeader(head) { return .tfRecord }
        return nil
    }

    /// Whether `head` starts with a zlib stream header: deflate with a window of at most 32 KiB,
    /// and a header checksum that makes the first two bytes a multiple of 31 (RFC 1950).
    static func isZlibHeader(_ head: [UInt8]) -> Bool {
        head.count >= 2 && head[0] & 0x0F == 8 && head[0] >> 4 <= 7 && (Int(head[0]) << 8 | Int(head[1])) % 31 == 0
    }

    /// Whether `head` starts with a TFRecord header: an 8-byte length and its masked CRC-32C.
    static func isPlainTFRecord(_ head: [UInt8]) -> Bool {
        guard head.count >= 12 else { return false }
        let stored = head[8..<12].enumerated().reduce(UInt32(0)) { $0 | UInt32($1.element) << (8 * $1.offset) }
        return CRC32C.masked(CRC32C.checksum(Array(head[0..<8]))) == stored
    }

    static func isEventFileName(_ path: String) -> Bool {
        URL(fileURLWithPath: path).lastPathComponent.hasPrefix("events.out.tfevents.")
    }

    private static func directoryFormat(_ path: String) throws -> InspectedFormat {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        if manager.fileExists(atPath: path + "/checkpoints", isDirectory: &isDirectory), isDirectory.boolValue {
            return .run
        }
        if manager.fileExists(atPath: path + "/model.safetensors") { return .checkpoint }
        throw CommandError("\(path): a directory, but neither a run directory (with checkpoints/) nor a checkpoint "
                           + "directory (with model.safetensors)")
    }

    /// " (the name says …)" when the extension names a format the content is not.
    private static func nameHint(_ path: String) -> String {
        let known = ["safetensors", "npy", "npz", "tfrecord", "tfrecords"]
        let ext = URL(fileURLWithPath: path).pathExtension.lowercased()
        return known.contains(ext) ? " (the name says .\(ext), but the content is not)" : ""
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
