import Kiln
import KilnIO

/// The IDX format of MNIST and Fashion-MNIST: two zero bytes, a type code, the number of
/// dimensions, each dimension as a big-endian UInt32, then the elements big-endian in row-major
/// order. Files may be gzip-compressed (detected by the magic bytes 1f 8b).
///
/// Element types: 0x08 uint8 → uint8; 0x09 int8 and 0x0B int16 → int32 (Kiln has no narrower
/// signed types); 0x0C int32 → int32; 0x0D float32 → float32; 0x0E float64 → float64.
///
/// ```swift
/// let images = try IDX.load("/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz")
/// print(images.shape, images.dtype)   // [60000, 28, 28] uint8
/// ```
public enum IDX {
    /// Reads the IDX file at `path` (plain or gzip).
    public static func load(_ path: String) throws -> Tensor {
        try decode(InputFile.readAll(path), source: path)
    }

    /// Decodes IDX bytes (plain or gzip); `source` names them in errors.
    public static func decode(_ bytes: [UInt8], source: String = "IDX data") throws -> Tensor {
        guard Compression.isGzip(bytes) else { return try decodePlain(bytes, source: source) }
        let plain = try Compression.inflate(bytes, format: .gzip, source: source, sizeHint: gzipSizeHint(bytes))
        return try decodePlain(plain, source: source)
    }

    /// The uncompressed size a gzip trailer records (modulo 2^32), when plausible.
    private static func gzipSizeHint(_ bytes: [UInt8]) -> Int {
        guard bytes.count >= 18 else { return 0 }
        let n = bytes.count
        let size = Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
        return size <= 1 << 30 ? size : 0
    }

    private static func decodePlain(_ bytes: [UInt8], source: String) throws -> Tensor {
        func fail(_ offset: Int, _ reason: String) -> IDXError { IDXError(source: source, byteOffset: offset, reason: reason) }
        guard bytes.count >= 4 else {
            throw fail(bytes.count, "the file ends inside the 4-byte magic number (it has \(bytes.count) bytes)")
        }
        guard bytes[0] == 0 && bytes[1] == 0 else {
            throw fail(0, "not an IDX file: the magic number must start with two zero bytes, found \(hex(bytes[0])) \(hex(bytes[1]))")
        }
        let elementSize: Int
        switch bytes[2] {
        case 0x08, 0x09: elementSize = 1
        case 0x0B: elementSize = 2
        case 0x0C, 0x0D: elementSize = 4
        case 0x0E: elementSize = 8
        default:
            throw fail(2, "unknown element type code \(hex(bytes[2])) (IDX defines 08 uint8, 09 int8, 0B int16, 0C int32, 0D float32, 0E float64)")
        }
        let rank = Int(bytes[3])
        guard rank > 0 else { throw fail(3, "the file declares 0 dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw fail(bytes.count, "the file ends inside the header: \(rank) dimensions need \(headerSize) bytes, the file has \(bytes.count)")
        }
        var shape: [Int] = []
        var count = 1
        for axis in 0..<rank {
            let p = 4 + 4 * axis
            let size = Int(bytes[p]) << 24 | Int(bytes[p + 1]) << 16 | Int(bytes[p + 2]) << 8 | Int(bytes[p + 3])
            shape.append(size)
            let (product, overflow) = count.multipliedReportingOverflow(by: size)
            guard !overflow else { throw fail(p, "the dimensions \(shape) are too large to address") }
            count = product
        }
        let (dataSize, overflow) = count.multipliedReportingOverflow(by: elementSize)
        guard !overflow else { throw fail(4, "the dimensions \(shape) are too large to address") }
        let available = bytes.count - headerSize
        guard available >= dataSize else {
            throw fail(bytes.count, "the data ends early: shape \(shape) of \(elementSize)-byte elements needs \(dataSize) bytes after the \(headerSize)-byte header, the file has \(available) (truncated)")
        }
        guard available == dataSize else {
            throw fail(headerSize + dataSize, "\(available - dataSize) unexpected bytes after the \(dataSize) bytes of shape \(shape)")
        }
        return bytes.withUnsafeBytes { raw in
            let data = UnsafeRawBufferPointer(rebasing: raw[headerSize...])
            switch bytes[2] {
            case 0x08:
                return Tensor(copying: data, shape: shape, dtype: .uint8)
            case 0x09:
                return Tensor((0..<count).map { Int32(Int8(bitPattern: data[$0])) }, shape: shape)
            case 0x0B:
                return Tensor((0..<count).map { Int32(Int16(bitPattern: UInt16(data[2 * $0]) << 8 | UInt16(data[2 * $0 + 1]))) }, shape: shape)
            case 0x0C:
                return Tensor((0..<count).map { Int32(bitPattern: bigEndian32(data, at: 4 * $0)) }, shape: shape)
            case 0x0D:
                return Tensor((0..<count).map { Float(bitPattern: bigEndian32(data, at: 4 * $0)) }, shape: shape)
            default:
                return Tensor((0..<count).map { Double(bitPattern: UInt64(bigEndian32(data, at: 8 * $0)) << 32 | UInt64(bigEndian32(data, at: 8 * $0 + 4))) },
                              shape: shape)
            }
        }
    }

    private static func bigEndian32(_ data: UnsafeRawBufferPointer, at p: Int) -> UInt32 {
        UInt32(data[p]) << 24 | UInt32(data[p + 1]) << 16 | UInt32(data[p + 2]) << 8 | UInt32(data[p + 3])
    }

    private static func hex(_ b: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(b >> 4)], digits[Int(b & 15)]])
    }
}
