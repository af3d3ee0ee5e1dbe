import Kiln
import KilnIO

/// PNG images (ISO/IEC 15948): decoding of every standard colour type and bit depth, Adam7
/// interlacing and palettes with transparency; encoding of 8- and 16-bit images.
///
/// Decoded pixels match Pillow's (`np.asarray(Image.open(path))`), except where Pillow changes
/// the data: palette images come out as RGB (RGBA when a tRNS chunk gives alpha), 1-bit grey as
/// 0/255 (Pillow's mode "1" converted to "L"), and 16-bit samples keep all 16 bits as int32
/// 0…65535 in every colour type (Pillow keeps them only for grey). A grey or RGB image's tRNS
/// transparent colour is ignored, as in Pillow's pixel arrays.
public enum PNG {
    /// Decodes a whole PNG file held in memory. Malformed data — a bad signature, a chunk whose
    /// CRC-32 does not match, invalid header fields, corrupt or short image data, an unknown
    /// filter type, a missing IEND — throws an `ImageDecodingError` naming `source` and the byte
    /// offset (of the chunk at fault).
    public static func decode(_ bytes: UnsafeRawBufferPointer, source: String = "PNG data") throws -> Image {
        let chunks = try PNGChunks(bytes, source: source)
        let header = chunks.header
        let width = header.width, height = header.height
        let passes = header.interlaced ? Adam7Pass.all : [Adam7Pass.whole]
        let firstData = chunks.imageData[0].lowerBound - 8

        func headerError(_ reason: String) -> ImageDecodingError {
            ImageDecodingError(.corrupt, source: source, offset: 8, reason: "PNG chunk IHDR: \(reason)")
        }
        var rawCount = 0
        for pass in passes {
            let w = pass.width(of: width), h = pass.height(of: height)
            guard w > 0 && h > 0 else { continue }
            guard let size = PNG.checkedProduct(h, header.rowBytes(width: w) + 1),
                  case let (total, overflow) = rawCount.addingReportingOverflow(size), !overflow else {
                throw headerError("image size \(width)×\(height) is too large to address")
            }
            rawCount = total
        }
        let channels = header.colorType == .palette ? (chunks.paletteHasAlpha ? 4 : 3) : header.colorType.samples
        let wide = header.bitDepth == 16
        guard let outputBytes = PNG.checkedProduct(height, width, channels, wide ? 4 : 1) else {
            throw headerError("image size \(width)×\(height) is too large to address")
        }

        // Deflate expands at most ~1032×; the hint only reserves memory.
        let compressedCount = chunks.imageData.reduce(0) { $0 + $1.count }
        let hint = Swift.min(rawCount, compressedCount.multipliedReportingOverflow(by: 1032).partialValue + 1024)
        var raw: [UInt8]
        do {
            if chunks.imageData.count == 1 {
                raw = try Compression.inflate(UnsafeRawBufferPointer(rebasing: bytes[chunks.imageData[0]]), format: .zlib,
                                              source: source, sizeHint: hint)
            } else {
                var joined = [UInt8]()
                joined.reserveCapacity(compressedCount)
                for range in chunks.imageData { joined.append(contentsOf: bytes[range]) }
                raw = try Compression.inflate(joined, format: .zlib, source: source, sizeHint: hint)
            }
        } catch let error as CompressionError {
            throw ImageDecodingError(.corrupt, source: source, offset: firstData,
                                     reason: "PNG image data (IDAT) is not a valid zlib stream: \(error.reason)")
        }
        guard raw.count >= rawCount else {
            throw ImageDecodingError(.truncated, source: source, offset: firstData,
                                     reason: "PNG image data (IDAT) holds \(raw.count) bytes after decompression; a \(width)×\(height) "
                                        + "image of colour type \(header.colorType.rawValue) at \(header.bitDepth) bits needs \(rawCount)")
        }

        let output = DecodedImageBuffer(height: height, width: width, channels: channels, dtype: wide ? .int32 : .uint8,
                                 byteCount: outputBytes)
        let zeroRow = [UInt8](repeating: 0, count: header.rowBytes(width: width))
        try raw.withUnsafeMutableBufferPointer { rawBuffer in
            try zeroRow.withUnsafeBufferPointer { zeros in
                try chunks.palette.withUnsafeBufferPointer { palette in
                    guard let base = rawBuffer.baseAddress, let zeroBase = zeros.baseAddress,
                          let paletteBase = palette.baseAddress else { return }
                    var offset = 0
                    for (index, pass) in passes.enumerated() {
                        let w = pass.width(of: width), h = pass.height(of: height)
                        guard w > 0 && h > 0 else { continue }
                        let rowBytes = header.rowBytes(width: w)
                        if let bad = PNGFilter.unfilter(base + offset, rows: h, rowBytes: rowBytes, stride: header.filterStride,
                                                        zeroRow: zeroBase) {
                            let which = header.interlaced ? "Adam7 pass \(index + 1) row \(bad.row)" : "row \(bad.row)"
                            throw ImageDecodingError(.corrupt, source: source, offset: firstData,
                                                     reason: "PNG image data: \(which) has unknown filter type \(bad.type) (valid: 0…4)")
                        }
                        let step = channels * pass.dx
                        for r in 0..<h {
                            let src = UnsafePointer(base + offset + r * (rowBytes + 1) + 1)
                            let first = ((pass.y0 + r * pass.dy) * width + pass.x0) * channels
                            if wide {
                                PNGPixels.expand16(src, count: w, channels: channels,
                                                   into: output.base.assumingMemoryBound(to: Int32.self) + first, step: step)
                            } else {
                                PNGPixels.expand8(src, count: w, header: header, palette: paletteBase, channels: channels,
                                                  into: output.base.assumingMemoryBound(to: UInt8.self) + first, step: step)
                            }
                        }
                        offset += h * (rowBytes + 1)
                    }
                }
            }
        }
        return output.image
    }

    /// Decodes a whole PNG file held in memory (see the pointer form).
    public static func decode(_ bytes: [UInt8], source: String = "PNG data") throws -> Image {
        try bytes.withUnsafeBytes { try decode($0, source: source) }
    }

    /// Reads and decodes the PNG file at `path`: `FileError` when it cannot be read,
    /// `ImageDecodingError` when it is not a valid PNG.
    public static func load(_ path: String) throws -> Image {
        try decode(InputFile.readAll(path), source: path)
    }

    /// The product of non-negative sizes, or nil when it does not fit in an `Int`.
    static func checkedProduct(_ factors: Int...) -> Int? {
        var total = 1
        for factor in factors {
            let (product, overflow) = total.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            total = product
        }
        return total
    }
}
