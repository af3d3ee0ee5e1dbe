#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CZlib

/// Reads the records of a TFRecord file one at a time, checking each record's length and data
/// against their masked CRC-32C, as `tf.data.TFRecordDataset` does.
///
/// ```swift
/// let reader = try TFRecordReader(path: "train.tfrecord")
/// while let record = try reader.next() { … }            // [UInt8]
/// for try await record in try TFRecordReader(path: p) { … }
/// let example = try reader.nextExample()                  // a parsed tf.train.Example
/// ```
///
/// The file is read incrementally through a small buffer, so files of any size stream through
/// bounded memory (plus the largest record). Gzip-compressed files are recognised by their magic
/// number (or name `compression:`; zlib files must be named); they are decompressed as they are
/// read. A damaged record throws `TFRecordError` naming the file, the record's index and its byte
/// offset, and saying whether its length or data failed its CRC or the file ended inside it; the
/// reader then keeps throwing that error (it does not guess where the next record starts).
/// Nothing in a file can crash the process.
public final class TFRecordReader {
    public let path: String
    /// The compression the file is read with (detected when none was named).
    public let compression: TFRecordCompression
    /// The index of the record the next call returns (the number returned so far).
    public private(set) var index = 0

    private let file: InputFile
    private let inflater: ZlibStream?
    /// Decoded (plain) bytes not yet returned: `buffer[bufferStart..<bufferEnd]`.
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var bufferStart = 0
    private var bufferEnd = 0
    /// Compressed bytes read from the file, for the inflater.
    private var rawInput: [UInt8] = []
    private var rawEnded = false
    /// A gzip member (or the zlib stream) ended; what follows is checked on the next read.
    private var memberEnded = false
    private var streamEnded = false
    /// Offset in the decoded stream of the next byte `read` returns.
    private var offset = 0
    private var recordStart = 0
    private var failure: (any Error)?

    /// Opens `path`. `compression` nil detects gzip by its magic number (1f 8b, when the start is
    /// not a valid plain record header); `.zlib` files must be named.
    public init(path: String, compression: TFRecordCompression? = nil) throws {
        self.path = path
        file = try InputFile(path)
        do {
            let resolved = try compression ?? Self.detect(file)
            self.compression = resolved
            if let format = resolved.format {
                inflater = try ZlibStream(.inflate, format: format)
                rawInput = [UInt8](repeating: 0, count: 1 << 16)
            } else {
                inflater = nil
            }
        } catch let error as ZlibStream.Failure {
            throw FileError(path: path, operation: "decompress", code: 0, reason: error.reason)
        }
    }

    /// The next record, or nil after the last one.
    public func next() throws -> [UInt8]? {
        if let failure { throw failure }
        do {
            return try readRecord()
        } catch {
            failure = error
            throw error
        }
    }

    /// The next record parsed as a `tf.train.Example`, or nil after the last one.
    public func nextExample() throws -> Example? {
        let (position, start) = (index, offset)
        guard let record = try next() else { return nil }
        do {
            return try Example(serializedBytes: record)
        } catch let error as ExampleError {
            throw TFRecordError(.invalidExample, file: path, record: position, offset: start, error.reason)
        }
    }

    /// Every record of the file at `path`.
    public static func records(at path: String, compression: TFRecordCompression? = nil) throws -> [[UInt8]] {
        let reader = try TFRecordReader(path: path, compression: compression)
        var records: [[UInt8]] = []
        while let record = try reader.next() { records.append(record) }
        return records
    }

    private func readRecord() throws -> [UInt8]? {
        recordStart = offset
        var header = (UInt64(0), UInt32(0))
        let got = try withUnsafeMutableBytes(of: &header) { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<12])) }
        if got == 0 { return nil }
        guard got == 12 else {
            throw error(.truncated, "the file ends \(got) bytes into the record's 12-byte header")
        }
        let (length, lengthCRC) = withUnsafeBytes(of: &header) { h in
            (h.loadUnaligned(as: UInt64.self).littleEndian, h.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian)
        }
        let computed = withUnsafeBytes(of: &header) { CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<8])) }
        guard CRC32C.masked(computed) == lengthCRC else {
            let hint = index == 0 && compression == .none ? " (is this a TFRecord file, or a compressed one read as plain?)" : ""
            throw error(.lengthChecksumMismatch,
                        "the length field fails its CRC: stored masked CRC \(hex(lengthCRC)), computed \(hex(CRC32C.masked(computed))); the file is corrupt\(hint)")
        }
        guard length <= UInt64(Int.max - 16) else {
            throw error(.truncated, "the record claims \(length) bytes, more than any file holds")
        }
        let count = Int(length)
        // Allocate what the file can hold at once; beyond that grow as bytes arrive, so a damaged
        // length never allocates more than about twice what the file really has.
        let likely = inflater == nil ? Swift.max(0, file.size - offset) : 1 << 24
        var data = [UInt8](repeating: 0, count: Swift.min(count, likely))
        var filled = try data.withUnsafeMutableBytes { try read(into: $0) }
        while filled == data.count && data.count < count {
            let more = Swift.min(count - data.count, Swift.max(data.count, 1 << 16))
            data.append(contentsOf: repeatElement(0, count: more))
            filled += try data.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
        }
        guard filled == count else {
            throw error(.truncated, "the file ends \(filled) bytes into the record's \(count) bytes of data")
        }
        var footer = UInt32(0)
        let footerCount = try withUnsafeMutableBytes(of: &footer) { try read(into: $0) }
        guard footerCount == 4 else {
            throw error(.truncated, "the file ends inside the record's data CRC (after \(footerCount) of its 4 bytes)")
        }
        let dataCRC = CRC32C.masked(data.withUnsafeBytes { CRC32C.checksum($0) })
        guard dataCRC == footer.littleEndian else {
            throw error(.dataChecksumMismatch,
                        "the \(count) data bytes fail their CRC: stored masked CRC \(hex(footer.littleEndian)), computed \(hex(dataCRC)); the record is corrupt")
        }
        index += 1
        return data
    }

    private func error(_ kind: TFRecordError.Kind, _ reason: String) -> TFRecordError {
        TFRecordError(kind, file: path, record: index, offset: recordStart, reason)
    }

    /// Fills `out` from the decoded stream; fewer bytes only at its end.
    private func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        var filled = 0
        while filled < out.count {
            if bufferStart < bufferEnd {
                let n = Swift.min(bufferEnd - bufferStart, out.count - filled)
                buffer.withUnsafeBytes { b in
                    out.baseAddress!.advanced(by: filled).copyMemory(from: b.baseAddress! + bufferStart, byteCount: n)
                }
                bufferStart += n
                filled += n
                continue
            }
            let rest = UnsafeMutableRawBufferPointer(rebasing: out[filled...])
            if rest.count >= buffer.count {
                // Large reads go straight to their destination.
                let n = try produce(into: rest)
                if n == 0 { break }
                filled += n
            } else {
                let n = try buffer.withUnsafeMutableBytes { try produce(into: $0) }
                if n == 0 { break }
                bufferStart = 0
                bufferEnd = n
            }
        }
        offset += filled
        return filled
    }

    /// The next decoded bytes (at most `out.count`); 0 only at the end of the stream.
    private func produce(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let inflater else { return try file.read(into: out) }
        let kind = compression.rawValue
        while !streamEnded {
            if memberEnded {
                // Another gzip member may follow (`cat a.gz b.gz`); anything else after the end is damage.
                memberEnded = false
                if inflater.pendingInput < 2 && !rawEnded { try refill(inflater) }
                if inflater.pendingInput == 0 && rawEnded {
                    streamEnded = true
                    break
                }
                guard compression == .gzip, inflater.pendingInput >= 2, let next = inflater.pendingInputStart,
                      next[0] == 0x1F, next[1] == 0x8B else {
                    throw error(.corruptCompression, "bytes that are not \(kind) data follow the end of the \(kind) stream")
                }
                guard inflater.reset() else { throw error(.corruptCompression, "zlib could not restart at the next gzip member") }
            }
            if inflater.pendingInput == 0 && !rawEnded { try refill(inflater) }
            let (produced, status) = inflater.run(into: out)
            switch status {
            case Z_STREAM_END:
                memberEnded = true
                if produced > 0 { return produced }
            case Z_OK, Z_BUF_ERROR:
                if produced > 0 { return produced }
                if status == Z_BUF_ERROR && inflater.pendingInput == 0 && rawEnded {
                    throw error(.corruptCompression, "the \(kind) stream ends early: the file is truncated")
                }
            default:
                throw error(.corruptCompression, "corrupt \(kind) data: \(inflater.message ?? "zlib error \(status)")")
            }
        }
        return 0
    }

    /// Moves the unconsumed compressed bytes to the front of `rawInput` and reads more after them.
    private func refill(_ inflater: ZlibStream) throws {
        let pending = inflater.pendingInput
        let source = inflater.pendingInputStart
        let n = try rawInput.withUnsafeMutableBytes { raw in
            if pending > 0, let source { raw.baseAddress!.copyMemory(from: source, byteCount: pending) }
            let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[pending...]))
            inflater.setInput(UnsafeRawBufferPointer(rebasing: raw[0..<(pending + n)]))
            return n
        }
        if n == 0 { rawEnded = true }
    }

    /// Gzip when the file starts with the gzip magic and not with a valid plain record header
    /// (a plain file whose first record is 35,615 + k·65,536 bytes long also starts with 1f 8b).
    private static func detect(_ file: InputFile) throws -> TFRecordCompression {
        var head = [UInt8](repeating: 0, count: 12)
        let n = try head.withUnsafeMutableBytes { try file.read(into: $0, at: 0) }
        guard n >= 2, head[0] == 0x1F, head[1] == 0x8B else { return .none }
        if n == 12 {
            let crc = head.withUnsafeBytes { CRC32C.masked(CRC32C.checksum(UnsafeRawBufferPointer(rebasing: $0[0..<8]))) }
            let stored = head.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian }
            if crc == stored { return .none }
        }
        return .gzip
    }
}

extension TFRecordReader: AsyncSequence {
    public typealias Element = [UInt8]

    /// Iterates the reader's remaining records (`for try await record in reader`).
    public struct AsyncIterator: AsyncIteratorProtocol {
        let reader: TFRecordReader

        public mutating func next() async throws -> [UInt8]? {
            try reader.next()
        }
    }

    public func makeAsyncIterator() -> AsyncIterator { AsyncIterator(reader: self) }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}
