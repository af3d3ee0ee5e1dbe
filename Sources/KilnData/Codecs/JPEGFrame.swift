/// One colour component of a JPEG frame (SOF) and where its decoded samples go.
struct JPEGComponent {
    let id: Int
    let horizontalSampling: Int
    let verticalSampling: Int
    let quantTable: Int
    /// Samples that carry image content: ceil(width × h / hmax) × ceil(height × v / vmax).
    let sampledWidth: Int
    let sampledHeight: Int
    /// The plane covers whole MCUs: blocksPerLine × 8 samples wide (its stride), blocksPerColumn × 8 tall.
    let blocksPerLine: Int
    let blocksPerColumn: Int
    var stride: Int { blocksPerLine * 8 }
    /// Whether a scan has decoded this component yet.
    var decoded = false
}

/// The frame header (SOF0/SOF1): image size and components with their sampling factors.
struct JPEGFrame {
    let width: Int
    let height: Int
    var components: [JPEGComponent]
    let maxHorizontalSampling: Int
    let maxVerticalSampling: Int
    /// MCUs of an interleaved scan per row and per column.
    let mcusPerLine: Int
    let mcusPerColumn: Int
    /// The offset of the SOF marker, for errors about the frame.
    let offset: Int

    /// Parses the SOF segment payload (after the length) found at `offset`.
    init(_ payload: UnsafeRawBufferPointer, offset: Int, marker: String, source: String) throws {
        func fail(_ kind: ImageDecodingError.Kind, _ reason: String) -> ImageDecodingError {
            ImageDecodingError(kind, source: source, offset: offset, reason: "JPEG frame header (\(marker)): \(reason)")
        }
        guard payload.count >= 6 else { throw fail(.corrupt, "\(payload.count) bytes are too few (at least 6)") }
        let precision = Int(payload[0])
        let height = Int(payload[1]) << 8 | Int(payload[2]), width = Int(payload[3]) << 8 | Int(payload[4])
        let count = Int(payload[5])
        guard precision == 8 else { throw fail(.unsupported, "\(precision)-bit samples (only 8-bit JPEG is supported)") }
        guard height > 0 else {
            throw fail(.unsupported, "height 0 (the height would follow in a DNL marker, which is not supported)")
        }
        guard width > 0 else { throw fail(.corrupt, "width 0") }
        guard count == 1 || count == 3 else {
            let what = count == 4 ? "4 components (CMYK/YCCK)" : "\(count) components"
            throw fail(count == 4 || count == 2 ? .unsupported : .corrupt, "\(what); only greyscale (1) and colour (3) are supported")
        }
        guard payload.count == 6 + 3 * count else {
            throw fail(.corrupt, "\(payload.count) bytes for \(count) components (expected \(6 + 3 * count))")
        }
        var specs: [(id: Int, h: Int, v: Int, tq: Int)] = []
        for i in 0..<count {
            let id = Int(payload[6 + 3 * i]), sampling = Int(payload[7 + 3 * i]), tq = Int(payload[8 + 3 * i])
            let h = sampling >> 4, v = sampling & 15
            guard (1...4).contains(h) && (1...4).contains(v) else {
                throw fail(.corrupt, "component \(id) has sampling factors \(h)×\(v) (each must be 1…4)")
            }
            guard tq < 4 else { throw fail(.corrupt, "component \(id) uses quantisation table \(tq) (valid: 0…3)") }
            guard !specs.contains(where: { $0.id == id }) else { throw fail(.corrupt, "component id \(id) appears twice") }
            specs.append((id, h, v, tq))
        }
        // A single component is never interleaved: its MCU is one block whatever its factors.
        let hmax = count == 1 ? 1 : specs.map(\.h).max()!, vmax = count == 1 ? 1 : specs.map(\.v).max()!
        for spec in specs where count > 1 && (hmax % spec.h != 0 || vmax % spec.v != 0) {
            throw fail(.unsupported, "component \(spec.id) is sampled \(spec.h)×\(spec.v) against \(hmax)×\(vmax): "
                        + "not an integer ratio (libjpeg cannot upsample it either)")
        }
        self.width = width
        self.height = height
        maxHorizontalSampling = hmax
        maxVerticalSampling = vmax
        mcusPerLine = (width + 8 * hmax - 1) / (8 * hmax)
        mcusPerColumn = (height + 8 * vmax - 1) / (8 * vmax)
        self.offset = offset
        components = specs.map { spec in
            let h = count == 1 ? 1 : spec.h, v = count == 1 ? 1 : spec.v
            return JPEGComponent(id: spec.id, horizontalSampling: h, verticalSampling: v, quantTable: spec.tq,
                                 sampledWidth: (width * h + hmax - 1) / hmax, sampledHeight: (height * v + vmax - 1) / vmax,
                                 blocksPerLine: (width + 8 * hmax - 1) / (8 * hmax) * h,
                                 blocksPerColumn: (height + 8 * vmax - 1) / (8 * vmax) * v)
        }
    }
}
