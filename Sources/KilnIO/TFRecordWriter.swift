import CZlib

/// Writes a TFRecord file, the record format of `tf.data` and TensorBoard: each record is its
/// 8-byte little-endian length, the masked CRC-32C of the length, the data, and the masked
/// CRC-32C of the data. TensorFlow's `tf.data.TFRecordDataset` reads what this writes.
///
/// ```swift
/// let writer = try TFRecordWriter(path: "train.tfrecord")
/// for example in examples { try writer.write(example) }   // or raw [UInt8] records
/// try writer.close()
/// ```
///
/// The file is written atomically: it appears at `path`, complete, only when `close()` succeeds;
/// a writer dropped without `close()` (an error or a crash mid-way) leaves no partial file and
/// whatever was at `path` before. `compression: .gzip` (or `.zlib`) compresses the whole file as
/// `tf.io.TFRecordOptions(compression_type="GZIP")` does.
public final class TFRecordWriter {
    public let path: String
    public let compression: TFRecordCompression
    /// Records written so far.
    public private(set) var count = 0

    private let file: AtomicFileStream
    private let compressor: ZlibStream?
    /// Framed (uncompressed) bytes waiting to be compressed or written.
    private var pending: [UInt8] = []
    private var scratch = [UInt8](repeating: 0, count: 1 << 16)
    private static let bufferSize = 1 << 16

    /// Creates the writer; the file appears at `path` when `close()` succeeds.
    public init(path: String, compression: TFRecordCompression = .none) throws {
        self.path = path
        self.compression = compression
        file = try AtomicFileStream(path: path)
        if let format = compression.format {
            do {
                compressor = try ZlibStream(.deflate, format: format)
            } catch {
                file.discard()
                throw FileError(path: path, operation: "compress", code: 0, reason: error.reason)
            }
        } else {
            compressor = nil
        }
        pending.reserveCapacity(Self.bufferSize)
    }

    /// Appends one record.
    public func write(_ record: UnsafeRawBufferPointer) throws {
        require(file.isOpen, "TFRecordWriter.write: the writer for \(path) is already closed")
        Self.appendHeader(count: record.count, to: &pending)
        if record.count >= Self.bufferSize {
            try drain()
            try emit(record)
        } else {
            pending.append(contentsOf: record)
        }
        pending.le32(CRC32C.masked(CRC32C.checksum(record)))
        count += 1
        if pending.count >= Self.bufferSize { try drain() }
    }

    /// Appends one record.
    public func write(_ record: [UInt8]) throws {
        try record.withUnsafeBytes { try write($0) }
    }

    /// Appends one `tf.train.Example`, serialized.
    public func write(_ example: Example) throws {
        try write(example.serializedBytes())
    }

    /// Finishes the file and makes it appear at `path`. After an error the file is abandoned (the
    /// path keeps its old contents).
    public func close() throws {
        guard file.isOpen else { return }
        do {
            try drain()
            if let compressor {
                try scratch.withUnsafeMutableBytes { out in
                    while true {
                        let (produced, status) = compressor.run(into: out, finish: true)
                        try file.write(UnsafeRawBufferPointer(rebasing: out[0..<produced]))
                        if status == Z_STREAM_END { break }
                        guard status == Z_OK else {
                            throw FileError(path: path, operation: "compress", code: 0, reason: compressor.message ?? "zlib error \(status)")
                        }
                    }
                }
            }
            try file.commit()
        } catch {
            file.discard()
            throw error
        }
    }

    /// Abandons the file: nothing appears at `path` (what was there stays).
    public func discard() {
        file.discard()
    }

    /// The framed bytes of one record, as they appear in an uncompressed file.
    public static func frame(_ record: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(record.count + 16)
        appendHeader(count: record.count, to: &out)
        out.append(contentsOf: record)
        out.le32(CRC32C.masked(CRC32C.checksum(record)))
        return out
    }

    private static func appendHeader(count: Int, to out: inout [UInt8]) {
        let start = out.count
        out.le64(UInt64(count))
        let crc = out.withUnsafeBytes { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[start..<(start + 8)])) }
        out.le32(CRC32C.masked(crc))
    }

    /// Writes (or compresses) the pending bytes.
    private func drain() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try emit($0) }
        pending.removeAll(keepingCapacity: true)
    }

    private func emit(_ bytes: UnsafeRawBufferPointer) throws {
        guard let compressor else { return try file.write(bytes) }
        // zlib takes 32-bit counts: feed large records in pieces.
        var start = 0
        repeat {
            let end = start + Swift.min(bytes.count - start, 1 << 30)
            compressor.setInput(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
            try scratch.withUnsafeMutableBytes { out in
                repeat {
                    let (produced, status) = compressor.run(into: out)
                    guard status == Z_OK || status == Z_BUF_ERROR else {
                        throw FileError(path: path, operation: "compress", code: 0, reason: compressor.message ?? "zlib error \(status)")
                    }
                    try file.write(UnsafeRawBufferPointer(rebasing: out[0..<produced]))
                } while compressor.pendingInput > 0
            }
            start = end
        } while start < bytes.count
    }
}
