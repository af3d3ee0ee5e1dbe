/// The IHDR chunk: size, sample layout and interlacing of a PNG image, validated.
struct PNGHeader: Equatable {
    enum ColorType: Int {
        case grey = 0, rgb = 2, palette = 3, greyAlpha = 4, rgba = 6

        /// Samples per pixel in the file (a palette index is one sample).
        var samples: Int {
            switch self {
            case .grey, .palette: 1
            case .greyAlpha: 2
            case .rgb: 3
            case .rgba: 4
            }
        }

        /// The bit depths the PNG specification allows for this colour type.
        var allowedBitDepths: [Int] {
            switch self {
            case .grey: [1, 2, 4, 8, 16]
            case .palette: [1, 2, 4, 8]
            case .rgb, .greyAlpha, .rgba: [8, 16]
            }
        }
    }

    let width: Int
    let height: Int
    let bitDepth: Int
    let colorType: ColorType
    let interlaced: Bool

    var bitsPerPixel: Int { colorType.samples * bitDepth }
    /// The byte distance filters look back (at least 1, for sub-byte pixels).
    var filterStride: Int { Swift.max(1, bitsPerPixel / 8) }

    /// Bytes of one filtered row `width` pixels wide, without its filter-type byte.
    func rowBytes(width: Int) -> Int { (width * bitsPerPixel + 7) / 8 }

    /// The big-endian 32-bit number at `offset`.
    @inline(__always)
    static func bigEndian32(_ data: UnsafeRawBufferPointer, _ offset: Int) -> UInt32 {
        UInt32(data[offset]) << 24 | UInt32(data[offset + 1]) << 16 | UInt32(data[offset + 2]) << 8 | UInt32(data[offset + 3])
    }

    /// Reads and checks the 13 bytes of IHDR data at `offset` (the chunk's offset names errors).
    init(_ data: UnsafeRawBufferPointer, chunkOffset: Int, source: String) throws {
        func fail(_ reason: String) -> ImageDecodingError {
            ImageDecodingError(.corrupt, source: source, offset: chunkOffset, reason: "PNG chunk IHDR: \(reason)")
        }
        guard data.count == 13 else { throw fail("holds \(data.count) bytes, not 13") }
        let width = Int(PNGHeader.bigEndian32(data, 0)), height = Int(PNGHeader.bigEndian32(data, 4))
        guard width > 0 && width <= Int(Int32.max), height > 0 && height <= Int(Int32.max) else {
            throw fail("image size \(width)×\(height) is outside 1…\(Int32.max)")
        }
        guard let colorType = ColorType(rawValue: Int(data[9])) else {
            throw fail("unknown colour type \(data[9]) (valid: 0, 2, 3, 4, 6)")
        }
        let bitDepth = Int(data[8])
        guard colorType.allowedBitDepths.contains(bitDepth) else {
            throw fail("bit depth \(bitDepth) is not allowed for colour type \(colorType.rawValue) (allowed: "
                        + colorType.allowedBitDepths.map(String.init).joined(separator: ", ") + ")")
        }
        guard data[10] == 0 else { throw fail("unknown compression method \(data[10]) (only 0, deflate)") }
        guard data[11] == 0 else { throw fail("unknown filter method \(data[11]) (only 0, adaptive)") }
        guard data[12] <= 1 else { throw fail("unknown interlace method \(data[12]) (valid: 0 none, 1 Adam7)") }
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorType = colorType
        interlaced = data[12] == 1
    }
}

/// One Adam7 pass: the first pixel it holds and the spacing of its pixels.
struct Adam7Pass {
    let x0: Int, y0: Int, dx: Int, dy: Int

    static let all = [
        Adam7Pass(x0: 0, y0: 0, dx: 8, dy: 8), Adam7Pass(x0: 4, y0: 0, dx: 8, dy: 8),
        Adam7Pass(x0: 0, y0: 4, dx: 4, dy: 8), Adam7Pass(x0: 2, y0: 0, dx: 4, dy: 4),
        Adam7Pass(x0: 0, y0: 2, dx: 2, dy: 4), Adam7Pass(x0: 1, y0: 0, dx: 2, dy: 2),
        Adam7Pass(x0: 0, y0: 1, dx: 1, dy: 2),
    ]
    /// The whole image as one pass (no interlacing).
    static let whole = Adam7Pass(x0: 0, y0: 0, dx: 1, dy: 1)

    func width(of imageWidth: Int) -> Int { imageWidth > x0 ? (imageWidth - x0 + dx - 1) / dx : 0 }
    func height(of imageHeight: Int) -> Int { imageHeight > y0 ? (imageHeight - y0 + dy - 1) / dy : 0 }
}
