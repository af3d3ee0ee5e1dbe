/// Unfiltered PNG rows to output pixels. Pixel j of a row goes to `dst + j * step` (step =
/// channels for a whole row, channels × the Adam7 spacing for an interlaced pass).
enum PNGPixels {
    /// Rows of 8 bits or fewer per sample into uint8 pixels: samples as they are, grey of 1, 2 or
    /// 4 bits scaled to 0…255 (×255, ×85, ×17, as Pillow's "1"/"L" images read as 0/255 and L),
    /// palette indices looked up in `palette` (256 RGBA entries; `channels` 3 or 4).
    static func expand8(_ src: UnsafePointer<UInt8>, count: Int, header: PNGHeader, palette: UnsafePointer<UInt8>,
                        channels: Int, into dst: UnsafeMutablePointer<UInt8>, step: Int) {
        let depth = header.bitDepth
        if header.colorType == .palette {
            if depth == 8 {
                for j in 0..<count { copyEntry(palette, Int(src[j]), channels, dst + j * step) }
            } else {
                let mask = (1 << depth) - 1, perByte = 8 / depth
                for j in 0..<count {
                    let byte = Int(src[j / perByte]), shift = 8 - depth - (j % perByte) * depth
                    copyEntry(palette, (byte >> shift) & mask, channels, dst + j * step)
                }
            }
            return
        }
        if depth == 8 {
            if step == channels {
                dst.update(from: src, count: count * channels)
            } else {
                for j in 0..<count {
                    for c in 0..<channels { dst[j * step + c] = src[j * channels + c] }
                }
            }
            return
        }
        // Grey of 1, 2 or 4 bits.
        let mask = (1 << depth) - 1, perByte = 8 / depth, scale = 255 / mask
        for j in 0..<count {
            let byte = Int(src[j / perByte]), shift = 8 - depth - (j % perByte) * depth
            dst[j * step] = UInt8(truncatingIfNeeded: ((byte >> shift) & mask) * scale)
        }
    }

    @inline(__always)
    private static func copyEntry(_ palette: UnsafePointer<UInt8>, _ index: Int, _ channels: Int,
                                  _ dst: UnsafeMutablePointer<UInt8>) {
        let entry = palette + 4 * index
        dst[0] = entry[0]
        dst[1] = entry[1]
        dst[2] = entry[2]
        if channels == 4 { dst[3] = entry[3] }
    }

    /// Rows of 16-bit (big-endian) samples into int32 pixels 0…65535.
    static func expand16(_ src: UnsafePointer<UInt8>, count: Int, channels: Int, into dst: UnsafeMutablePointer<Int32>,
                         step: Int) {
        for j in 0..<count {
            let s = src + 2 * channels * j, d = dst + j * step
            for c in 0..<channels { d[c] = Int32(s[2 * c]) << 8 | Int32(s[2 * c + 1]) }
        }
    }
}
