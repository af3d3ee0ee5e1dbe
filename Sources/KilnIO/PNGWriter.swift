import Kiln

/// Encodes pixels as a PNG file (ISO/IEC 15948). The one PNG encoder of Kiln: KilnData's
/// `PNG.encode(_ image:)` and TensorBoard's `SummaryWriter.addImage` both call it.
public enum PNGWriter {
    /// How the encoder filters rows before compression.
    public enum Filtering: Sendable {
        /// Filter type 0 on every row: fastest.
        case none
        /// Per row, the filter whose output has the smallest sum of absolute signed bytes (the
        /// heuristic libpng uses): usually the smallest files.
        case adaptive
    }

    /// The 8 bytes every PNG file starts with.
    package static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The PNG file of `pixels`, laid out [height, width, channels] (HWC): grey, grey + alpha,
    /// RGB or RGBA by the channel count (1…4), 8 bits per sample for uint8 pixels and 16 bits for
    /// int32 pixels (which must lie in 0…65535). `compressionLevel` is zlib's 0 (stored) … 9
    /// (smallest).
    public static func encode(pixels: Tensor, filtering: Filtering = .adaptive, compressionLevel: Int = 6) -> [UInt8] {
        require(pixels.rank == 3 && (1...4).contains(pixels.shape[2]) && (pixels.dtype == .uint8 || pixels.dtype == .int32),
                "PNGWriter.encode: pixels must be [height, width, 1…4] uint8 (or int32 for 16-bit samples), got \(pixels.dtype) \(pixels.shape)")
        require(pixels.shape[0] > 0 && pixels.shape[1] > 0, "PNGWriter.encode: a PNG image needs at least one pixel, got shape \(pixels.shape)")
        require((0...9).contains(compressionLevel), "PNGWriter.encode: compressionLevel must be 0…9, got \(compressionLevel)")
        let height = pixels.shape[0], width = pixels.shape[1], channels = pixels.shape[2]
        let wide = pixels.dtype == .int32
        let sampleBytes = wide ? 2 : 1
        let stride = channels * sampleBytes
        let rowBytes = width * stride
        let colorType: UInt8 = [0, 4, 2, 6][channels - 1]

        var filtered = [UInt8](repeating: 0, count: height * (rowBytes + 1))
        pixels.withUnsafeBytes { samples in
            // Unfiltered rows in file byte order: the current one and the one above.
            var current = [UInt8](repeating: 0, count: rowBytes), prior = current
            var candidates = [UInt8](repeating: 0, count: 5 * rowBytes)
            for y in 0..<height {
                if wide {
                    let row = samples.baseAddress!.assumingMemoryBound(to: Int32.self) + y * width * channels
                    for i in 0..<(width * channels) {
                        let value = row[i]
                        require(value >= 0 && value <= 65535, "PNGWriter.encode: 16-bit sample \(value) at row \(y) is outside 0…65535")
                        current[2 * i] = UInt8(truncatingIfNeeded: value >> 8)
                        current[2 * i + 1] = UInt8(truncatingIfNeeded: value)
                    }
                } else {
                    current.withUnsafeMutableBytes {
                        $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: samples[(y * rowBytes)..<((y + 1) * rowBytes)]))
                    }
                }
                filtered.withUnsafeMutableBufferPointer { out in
                    let row = out.baseAddress! + y * (rowBytes + 1)
                    current.withUnsafeBufferPointer { cur in
                        prior.withUnsafeBufferPointer { pri in
                            candidates.withUnsafeMutableBufferPointer { cand in
                                let chosen: UInt8 = filtering == .none ? 0 : bestFilter(cur.baseAddress!, pri.baseAddress!, rowBytes,
                                                                                         stride, cand.baseAddress!)
                                row[0] = chosen
                                PNGFilter.apply(chosen, row: cur.baseAddress!, prior: pri.baseAddress!, rowBytes: rowBytes,
                                                stride: stride, into: row + 1)
                            }
                        }
                    }
                }
                swap(&current, &prior)
            }
        }
        let compressed = Compression.deflate(filtered, format: .zlib, level: Int32(compressionLevel))

        var file = signature
        var header = [UInt8]()
        appendBigEndian32(UInt32(width), to: &header)
        appendBigEndian32(UInt32(height), to: &header)
        header += [UInt8(sampleBytes * 8), colorType, 0, 0, 0]
        appendChunk("IHDR", header, to: &file)
        let pieceSize = 1 << 20
        var start = 0
        repeat {
            let end = Swift.min(start + pieceSize, compressed.count)
            appendChunk("IDAT", compressed[start..<end], to: &file)
            start = end
        } while start < compressed.count
        appendChunk("IEND", [], to: &file)
        return file
    }

    /// The filter type (0…4) whose output for this row has the smallest sum of |signed byte|.
    private static func bestFilter(_ row: UnsafePointer<UInt8>, _ prior: UnsafePointer<UInt8>, _ rowBytes: Int, _ stride: Int,
                                   _ scratch: UnsafeMutablePointer<UInt8>) -> UInt8 {
        var best: UInt8 = 0, bestScore = Int.max
        for type: UInt8 in 0...4 {
            let out = scratch + Int(type) * rowBytes
            PNGFilter.apply(type, row: row, prior: prior, rowBytes: rowBytes, stride: stride, into: out)
            var score = 0
            for i in 0..<rowBytes { score += Int(Int8(bitPattern: out[i]).magnitude) }
            if score < bestScore { bestScore = score; best = type }
        }
        return best
    }

    private static func appendBigEndian32(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(truncatingIfNeeded: value >> 16), UInt8(truncatingIfNeeded: value >> 8),
                  UInt8(truncatingIfNeeded: value)]
    }

    private static func appendChunk<C: Collection<UInt8>>(_ type: String, _ data: C, to file: inout [UInt8]) {
        appendBigEndian32(UInt32(data.count), to: &file)
        let start = file.count
        file += Array(type.utf8)
        file += data
        let crc = file.withUnsafeBytes { Compression.crc32(UnsafeRawBufferPointer(rebasing: $0[start...])) }
        appendBigEndian32(crc, to: &file)
    }
}
