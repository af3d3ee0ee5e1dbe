import Kiln

// Crops, padding and flips are one operation: every output row comes from one source row (or
// none: fill) and every output column from one source column. The transforms build the two index
// maps and one pass copies the samples, whatever the combination (pad + crop + flip included).

/// Copies `source` into `destination`: output (y, x, c) = source (rows[y], columns[x], c), or
/// `fill[c]` where either index is negative. Elements are moved as bit patterns of `T`'s size.
@inline(__always)
func remapSamples<T>(_ source: UnsafePointer<T>, _ s: PixelGrid, into destination: UnsafeMutablePointer<T>, _ d: PixelGrid,
                     rows: UnsafePointer<Int>, columns: UnsafePointer<Int>, fill: UnsafePointer<T>) {
    let channels = d.channels
    for y in 0..<d.height {
        let outRow = destination + y * d.rowStride
        let r = rows[y]
        if r < 0 {
            for x in 0..<d.width {
                for c in 0..<channels { outRow[x * d.columnStride + c * d.channelStride] = fill[c] }
            }
            continue
        }
        let inRow = source + r * s.rowStride
        if channels == 1 {
            let fill0 = fill[0]
            for x in 0..<d.width {
                let col = columns[x]
                outRow[x * d.columnStride] = col < 0 ? fill0 : inRow[col * s.columnStride]
            }
        } else {
            for x in 0..<d.width {
                let col = columns[x]
                let out = outRow + x * d.columnStride
                if col < 0 {
                    for c in 0..<channels { out[c * d.channelStride] = fill[c] }
                } else {
                    let input = inRow + col * s.columnStride
                    for c in 0..<channels { out[c * d.channelStride] = input[c * s.channelStride] }
                }
            }
        }
    }
}

/// Source index for position `q` (relative to the source's first sample) of a padded axis of
/// `size` samples, or -1 where the constant fill goes. Reflections repeat for any padding width,
/// as NumPy's `pad` does (PyTorch stops at paddings wider than the image).
func paddedIndex(_ q: Int, size n: Int, mode: PaddingMode) -> Int {
    if q >= 0 && q < n { return q }
    switch mode {
    case .constant:
        return -1
    case .edge:
        return q < 0 ? 0 : n - 1
    case .reflect:
        if n == 1 { return 0 }
        let period = 2 * (n - 1)
        var m = q % period
        if m < 0 { m += period }
        return m < n ? m : period - m
    case .symmetric:
        let period = 2 * n
        var m = q % period
        if m < 0 { m += period }
        return m < n ? m : period - 1 - m
    }
}

/// Runs `body` with the two index maps (`height` row indices, `width` column indices) filled from
/// `row` and `column`, in stack memory for the sizes images have.
func withIndexMaps<R>(height: Int, width: Int, row: (Int) -> Int, column: (Int) -> Int,
                      _ body: (UnsafePointer<Int>, UnsafePointer<Int>) -> R) -> R {
    withUnsafeTemporaryAllocation(of: Int.self, capacity: Swift.max(height + width, 1)) { maps in
        let base = maps.baseAddress!
        for y in 0..<height { base[y] = row(y) }
        for x in 0..<width { base[height + x] = column(x) }
        return body(UnsafePointer(base), UnsafePointer(base + height))
    }
}

extension Image {
    /// The image `height` × `width` whose pixel (y, x) is this image's (row(y), column(x)), or
    /// `fill` where an index is negative.
    func remapped(height: Int, width: Int, fill: Fill, op: String, row: (Int) -> Int, column: (Int) -> Int) -> Image {
        require(fill.values.count == 1 || fill.values.count == channels,
                      "\(op): fill has \(fill.values.count) values for an image of \(channels) channels")
        return withIndexMaps(height: height, width: width, row: row, column: column) { rows, columns in
            func value(_ c: Int) -> Double { fill.values[fill.values.count == 1 ? 0 : c].rounded(.towardZero) }
            if pixels.dtype == .uint8 {
                return remapped(height: height, width: width, as: UInt8.self, rows: rows, columns: columns) {
                    UInt8(Swift.min(Swift.max(value($0), 0), 255))
                }
            }
            return remapped(height: height, width: width, as: Int32.self, rows: rows, columns: columns) {
                Int32(Swift.min(Swift.max(value($0), 0), 65535))
            }
        }
    }

    /// The remapped image with samples of type `T`; `fillValue(c)` is the fill of channel c.
    private func remapped<T>(height: Int, width: Int, as _: T.Type, rows: UnsafePointer<Int>, columns: UnsafePointer<Int>,
                             fillValue: (Int) -> T) -> Image {
        Image.make(height: height, width: width, channels: channels, dtype: pixels.dtype, as: T.self) { out, d in
            withSamples(as: T.self) { input, s in
                withUnsafeTemporaryAllocation(of: T.self, capacity: channels) { fills in
                    for c in 0..<channels { fills.initializeElement(at: c, to: fillValue(c)) }
                    remapSamples(input, s, into: out, d, rows: rows, columns: columns, fill: UnsafePointer(fills.baseAddress!))
                }
            }
        }
    }
}

extension Tensor {
    /// The CHW tensor `height` × `width` whose pixel (y, x) is this tensor's (row(y), column(x)),
    /// or `fill` (converted to the dtype) where an index is negative. Any dtype.
    func remapped(height: Int, width: Int, fill: Fill, op: String, row: (Int) -> Int, column: (Int) -> Int) -> Tensor {
        let g = chwGrid(op)
        let fillValues = fill.perChannel(g.channels, op: op)
        return withIndexMaps(height: height, width: width, row: row, column: column) { rows, columns in
            switch dtype.byteSize {
            case 1: return remapped(g, height: height, width: width, as: UInt8.self, rows: rows, columns: columns, fill: fillValues)
            case 2: return remapped(g, height: height, width: width, as: UInt16.self, rows: rows, columns: columns, fill: fillValues)
            case 4: return remapped(g, height: height, width: width, as: UInt32.self, rows: rows, columns: columns, fill: fillValues)
            default: return remapped(g, height: height, width: width, as: UInt64.self, rows: rows, columns: columns, fill: fillValues)
            }
        }
    }

    private func remapped<T: FixedWidthInteger>(_ s: PixelGrid, height: Int, width: Int, as _: T.Type,
                                                rows: UnsafePointer<Int>, columns: UnsafePointer<Int>, fill: [Double]) -> Tensor {
        let fillBits = fill.map { Tensor.bitPattern(of: $0, dtype: dtype, as: T.self) }
        return Tensor.makeCHW(channels: s.channels, height: height, width: width, dtype: dtype, as: T.self) { out, d in
            withFirstElement(as: T.self) { input in
                fillBits.withUnsafeBufferPointer { remapSamples(input, s, into: out, d, rows: rows, columns: columns, fill: $0.baseAddress!) }
            }
        }
    }

    /// The bits of `value` stored as one element of `dtype` (float32 without a detour).
    static func bitPattern<T: FixedWidthInteger>(of value: Double, dtype: DType, as _: T.Type) -> T {
        if dtype == .float32 { return T(truncatingIfNeeded: Float(value).bitPattern) }
        if dtype == .float64 { return T(truncatingIfNeeded: value.bitPattern) }
        return Tensor([value], shape: [1]).cast(to: dtype).withUnsafeBytes { $0.loadUnaligned(as: T.self) }
    }
}
