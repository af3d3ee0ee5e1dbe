import CZlib

/// A zlib stream that decompresses or compresses a piece at a time, for files too large to hold
/// whole (`Compression` works on whole buffers). The `z_stream` lives on the heap because zlib
/// keeps a pointer back to it.
final class ZlibStream {
    enum Direction { case inflate, deflate }

    let direction: Direction
    let format: Compression.Format
    private let stream: UnsafeMutablePointer<z_stream>

    /// Why zlib stopped: a message for errors.
    struct Failure: Error {
        let reason: String
    }

    init(_ direction: Direction, format: Compression.Format, level: Int32 = 6) throws(Failure) {
        self.direction = direction
        self.format = format
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let size = Int32(MemoryLayout<z_stream>.size)
        let status = switch direction {
        case .inflate: inflateInit2_(stream, format.windowBits, ZLIB_VERSION, size)
        case .deflate: deflateInit2_(stream, level, Z_DEFLATED, format.windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, size)
        }
        guard status == Z_OK else {
            stream.deallocate()
            throw Failure(reason: "zlib could not start (\(status))")
        }
    }

    deinit {
        switch direction {
        case .inflate: inflateEnd(stream)
        case .deflate: deflateEnd(stream)
        }
        stream.deallocate()
    }

    /// Input bytes given but not yet consumed.
    var pendingInput: Int { Int(stream.pointee.avail_in) }

    /// Where the pending input starts.
    var pendingInputStart: UnsafePointer<UInt8>? { UnsafePointer(stream.pointee.next_in) }

    /// Hands zlib the next input; it must stay valid until consumed (`pendingInput == 0`).
    func setInput(_ input: UnsafeRawBufferPointer) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = UInt32(input.count)
    }

    /// Runs zlib into `output`; returns the bytes produced and zlib's status. `finish` (deflate
    /// only) ends the stream.
    func run(into output: UnsafeMutableRawBufferPointer, finish: Bool = false) -> (produced: Int, status: Int32) {
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.pointee.avail_out = UInt32(output.count)
        let status = switch direction {
        case .inflate: CZlib.inflate(stream, Z_NO_FLUSH)
        case .deflate: CZlib.deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
        }
        return (output.count - Int(stream.pointee.avail_out), status)
    }

    /// Starts a new stream of the same kind (the next member of a multi-member gzip file).
    func reset() -> Bool {
        direction == .inflate ? inflateReset(stream) == Z_OK : deflateReset(stream) == Z_OK
    }

    /// zlib's message for the last error, if any.
    var message: String? { stream.pointee.msg.map { String(cString: $0) } }
}
