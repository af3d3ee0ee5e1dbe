import KilnIO

/// What the chunks of a PNG file hold that decoding needs: the header, the palette (as RGBA), and
/// where the image data (IDAT) lies. Every chunk's CRC-32 is checked, ancillary ones included.
struct PNGChunks {
    var header: PNGHeader
    /// 256 RGBA entries; entries the palette does not define are opaque black.
    var palette: [UInt8]
    var paletteCount = 0
    /// Whether a tRNS chunk gave palette entries alpha (the image then decodes to RGBA).
    var paletteHasAlpha = false
    /// The data ranges of the IDAT chunks, in file order.
    var imageData: [Range<Int>] = []

    static let signature = PNGWriter.signature

    init(_ bytes: UnsafeRawBufferPointer, source: String) throws {
        func error(_ kind: ImageDecodingError.Kind, _ offset: Int, _ reason: String) -> ImageDecodingError {
            ImageDecodingError(kind, source: source, offset: offset, reason: reason)
        }
        let count = bytes.count
        guard count >= 8 else {
            throw error(.truncated, count, "\(count) bytes are too few for a PNG file (the signature alone is 8)")
        }
        guard (0..<8).allSatisfy({ bytes[$0] == PNGChunks.signature[$0] }) else {
            throw error(.corrupt, 0, "not a PNG file (the first 8 bytes are not the PNG signature)")
        }
        var header: PNGHeader?
        var palette = [UInt8](repeating: 0, count: 1024)
        for i in 0..<256 { palette[4 * i + 3] = 255 }
        var paletteCount = 0, paletteHasAlpha = false
        var imageData: [Range<Int>] = []
        var position = 8
        var sawEnd = false
        while position < count {
            guard count - position >= 12 else {
                throw error(.truncated, position, "PNG chunk header cut short: \(count - position) bytes left, a chunk needs at least 12")
            }
            let length = Int(PNGHeader.bigEndian32(bytes, position))
            let typeBytes = (0..<4).map { bytes[position + 4 + $0] }
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw error(.corrupt, position, "PNG chunk type bytes \(typeBytes) are not four ASCII letters")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            guard length <= Int(Int32.max) else {
                throw error(.corrupt, position, "PNG chunk \(type): length \(length) is over the limit of \(Int32.max)")
            }
            let dataStart = position + 8
            guard count - dataStart >= length + 4 else {
                throw error(.truncated, position, "PNG chunk \(type): its \(length) data bytes and CRC need \(length + 4) bytes, "
                            + "only \(count - dataStart) are left")
            }
            let data = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + length)])
            let stored = PNGHeader.bigEndian32(bytes, dataStart + length)
            let computed = Compression.crc32(UnsafeRawBufferPointer(rebasing: bytes[(position + 4)..<(dataStart + length)]))
            guard stored == computed else {
                throw error(.checksumMismatch, position, "PNG chunk \(type): CRC-32 mismatch (stored \(hex(stored)), computed \(hex(computed)))")
            }
            if header == nil && type != "IHDR" {
                throw error(.corrupt, position, "PNG chunk \(type) comes before IHDR (IHDR must be first)")
            }
            switch type {
            case "IHDR":
                guard header == nil else { throw error(.corrupt, position, "PNG chunk IHDR appears a second time") }
                header = try PNGHeader(data, chunkOffset: position, source: source)
            case "PLTE":
                guard length % 3 == 0, length >= 3, length <= 768 else {
                    throw error(.corrupt, position, "PNG chunk PLTE: \(length) bytes is not 1…256 RGB entries")
                }
                guard imageData.isEmpty else { throw error(.corrupt, position, "PNG chunk PLTE comes after the image data") }
                paletteCount = length / 3
                for i in 0..<paletteCount {
                    palette[4 * i] = data[3 * i]
                    palette[4 * i + 1] = data[3 * i + 1]
                    palette[4 * i + 2] = data[3 * i + 2]
                }
            case "tRNS":
                // Alpha for palette entries; a grey or RGB transparent colour is ignored, as in
                // Pillow's pixel arrays.
                if header?.colorType == .palette && length > 0 {
                    guard length <= 256 else {
                        throw error(.corrupt, position, "PNG chunk tRNS: \(length) alpha values for a palette of at most 256")
                    }
                    for i in 0..<length { palette[4 * i + 3] = data[i] }
                    paletteHasAlpha = true
                }
            case "IDAT":
                if length > 0 { imageData.append(dataStart..<(dataStart + length)) }
            case "IEND":
                sawEnd = true
            default:
                // Bit 5 of the first letter clear (upper case): a critical chunk we cannot skip.
                if typeBytes[0] & 0x20 == 0 {
                    throw error(.unsupported, position, "PNG chunk \(type) is critical and unknown")
                }
            }
            position = dataStart + length + 4
            if sawEnd { break }
        }
        guard let header else { throw error(.truncated, position, "no IHDR chunk") }
        guard sawEnd else {
            throw error(.truncated, position, "no IEND chunk: the file ends at byte \(count) without it")
        }
        guard !imageData.isEmpty else { throw error(.corrupt, position, "no image data (IDAT chunks)") }
        if header.colorType == .palette && paletteCount == 0 {
            throw error(.corrupt, imageData[0].lowerBound - 8, "palette image without a PLTE chunk")
        }
        self.header = header
        self.palette = palette
        self.paletteCount = paletteCount
        self.paletteHasAlpha = paletteHasAlpha
        self.imageData = imageData
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: Swift.max(0, 8 - digits.count)) + digits
}
