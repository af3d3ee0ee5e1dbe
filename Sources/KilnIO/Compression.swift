import CZlib

/// Why compressed data could not be decoded.
public struct CompressionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was being decoded (a file name, or "gzip data").
    public let source: String
    public let reason: String

    public var description: String { "\(source): \(reason)" }
}

/// DEFLATE streams through the system zlib: gzip (`.gz` files, gzip-compressed TFRecords), zlib
/// (PNG image data) and raw deflate (zip members).
public enum Compression {
    public enum Format: Sendable {
        /// RFC 1952, with header and CRC-32 trailer; concatenated members are read in turn.
        case gzip
        /// RFC 1950, with a 2-byte header and Adler-32 trailer.
        case zlib
        /// RFC 1951 alone, as inside zip archives.
        case raw

        /// zlib's `windowBits` for this format.
        var windowBits: Int32 {
            switch self {
            case .gzip: 15 + 16
            case .zlib: 15
            case .raw: -15
            }
        }
    }

    /// Whether `bytes` start with the gzip magic number (1f 8b).
    public static func isGzip<C: Collection<UInt8>>(_ bytes: C) -> Bool {
        var it = bytes.makeIterator()
        return it.next() == 0x1F && it.next() == 0x8B
    }

    /// Decompresses `input`. A stream that ends early, fails its checksum or is corrupt throws,
    /// naming `source`. `sizeHint` (the expected output size, when known) saves re-allocations.
    public static func inflate(_ input: UnsafeRawBufferPointer, format: Format, source: String = "compressed data",
                               sizeHint: Int = 0) throws -> [UInt8] {
        var output = [UInt8]()
        output.reserveCapacity(sizeHint > 0 ? sizeHint : Swift.max(input.count * 4, 1 << 12))
        var stream = z_stream()
        guard inflateInit2_(&stream, format.windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CompressionError(source: source, reason: "zlib could not start decoding")
        }
        defer { inflateEnd(&stream) }
        guard let base = input.baseAddress, input.count > 0 else {
            throw CompressionError(source: source, reason: "no \(format) data (empty input)")
        }
        var consumed = 0
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            // zlib's counts are 32-bit: feed the input in pieces.
            if stream.avail_in == 0 && consumed < input.count {
                let n = Swift.min(input.count - consumed, Int(UInt32.max >> 1))
                stream.next_in = UnsafeMutablePointer(mutating: base.assumingMemoryBound(to: UInt8.self) + consumed)
                stream.avail_in = UInt32(n)
                consumed += n
            }
            let status: Int32 = chunk.withUnsafeMutableBufferPointer { out in
                stream.next_out = out.baseAddress
                stream.avail_out = UInt32(out.count)
                let status = CZlib.inflate(&stream, Z_NO_FLUSH)
                output.append(contentsOf: out[0..<(out.count - Int(stream.avail_out))])
                return status
            }
            switch status {
            case Z_STREAM_END:
                // gzip files may hold several members back to back (`cat a.gz b.gz`).
                let rest = Int(stream.avail_in) + (input.count - consumed)
                if format == .gzip && rest >= 2 {
                    let next = input.count - rest
                    if input[next] == 0x1F && input[next + 1] == 0x8B {
                        guard inflateReset(&stream) == Z_OK else {
                            throw CompressionError(source: source, reason: "zlib could not restart at the next gzip member")
                        }
                        continue
                    }
                }
                return output
            case Z_OK:
                continue
            case Z_BUF_ERROR where stream.avail_in == 0 && consumed == input.count:
                throw CompressionError(source: source, reason: "the \(format) data ends early (truncated after \(output.count) decoded bytes)")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "error \(status)"
                throw CompressionError(source: source, reason: "corrupt \(format) data: \(message)")
            }
        }
    }

    /// Decompresses `input` (see the pointer form).
    public static func inflate(_ input: [UInt8], format: Format, source: String = "compressed data",
                               sizeHint: Int = 0) throws -> [UInt8] {
        try input.withUnsafeBytes { try inflate($0, format: format, source: source, sizeHint: sizeHint) }
    }

    /// Compresses `input` at `level` (0 = stored … 9 = smallest; zlib's default is 6).
    public static func deflate(_ input: UnsafeRawBufferPointer, format: Format, level: Int32 = 6) -> [UInt8] {
        var stream = z_stream()
        let started = deflateInit2_(&stream, level, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY,
                                    ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        precondition(started == Z_OK, "zlib deflateInit2 failed (\(started))")
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(input.count))) + 64)
        let written: Int = output.withUnsafeMutableBufferPointer { out in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
            stream.avail_in = UInt32(input.count)
            stream.next_out = out.baseAddress
            stream.avail_out = UInt32(out.count)
            let status = CZlib.deflate(&stream, Z_FINISH)
            precondition(status == Z_STREAM_END, "zlib deflate did not finish in a bound-sized buffer (\(status))")
            return out.count - Int(stream.avail_out)
        }
        output.removeSubrange(written...)
        return output
    }

    public static func deflate(_ input: [UInt8], format: Format, level: Int32 = 6) -> [UInt8] {
        input.withUnsafeBytes { deflate($0, format: format, level: level) }
    }

    /// The CRC-32 (ISO-HDLC, as in gzip, zip and PNG) of `bytes`, continuing from `crc`.
    public static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        guard let base = bytes.baseAddress else { return crc }
        return UInt32(CZlib.crc32(UInt(crc), base.assumingMemoryBound(to: UInt8.self), UInt32(bytes.count)))
    }
}
