import KilnIO
import Kiln

/// Baseline JPEG decoding (ITU T.81 sequential DCT with Huffman coding, 8-bit samples: SOF0 and
/// SOF1), greyscale or three-component YCbCr (or RGB) with any integer sampling factors and
/// restart intervals.
///
/// The output follows libjpeg's defaults, which Pillow uses: the "islow" integer inverse DCT,
/// "fancy" (triangular) chroma upsampling and libjpeg's fixed-point YCbCr → RGB conversion. So
/// pixels are uint8 [height, width, 3] (or [height, width, 1] for greyscale) equal to
/// `np.asarray(Image.open(path))`. Progressive, lossless, hierarchical, arithmetic-coded, 12-bit
/// and CMYK files throw an `ImageDecodingError` of kind `.unsupported`.
public enum JPEG {
    /// Decodes a whole JPEG file held in memory. Malformed data — a missing SOI, a segment or scan
    /// cut short, bad markers, invalid tables, bits that are no Huffman code, a missing EOI —
    /// throws an `ImageDecodingError` naming `source` and the byte offset.
    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String = "JPEG data") throws -> Image {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            throw ImageDecodingError(.truncated, source: source, offset: 0, reason: "no data (0 bytes)")
        }
        return try JPEGDecoder(base.assumingMemoryBound(to: UInt8.self), count: bytes.count, source: source).decode()
    }

    /// Decodes a whole JPEG file held in memory (see the pointer form).
    public static func decode(_ bytes: [UInt8], source: String = "JPEG data") throws -> Image {
        try bytes.withUnsafeBytes { try decode($0, source: source) }
    }

    /// Reads and decodes the JPEG file at `path`: `FileError` when it cannot be read,
    /// `ImageDecodingError` when it is not a JPEG this decoder handles.
    public static func load(_ path: String) throws -> Image {
        try decode(InputFile.readAll(path), source: path)
    }
}
