import Kiln

// Resizing kernels.
//
// • `LinearAxis` + `bilinearResize`: PyTorch's `interpolate(mode="bilinear", align_corners=False,
//   antialias=False)` in float32 — each output sample blends the 2 × 2 nearest source samples.
// • `FilterAxis` + `resampleFloat` / `resampleUInt8`: the separable triangle filter whose support
//   widens with the downscaling factor (antialiasing). PIL's `Image.resize(BILINEAR)` computes the
//   taps in double and applies them in 22-bit fixed point with uint8 rounding after each pass;
//   PyTorch's `antialias=True` computes the same taps in float32 and applies them in float32.
//   Both resize the width first, then the height, and skip an axis whose size does not change.

/// Source indices and weights of one axis for PyTorch's bilinear interpolation (align_corners False).
struct LinearAxis {
    var index0: [Int] = []
    var index1: [Int] = []
    var weight0: [Float] = []
    var weight1: [Float] = []

    init(input: Int, output: Int) {
        let scale = Float(input) / Float(output)
        index0.reserveCapacity(output); index1.reserveCapacity(output)
        weight0.reserveCapacity(output); weight1.reserveCapacity(output)
        for i in 0..<output {
            if input == output {
                index0.append(i); index1.append(i); weight0.append(1); weight1.append(0)
                continue
            }
            var source = scale * (Float(i) + 0.5) - 0.5
            if source < 0 { source = 0 }
            let i0 = Swift.min(Int(source.rounded(.down)), input - 1)
            let lambda1 = Swift.min(Swift.max(source - Float(i0), 0), 1)
            index0.append(i0)
            index1.append(i0 + (i0 < input - 1 ? 1 : 0))
            weight0.append(1 - lambda1)
            weight1.append(lambda1)
        }
    }
}

/// Bilinear resize of one float32 channel plane. PyTorch's CPU kernel sums the four products
/// `x·(hλ·wλ)` for small outputs (height + width ≤ 128, its channels-last kernel) and blends rows
/// of column blends otherwise; both orders are reproduced so results agree to the rounding.
func bilinearResize(_ input: UnsafePointer<Float>, _ s: PixelGrid, into out: UnsafeMutablePointer<Float>, _ d: PixelGrid,
                    rows: LinearAxis, columns: LinearAxis) {
    let productsFirst = d.height + d.width <= 128
    for y in 0..<d.height {
        let r0 = input + rows.index0[y] * s.rowStride, r1 = input + rows.index1[y] * s.rowStride
        let h0 = rows.weight0[y], h1 = rows.weight1[y]
        let outRow = out + y * d.rowStride
        for x in 0..<d.width {
            let c0 = columns.index0[x] * s.columnStride, c1 = columns.index1[x] * s.columnStride
            let w0 = columns.weight0[x], w1 = columns.weight1[x]
            let v: Float
            if productsFirst {
                v = r0[c0] * (h0 * w0) + r0[c1] * (h0 * w1) + r1[c0] * (h1 * w0) + r1[c1] * (h1 * w1)
            } else {
                v = (r0[c0] * w0 + r0[c1] * w1) * h0 + (r1[c0] * w0 + r1[c1] * w1) * h1
            }
            outRow[x * d.columnStride] = v
        }
    }
}

/// The taps of the antialiasing triangle filter along one axis: output i reads `count[i]` source
/// samples from `start[i]` with weights `weights[i * taps ..< i * taps + count[i]]`.
struct FilterAxis<W: BinaryFloatingPoint> {
    var start: [Int] = []
    var count: [Int] = []
    var weights: [W] = []
    let taps: Int

    init(input: Int, output: Int) {
        let scale = W(input) / W(output)
        let filterScale = Swift.max(scale, 1)
        let support = filterScale  // the triangle's support, 1, widened by the downscaling factor
        let inverse = 1 / filterScale
        taps = Int(Double(support).rounded(.up)) * 2 + 1
        weights = [W](repeating: 0, count: output * taps)
        for i in 0..<output {
            let center = (W(i) + W(0.5)) * scale
            let first = Swift.max(Int(center - support + W(0.5)), 0)  // Int() truncates toward zero, like C
            let n = Swift.min(Int(center + support + W(0.5)), input) - first
            var total: W = 0
            for j in 0..<n {
                let t = Swift.abs((W(j + first) - center + W(0.5)) * inverse)
                let w = t < 1 ? 1 - t : 0
                weights[i * taps + j] = w
                total += w
            }
            if total != 0 { for j in 0..<n { weights[i * taps + j] /= total } }
            start.append(first)
            count.append(Swift.max(n, 0))
        }
    }
}

/// Antialiased resize of one float32 channel plane (PyTorch's `antialias=True`): the width pass
/// into `scratch` (height_in × width_out), then the height pass.
func resampleFloat(_ input: UnsafePointer<Float>, _ s: PixelGrid, into out: UnsafeMutablePointer<Float>, _ d: PixelGrid,
                   rows: FilterAxis<Float>?, columns: FilterAxis<Float>?, scratch: UnsafeMutablePointer<Float>) {
    var source = input, grid = s
    if let columns {
        let mid = PixelGrid(height: s.height, width: d.width, channels: 1, rowStride: d.width, columnStride: 1, channelStride: 0)
        let target = rows == nil ? out : scratch
        let tg = rows == nil ? d : mid
        for y in 0..<s.height {
            let inRow = source + y * grid.rowStride, outRow = target + y * tg.rowStride
            for x in 0..<d.width {
                let w = columns.weights.withUnsafeBufferPointer { $0.baseAddress! + x * columns.taps }
                let first = inRow + columns.start[x] * grid.columnStride
                var v: Float = first[0] * w[0]
                for j in 1..<Swift.max(columns.count[x], 1) { v += first[j * grid.columnStride] * w[j] }
                outRow[x * tg.columnStride] = v
            }
        }
        source = UnsafePointer(scratch); grid = mid
    }
    guard let rows else { return }
    for y in 0..<d.height {
        let w = rows.weights.withUnsafeBufferPointer { $0.baseAddress! + y * rows.taps }
        let first = source + rows.start[y] * grid.rowStride
        let outRow = out + y * d.rowStride
        for x in 0..<d.width {
            let column = first + x * grid.columnStride
            var v: Float = column[0] * w[0]
            for j in 1..<Swift.max(rows.count[y], 1) { v += column[j * grid.rowStride] * w[j] }
            outRow[x * d.columnStride] = v
        }
    }
}

/// PIL's fixed-point taps: weight × 2²², rounded half away from zero.
func fixedPointWeights(_ axis: FilterAxis<Double>) -> [Int32] {
    axis.weights.map { w in Int32(w < 0 ? (-0.5 + w * 4_194_304).rounded(.towardZero) : (0.5 + w * 4_194_304).rounded(.towardZero)) }
}

/// One uint8 sample from a fixed-point sum (with its rounding half already added), clamped.
@inline(__always)
func fixedPointSample(_ sum: Int32) -> UInt8 {
    let v = sum >> 22
    return v < 0 ? 0 : (v > 255 ? 255 : UInt8(v))
}

/// PIL's `Image.resize(BILINEAR)` of all channels of a uint8 image: two passes, each rounded to
/// uint8. Pillow resizes the width first, except (since Pillow 13) when the height shrinks by more
/// than twice as many pixels as the width does, which it resizes first.
func resampleUInt8(_ input: UnsafePointer<UInt8>, _ s: PixelGrid, into out: UnsafeMutablePointer<UInt8>, _ d: PixelGrid,
                   rows: FilterAxis<Double>?, columns: FilterAxis<Double>?) {
    guard let rows, let columns else {
        if let columns { resamplePass(input, s, into: out, d, taps: columns, alongRows: true) }
        if let rows { resamplePass(input, s, into: out, d, taps: rows, alongRows: false) }
        return
    }
    let verticalFirst = d.height < s.height && s.height - d.height > 2 * (s.width - d.width)
    let mid = verticalFirst ? PixelGrid.hwc(height: d.height, width: s.width, channels: s.channels)
                            : PixelGrid.hwc(height: s.height, width: d.width, channels: s.channels)
    var scratch = [UInt8](repeating: 0, count: mid.count)
    scratch.withUnsafeMutableBufferPointer { buffer in
        let temp = buffer.baseAddress!
        resamplePass(input, s, into: temp, mid, taps: verticalFirst ? rows : columns, alongRows: !verticalFirst)
        resamplePass(UnsafePointer(temp), mid, into: out, d, taps: verticalFirst ? columns : rows, alongRows: verticalFirst)
    }
}

/// One pass of PIL's fixed-point resampling: along each row (changing the width) or along each
/// column (changing the height).
private func resamplePass(_ input: UnsafePointer<UInt8>, _ s: PixelGrid, into out: UnsafeMutablePointer<UInt8>, _ d: PixelGrid,
                          taps axis: FilterAxis<Double>, alongRows: Bool) {
    let k = fixedPointWeights(axis)
    let step = alongRows ? s.columnStride : s.rowStride
    k.withUnsafeBufferPointer { weights in
        for y in 0..<d.height {
            for x in 0..<d.width {
                let i = alongRows ? x : y
                let first = input + (alongRows ? y * s.rowStride : axis.start[i] * s.rowStride)
                    + (alongRows ? axis.start[i] * s.columnStride : x * s.columnStride)
                let w = weights.baseAddress! + i * axis.taps
                for c in 0..<d.channels {
                    let sample = first + c * s.channelStride
                    var sum: Int32 = 1 << 21
                    for j in 0..<axis.count[i] { sum &+= Int32(sample[j * step]) &* w[j] }
                    out[d.offset(y, x, c)] = fixedPointSample(sum)
                }
            }
        }
    }
}
