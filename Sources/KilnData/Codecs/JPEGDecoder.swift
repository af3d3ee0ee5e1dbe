import Kiln

/// Decodes one baseline (or extended sequential, Huffman, 8-bit) JPEG file held in memory: walks
/// the markers, keeps the tables, decodes each scan into per-component sample planes, then
/// upsamples and converts to RGB (or grey) like libjpeg's defaults.
final class JPEGDecoder {
    private let data: UnsafePointer<UInt8>
    private let count: Int
    private let source: String
    private var position = 0

    /// Four quantisation tables in natural (row-major) order.
    private let quant = UnsafeMutablePointer<Int32>.allocate(capacity: 4 * 64)
    private var quantDefined = [Bool](repeating: false, count: 4)
    /// Each component's table as it was when its first scan began (libjpeg latches them then).
    private var componentQuant: UnsafeMutablePointer<Int32>?
    private let huffman = JPEGHuffmanTables()
    private var restartInterval = 0
    private var sawJFIF = false
    private var adobeTransform: Int?
    private var frame: JPEGFrame?
    private var planes: [UnsafeMutablePointer<UInt8>?] = []

    private let coefficients = UnsafeMutablePointer<Int32>.allocate(capacity: 64)
    private let workspace = UnsafeMutablePointer<Int>.allocate(capacity: 64)
    /// Zig-zag position → natural position.
    private let naturalOrder = UnsafeMutablePointer<Int>.allocate(capacity: 64)

    private static let zigzag = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ]

    init(_ data: UnsafePointer<UInt8>, count: Int, source: String) {
        self.data = data
        self.count = count
        self.source = source
        for i in 0..<64 { naturalOrder[i] = JPEGDecoder.zigzag[i] }
        coefficients.update(repeating: 0, count: 64)
    }

    deinit {
        quant.deallocate()
        componentQuant?.deallocate()
        for plane in planes { plane?.deallocate() }
        coefficients.deallocate()
        workspace.deallocate()
        naturalOrder.deallocate()
    }

    private func error(_ kind: ImageDecodingError.Kind, _ offset: Int, _ reason: String) -> ImageDecodingError {
        ImageDecodingError(kind, source: source, offset: offset, reason: reason)
    }

    private static func markerName(_ marker: UInt8) -> String {
        let names: [UInt8: String] = [0xC0: "SOF0", 0xC1: "SOF1", 0xC2: "SOF2", 0xC3: "SOF3", 0xC4: "DHT", 0xCC: "DAC", 0xD8: "SOI",
                                      0xD9: "EOI", 0xDA: "SOS", 0xDB: "DQT", 0xDC: "DNL", 0xDD: "DRI", 0xFE: "COM"]
        if let name = names[marker] { return name }
        switch marker {
        case 0xC5...0xCF: return "SOF\(marker - 0xC0)"
        case 0xD0...0xD7: return "RST\(marker - 0xD0)"
        case 0xE0...0xEF: return "APP\(marker - 0xE0)"
        default: return "marker 0x\(String(marker, radix: 16, uppercase: true))"
        }
    }

    // MARK: - Markers

    func decode() throws -> Image {
        guard count >= 2 else {
            if count == 0 || data[0] == 0xFF { throw error(.truncated, count, "\(count) bytes are too few for a JPEG file") }
            throw error(.corrupt, 0, "not a JPEG file (no SOI marker FF D8 at the start)")
        }
        guard data[0] == 0xFF && data[1] == 0xD8 else {
            throw error(.corrupt, 0, "not a JPEG file (no SOI marker FF D8 at the start)")
        }
        position = 2
        while true {
            let (marker, offset) = try nextMarker()
            switch marker {
            case 0xD9:
                return try finish(at: offset)
            case 0xC0, 0xC1:
                let payload = try segment(marker, at: offset)
                guard frame == nil else { throw error(.corrupt, offset, "JPEG has a second frame header (\(JPEGDecoder.markerName(marker)))") }
                let parsed = try JPEGFrame(UnsafeRawBufferPointer(start: data + payload.lowerBound, count: payload.count), offset: offset,
                                           marker: JPEGDecoder.markerName(marker), source: source)
                planes = Array(repeating: nil, count: parsed.components.count)
                componentQuant = UnsafeMutablePointer<Int32>.allocate(capacity: 64 * parsed.components.count)
                frame = parsed
            case 0xC2, 0xC6, 0xCA, 0xCE:
                throw error(.unsupported, offset, "progressive JPEG (\(JPEGDecoder.markerName(marker))) is not supported, only baseline and extended sequential")
            case 0xC3, 0xC7, 0xCB, 0xCF:
                throw error(.unsupported, offset, "lossless JPEG (\(JPEGDecoder.markerName(marker))) is not supported")
            case 0xC5, 0xC9, 0xCD:
                throw error(.unsupported, offset, "\(marker == 0xC5 ? "hierarchical" : "arithmetic-coded") JPEG (\(JPEGDecoder.markerName(marker))) is not supported")
            case 0xC4:
                try readHuffmanTables(segment(marker, at: offset), at: offset)
            case 0xDB:
                try readQuantTables(segment(marker, at: offset), at: offset)
            case 0xDD:
                let payload = try segment(marker, at: offset)
                guard payload.count == 2 else { throw error(.corrupt, offset, "JPEG DRI segment holds \(payload.count) bytes, not 2") }
                restartInterval = Int(data[payload.lowerBound]) << 8 | Int(data[payload.lowerBound + 1])
            case 0xDA:
                try readScan(segment(marker, at: offset), at: offset)
            case 0xD8:
                throw error(.corrupt, offset, "JPEG has a second SOI marker")
            case 0x01, 0xD0...0xD7:
                break  // No payload; stray restart markers are ignored, as libjpeg does.
            case 0xE0:
                let payload = try segment(marker, at: offset)
                if payload.count >= 5 && Array(bytes[payload.lowerBound..<(payload.lowerBound + 5)]) == Array("JFIF\0".utf8) {
                    sawJFIF = true
                }
            case 0xEE:
                let payload = try segment(marker, at: offset)
                if payload.count >= 12 && Array(bytes[payload.lowerBound..<(payload.lowerBound + 5)]) == Array("Adobe".utf8) {
                    adobeTransform = Int(data[payload.lowerBound + 11])
                }
            default:
                _ = try segment(marker, at: offset)  // APPn, COM, DAC, DNL, JPGn: skipped.
            }
        }
    }

    private var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: data, count: count) }

    /// The marker at `position` (after optional 0xFF fill bytes) and its offset; `position` moves past it.
    private func nextMarker() throws -> (UInt8, Int) {
        guard position < count else {
            throw error(.truncated, count, "the file ends at byte \(count) before the JPEG end marker (EOI)")
        }
        guard data[position] == 0xFF else {
            throw error(.corrupt, position, "expected a JPEG marker (0xFF), found 0x\(String(data[position], radix: 16, uppercase: true))")
        }
        let offset = position
        var p = position + 1
        while p < count && data[p] == 0xFF { p += 1 }
        guard p < count else { throw error(.truncated, count, "the file ends at byte \(count) inside a JPEG marker") }
        guard data[p] != 0 else { throw error(.corrupt, offset, "invalid JPEG marker FF 00 outside entropy-coded data") }
        position = p + 1
        return (data[p], offset)
    }

    /// The payload range of the segment whose marker is at `offset` (`position` is past the
    /// marker); `position` moves past the segment.
    private func segment(_ marker: UInt8, at offset: Int) throws -> Range<Int> {
        let name = JPEGDecoder.markerName(marker)
        guard count - position >= 2 else {
            throw error(.truncated, offset, "JPEG \(name) segment cut short: the file ends at byte \(count) inside its length")
        }
        let length = Int(data[position]) << 8 | Int(data[position + 1])
        guard length >= 2 else { throw error(.corrupt, offset, "JPEG \(name) segment has length \(length) (at least 2)") }
        guard count - position >= length else {
            throw error(.truncated, offset, "JPEG \(name) segment of \(length) bytes runs past the end of the file (byte \(count))")
        }
        let payload = (position + 2)..<(position + length)
        position += length
        return payload
    }

    private func readQuantTables(_ payload: Range<Int>, at offset: Int) throws {
        var p = payload.lowerBound
        while p < payload.upperBound {
            let precision = Int(data[p] >> 4), id = Int(data[p] & 15)
            guard precision <= 1 else { throw error(.corrupt, offset, "JPEG DQT: table precision \(precision) (valid: 0 8-bit, 1 16-bit)") }
            guard id < 4 else { throw error(.corrupt, offset, "JPEG DQT: table id \(id) (valid: 0…3)") }
            let size = 64 << precision
            guard payload.upperBound - (p + 1) >= size else {
                throw error(.corrupt, offset, "JPEG DQT: table \(id) needs \(size) bytes, the segment has \(payload.upperBound - p - 1) left")
            }
            for k in 0..<64 {
                let value = precision == 0 ? Int32(data[p + 1 + k]) : Int32(data[p + 1 + 2 * k]) << 8 | Int32(data[p + 2 + 2 * k])
                quant[64 * id + JPEGDecoder.zigzag[k]] = value
            }
            quantDefined[id] = true
            p += 1 + size
        }
    }

    private func readHuffmanTables(_ payload: Range<Int>, at offset: Int) throws {
        var p = payload.lowerBound
        while p < payload.upperBound {
            let tableClass = Int(data[p] >> 4), id = Int(data[p] & 15)
            guard tableClass <= 1 && id < 4 else {
                throw error(.corrupt, offset, "JPEG DHT: table class \(tableClass) id \(id) (valid: class 0 DC or 1 AC, id 0…3)")
            }
            guard payload.upperBound - p >= 17 else { throw error(.corrupt, offset, "JPEG DHT: table cut short by the segment's end") }
            let counts = (0..<16).map { Int(data[p + 1 + $0]) }
            let total = counts.reduce(0, +)
            guard total <= 256 else { throw error(.corrupt, offset, "JPEG DHT: table holds \(total) codes (at most 256)") }
            guard payload.upperBound - (p + 17) >= total else {
                throw error(.corrupt, offset, "JPEG DHT: table needs \(total) symbols, the segment has \(payload.upperBound - p - 17) bytes left")
            }
            let symbols = UnsafeRawBufferPointer(start: data + p + 17, count: total)
            if let reason = huffman.define(JPEGHuffmanTables.slot(ac: tableClass == 1, id: id), counts: counts, symbols: symbols) {
                throw error(.corrupt, offset, "JPEG DHT: bad \(tableClass == 1 ? "AC" : "DC") table \(id): \(reason)")
            }
            p += 17 + total
        }
    }

    // MARK: - Scans

    private struct ScanComponent {
        var index: Int
        var dc: JPEGHuffmanTable
        var ac: JPEGHuffmanTable
        var plane: UnsafeMutablePointer<UInt8>
        var stride: Int
        var horizontal: Int
        var vertical: Int
        var quant: UnsafePointer<Int32>
        var predictor: Int32 = 0
    }

    private func readScan(_ payload: Range<Int>, at offset: Int) throws {
        guard var frame else { throw error(.corrupt, offset, "JPEG scan (SOS) before the frame header (SOF)") }
        let n = payload.isEmpty ? 0 : Int(data[payload.lowerBound])
        guard n >= 1 && n <= 4 && payload.count == 1 + 2 * n + 3 else {
            throw error(.corrupt, offset, "JPEG SOS: \(payload.count) bytes for \(n) components")
        }
        var scan: [ScanComponent] = []
        var blocksPerMCU = 0
        for i in 0..<n {
            let id = Int(data[payload.lowerBound + 1 + 2 * i]), tables = data[payload.lowerBound + 2 + 2 * i]
            guard let index = frame.components.firstIndex(where: { $0.id == id }) else {
                throw error(.corrupt, offset, "JPEG SOS: component id \(id) is not in the frame")
            }
            guard !scan.contains(where: { $0.index == index }) else { throw error(.corrupt, offset, "JPEG SOS: component id \(id) appears twice") }
            let dcID = Int(tables >> 4), acID = Int(tables & 15)
            let dcSlot = JPEGHuffmanTables.slot(ac: false, id: dcID), acSlot = JPEGHuffmanTables.slot(ac: true, id: acID)
            guard dcID < 4 && huffman.defined[dcSlot] else { throw error(.corrupt, offset, "JPEG SOS: component \(id) uses DC Huffman table \(dcID), which no DHT defined") }
            guard acID < 4 && huffman.defined[acSlot] else { throw error(.corrupt, offset, "JPEG SOS: component \(id) uses AC Huffman table \(acID), which no DHT defined") }
            let component = frame.components[index]
            guard quantDefined[component.quantTable] else {
                throw error(.corrupt, offset, "JPEG SOS: component \(id) uses quantisation table \(component.quantTable), which no DQT defined")
            }
            let latched = componentQuant! + 64 * index
            latched.update(from: quant + 64 * component.quantTable, count: 64)
            if planes[index] == nil {
                planes[index] = UnsafeMutablePointer<UInt8>.allocate(capacity: component.stride * component.blocksPerColumn * 8)
            }
            let h = n == 1 ? 1 : component.horizontalSampling, v = n == 1 ? 1 : component.verticalSampling
            blocksPerMCU += h * v
            scan.append(ScanComponent(index: index, dc: huffman.table(dcSlot), ac: huffman.table(acSlot), plane: planes[index]!,
                                      stride: component.stride, horizontal: h, vertical: v, quant: latched))
        }
        guard blocksPerMCU <= 10 else { throw error(.corrupt, offset, "JPEG SOS: an MCU of \(blocksPerMCU) blocks (at most 10)") }
        let mcusPerLine: Int, mcusPerColumn: Int
        if n == 1 {
            let component = frame.components[scan[0].index]
            mcusPerLine = (component.sampledWidth + 7) / 8
            mcusPerColumn = (component.sampledHeight + 7) / 8
        } else {
            mcusPerLine = frame.mcusPerLine
            mcusPerColumn = frame.mcusPerColumn
        }
        // Every block takes at least 2 bits (a DC code and an end-of-block code): a file too short
        // for the image is refused before its planes are filled (and before they get large).
        let blocks = mcusPerLine * mcusPerColumn * blocksPerMCU
        guard blocks / 4 <= count - position else {
            throw error(.truncated, offset, "JPEG scan of \(blocks) blocks needs at least \(blocks / 4) bytes of data, the file has \(count - position) left")
        }
        try JPEGIDCT.rangeLimit.withUnsafeBufferPointer { rangeLimit in
            try scan.withUnsafeMutableBufferPointer { components in
                try decodeScan(components, mcusPerLine: mcusPerLine, mcusPerColumn: mcusPerColumn, rangeLimit: rangeLimit.baseAddress!)
            }
        }
        for component in scan { frame.components[component.index].decoded = true }
        self.frame = frame
    }

    private func decodeScan(_ scan: UnsafeMutableBufferPointer<ScanComponent>, mcusPerLine: Int, mcusPerColumn: Int,
                            rangeLimit: UnsafePointer<UInt8>) throws {
        var reader = JPEGBitReader(data: data, end: count, position: position)
        let total = mcusPerLine * mcusPerColumn
        let single = scan.count == 1
        var nextRestart = 0
        for mcu in 0..<total {
            if restartInterval > 0 && mcu > 0 && mcu % restartInterval == 0 {
                reader.discardBits()
                let (marker, offset) = try findMarker(from: reader.position)
                guard marker == 0xD0 + UInt8(nextRestart) else {
                    throw error(.corrupt, offset, "JPEG scan: expected restart marker RST\(nextRestart) before MCU \(mcu) of \(total), found \(JPEGDecoder.markerName(marker))")
                }
                reader.position = offset + 2
                reader.atMarker = false
                nextRestart = (nextRestart + 1) & 7
                for i in 0..<scan.count { scan[i].predictor = 0 }
            }
            let mcuX = mcu % mcusPerLine, mcuY = mcu / mcusPerLine
            for i in 0..<scan.count {
                if single {
                    try decodeBlock(&scan[i], &reader, x: mcuX, y: mcuY, mcu: mcu, total: total, rangeLimit: rangeLimit)
                } else {
                    let h = scan[i].horizontal, v = scan[i].vertical
                    for by in 0..<v {
                        for bx in 0..<h {
                            try decodeBlock(&scan[i], &reader, x: mcuX * h + bx, y: mcuY * v + by, mcu: mcu, total: total,
                                            rangeLimit: rangeLimit)
                        }
                    }
                }
            }
            if reader.overran { throw ranOut(reader, mcu: mcu, total: total) }
        }
        reader.discardBits()
        position = try findMarker(from: reader.position).offset
    }

    /// The error for a scan whose data ended (at a marker or the end of the file) too early.
    private func ranOut(_ reader: JPEGBitReader, mcu: Int, total: Int) -> ImageDecodingError {
        if reader.atMarker && reader.position + 1 < count {
            return error(.corrupt, reader.position, "JPEG scan data ends at a marker (\(JPEGDecoder.markerName(data[reader.position + 1]))) in MCU \(mcu) of \(total)")
        }
        return error(.truncated, count, "the file ends at byte \(count) in the middle of JPEG scan data (MCU \(mcu) of \(total))")
    }

    @inline(__always)
    private func decodeBlock(_ component: inout ScanComponent, _ reader: inout JPEGBitReader, x: Int, y: Int, mcu: Int, total: Int,
                             rangeLimit: UnsafePointer<UInt8>) throws {
        let coefficients = self.coefficients, naturalOrder = self.naturalOrder
        guard let category = reader.decode(component.dc) else { throw badCode(reader, "DC", mcu: mcu, total: total) }
        component.predictor = component.predictor &+ reader.signedBits(category)
        coefficients[0] = Int32(Int16(truncatingIfNeeded: component.predictor))
        var k = 1
        var hasAC = false
        let ac = component.ac
        while k < 64 {
            guard let symbol = reader.decode(ac) else { throw badCode(reader, "AC", mcu: mcu, total: total) }
            let run = symbol >> 4, size = symbol & 15
            if size != 0 {
                k += run
                guard k < 64 else {
                    if reader.overran { throw ranOut(reader, mcu: mcu, total: total) }
                    throw error(.corrupt, reader.position, "JPEG scan: a run of zeros passes the block's 64th coefficient in MCU \(mcu) of \(total)")
                }
                coefficients[naturalOrder[k]] = Int32(Int16(truncatingIfNeeded: reader.signedBits(size)))
                hasAC = true
                k += 1
            } else {
                if run != 15 { break }
                k += 16
            }
        }
        let out = component.plane + (y * 8) * component.stride + x * 8
        if hasAC {
            JPEGIDCT.transform(coefficients, quant: component.quant, workspace: workspace, rangeLimit: rangeLimit, into: out,
                               stride: component.stride)
            coefficients.update(repeating: 0, count: 64)
        } else {
            JPEGIDCT.transformDC(coefficients[0], quant: component.quant[0], rangeLimit: rangeLimit, into: out, stride: component.stride)
        }
    }

    private func badCode(_ reader: JPEGBitReader, _ kind: String, mcu: Int, total: Int) -> ImageDecodingError {
        if reader.overran { return ranOut(reader, mcu: mcu, total: total) }
        return error(.corrupt, reader.position, "JPEG scan: bits that are no code of the \(kind) Huffman table in MCU \(mcu) of \(total)")
    }

    /// The next marker at or after `start` in entropy-coded data (skipping stuffed 0xFF 0x00 and
    /// any stray bytes, as libjpeg does with a warning): its code and the offset of its 0xFF.
    private func findMarker(from start: Int) throws -> (marker: UInt8, offset: Int) {
        var p = start
        while p < count {
            if data[p] == 0xFF {
                var q = p + 1
                while q < count && data[q] == 0xFF { q += 1 }
                guard q < count else { break }
                if data[q] != 0 { return (data[q], q - 1) }
                p = q + 1
            } else {
                p += 1
            }
        }
        throw error(.truncated, count, "the file ends at byte \(count) after JPEG scan data, without the end marker (EOI)")
    }

    // MARK: - Output

    private func finish(at offset: Int) throws -> Image {
        guard let frame else { throw error(.corrupt, offset, "JPEG ends (EOI) without a frame header (SOF)") }
        for component in frame.components where !component.decoded {
            throw error(frame.components.contains(where: \.decoded) ? .corrupt : .truncated, offset,
                        "JPEG ends (EOI) before any scan holds component \(component.id)")
        }
        let width = frame.width, height = frame.height, channels = frame.components.count == 1 ? 1 : 3
        let output = DecodedImageBuffer(height: height, width: width, channels: channels, dtype: .uint8, byteCount: width * height * channels)
        let out = output.base.assumingMemoryBound(to: UInt8.self)
        if channels == 1 {
            let component = frame.components[0], plane = planes[0]!
            for y in 0..<height { (out + y * width).update(from: plane + y * component.stride, count: width) }
            return output.image
        }
        let methods = frame.components.map { component in
            JPEGUpsampling.method(horizontal: frame.maxHorizontalSampling / component.horizontalSampling,
                                  vertical: frame.maxVerticalSampling / component.verticalSampling,
                                  sampledWidth: component.sampledWidth)
        }
        let scratchWidth = frame.mcusPerLine * frame.maxHorizontalSampling * 8 + 16
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: 3 * scratchWidth)
        defer { scratch.deallocate() }
        let ids = frame.components.map(\.id)
        // libjpeg's choice: JFIF means YCbCr; an Adobe marker says by its transform flag; else
        // component ids 'R', 'G', 'B' mean RGB.
        let isRGB = !sawJFIF && (adobeTransform.map { $0 == 0 } ?? (ids == [82, 71, 66]))
        let tables = JPEGColorTables.shared
        tables.crToR.withUnsafeBufferPointer { crToR in
            tables.cbToB.withUnsafeBufferPointer { cbToB in
                tables.crToG.withUnsafeBufferPointer { crToG in
                    tables.cbToG.withUnsafeBufferPointer { cbToG in
                        let c0 = frame.components[0], c1 = frame.components[1], c2 = frame.components[2]
                        let p0 = planes[0]!, p1 = planes[1]!, p2 = planes[2]!
                        for y in 0..<height {
                            let row0 = JPEGUpsampling.row(y, method: methods[0], plane: p0, stride: c0.stride, sampledWidth: c0.sampledWidth,
                                                          sampledHeight: c0.sampledHeight, width: width, scratch: scratch)
                            let row1 = JPEGUpsampling.row(y, method: methods[1], plane: p1, stride: c1.stride, sampledWidth: c1.sampledWidth,
                                                          sampledHeight: c1.sampledHeight, width: width, scratch: scratch + scratchWidth)
                            let row2 = JPEGUpsampling.row(y, method: methods[2], plane: p2, stride: c2.stride, sampledWidth: c2.sampledWidth,
                                                          sampledHeight: c2.sampledHeight, width: width, scratch: scratch + 2 * scratchWidth)
                            let line = out + y * width * 3
                            if isRGB {
                                for x in 0..<width {
                                    line[3 * x] = row0[x]
                                    line[3 * x + 1] = row1[x]
                                    line[3 * x + 2] = row2[x]
                                }
                            } else {
                                JPEGColorTables.convert(y: row0, cb: row1, cr: row2, width: width, crToR: crToR.baseAddress!,
                                                        cbToB: cbToB.baseAddress!, crToG: crToG.baseAddress!, cbToG: cbToG.baseAddress!,
                                                        into: line)
                            }
                        }
                    }
                }
            }
        }
        return output.image
    }
}
