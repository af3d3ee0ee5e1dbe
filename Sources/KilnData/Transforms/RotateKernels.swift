import Foundation
import Kiln

// Rotation kernels.
//
// • `gridSampleRotate`: torchvision's tensor `rotate` — an affine grid over the output pixel
//   centres (in float32, normalised by the image size) sampled with `grid_sample(align_corners=
//   False, padding_mode="zeros")`; with a fill, a ones channel sampled the same way blends the
//   fill into the uncovered area (`v·m + (1 − m)·fill`).
// • `pilAffineBilinear` / `pilAffineNearest`: PIL's `Image.transform(AFFINE)` that torchvision's
//   PIL `rotate` calls — the inverse matrix in double at pixel centres, bilinear with edge
//   clamping and truncation to uint8, or nearest in 16.16 fixed point.

/// The float32 sampling grid of torchvision's `_gen_affine_grid` for `theta` (2 × 3, row-major):
/// normalised source coordinates for output pixel (y, x).
struct AffineGrid {
    let t: [Float]  // rescaled θᵀ: (x, y, 1) · t gives (gx, gy)
    let width: Int
    let height: Int

    init(theta: [Float], width: Int, height: Int) {
        let halfW = Float(0.5) * Float(width), halfH = Float(0.5) * Float(height)
        t = [theta[0] / halfW, theta[3] / halfH, theta[1] / halfW, theta[4] / halfH, theta[2] / halfW, theta[5] / halfH]
        self.width = width
        self.height = height
    }

    @inline(__always)
    func point(_ y: Int, _ x: Int) -> (Float, Float) {
        let bx = -Float(width) * 0.5 + 0.5 + Float(x), by = -Float(height) * 0.5 + 0.5 + Float(y)
        return (bx * t[0] + by * t[2] + t[4], bx * t[1] + by * t[3] + t[5])
    }
}

/// torchvision's tensor rotation of one float32 image (all channels): `fill` nil samples zeros
/// outside; a fill blends it in through the sampled coverage mask.
func gridSampleRotate(_ input: UnsafePointer<Float>, _ s: PixelGrid, into out: UnsafeMutablePointer<Float>, _ d: PixelGrid,
                      grid: AffineGrid, interpolation: InterpolationMode, fill: [Float]?) {
    let scaleX = Float(s.width) / 2, scaleY = Float(s.height) / 2
    for y in 0..<d.height {
        for x in 0..<d.width {
            let (gx, gy) = grid.point(y, x)
            let ix = (gx + 1) * scaleX - 0.5, iy = (gy + 1) * scaleY - 0.5
            switch interpolation {
            case .bilinear:
                let xw = ix.rounded(.down), yn = iy.rounded(.down)
                let w = ix - xw, e = 1 - w, n = iy - yn, so = 1 - n
                let nw = so * e, ne = so * w, sw = n * e, se = n * w
                let x0 = Int(xw), y0 = Int(yn)
                let inW0 = x0 >= 0 && x0 < s.width, inW1 = x0 + 1 >= 0 && x0 + 1 < s.width
                let inN = y0 >= 0 && y0 < s.height, inS = y0 + 1 >= 0 && y0 + 1 < s.height
                let mask: Float = fill == nil ? 1
                    : ((inN && inW0 ? nw : 0) + (inN && inW1 ? ne : 0)) + (inS && inW0 ? sw : 0) + (inS && inW1 ? se : 0)
                for c in 0..<s.channels {
                    let plane = input + c * s.channelStride
                    func value(_ yy: Int, _ xx: Int, _ ok: Bool) -> Float { ok ? plane[yy * s.rowStride + xx * s.columnStride] : 0 }
                    var v = ((value(y0, x0, inN && inW0) * nw + value(y0, x0 + 1, inN && inW1) * ne)
                        + value(y0 + 1, x0, inS && inW0) * sw) + value(y0 + 1, x0 + 1, inS && inW1) * se
                    if let fill { v = v * mask + (1 - mask) * fill[c] }
                    out[d.offset(y, x, c)] = v
                }
            case .nearest:
                let xi = Int(ix.rounded(.toNearestOrEven)), yi = Int(iy.rounded(.toNearestOrEven))
                let ok = xi >= 0 && xi < s.width && yi >= 0 && yi < s.height
                for c in 0..<s.channels {
                    var v: Float = ok ? input[c * s.channelStride + yi * s.rowStride + xi * s.columnStride] : 0
                    if let fill, !ok { v = fill[c] }
                    out[d.offset(y, x, c)] = v
                }
            }
        }
    }
}

/// PIL's bilinear affine transform of a uint8 image: output pixel (x, y) samples the source at
/// matrix · (x + ½, y + ½); positions outside the source keep `fill`.
func pilAffineBilinear(_ input: UnsafePointer<UInt8>, _ s: PixelGrid, into out: UnsafeMutablePointer<UInt8>, _ d: PixelGrid,
                       matrix a: [Double], fill: [UInt8]) {
    for y in 0..<d.height {
        for x in 0..<d.width {
            var xin = a[0] * (Double(x) + 0.5) + a[1] * (Double(y) + 0.5) + a[2]
            var yin = a[3] * (Double(x) + 0.5) + a[4] * (Double(y) + 0.5) + a[5]
            guard xin >= 0, xin < Double(s.width), yin >= 0, yin < Double(s.height) else {
                for c in 0..<d.channels { out[d.offset(y, x, c)] = fill[c] }
                continue
            }
            xin -= 0.5
            yin -= 0.5
            let x0 = Int(xin.rounded(.down)), y0 = Int(yin.rounded(.down))
            let dx = xin - Double(x0), dy = yin - Double(y0)
            let c0 = Swift.min(Swift.max(x0, 0), s.width - 1), c1 = Swift.min(Swift.max(x0 + 1, 0), s.width - 1)
            let r0 = Swift.min(Swift.max(y0, 0), s.height - 1)
            let hasNextRow = y0 + 1 >= 0 && y0 + 1 < s.height
            for c in 0..<d.channels {
                let plane = input + c * s.channelStride
                let row0 = plane + r0 * s.rowStride
                let a0 = Int(row0[c0 * s.columnStride]), b0 = Int(row0[c1 * s.columnStride])
                let v1 = Double(a0) + Double(b0 - a0) * dx
                var v2 = v1
                if hasNextRow {
                    let row1 = plane + (y0 + 1) * s.rowStride
                    let a1 = Int(row1[c0 * s.columnStride]), b1 = Int(row1[c1 * s.columnStride])
                    v2 = Double(a1) + Double(b1 - a1) * dx
                }
                let v = v1 + (v2 - v1) * dy
                out[d.offset(y, x, c)] = UInt8(Swift.min(Swift.max(v, 0), 255))  // C's (UINT8) cast: truncation
            }
        }
    }
}

/// PIL's nearest-neighbour affine transform of a uint8 image (16.16 fixed point when the corners
/// fit, as PIL does for ordinary image sizes; pure scalings use PIL's scaling loop).
func pilAffineNearest(_ input: UnsafePointer<UInt8>, _ s: PixelGrid, into out: UnsafeMutablePointer<UInt8>, _ d: PixelGrid,
                      matrix a: [Double], fill: [UInt8]) {
    func copy(_ y: Int, _ x: Int, from yi: Int, _ xi: Int) {
        for c in 0..<d.channels { out[d.offset(y, x, c)] = input[s.offset(yi, xi, c)] }
    }
    for y in 0..<d.height { for x in 0..<d.width { for c in 0..<d.channels { out[d.offset(y, x, c)] = fill[c] } } }
    func coord(_ v: Double) -> Int { v < 0 ? -1 : Int(v) }
    if a[1] == 0 && a[3] == 0 {
        var yo = a[5] + a[4] * 0.5
        for y in 0..<d.height {
            let yi = coord(yo)
            if yi >= 0 && yi < s.height {
                var xo = a[2] + a[0] * 0.5
                for x in 0..<d.width {
                    let xi = coord(xo)
                    if xi >= 0 && xi < s.width { copy(y, x, from: yi, xi) }
                    xo += a[0]
                }
            }
            yo += a[4]
        }
        return
    }
    func fits(_ x: Int, _ y: Int) -> Bool {
        Swift.abs(Double(x) * a[0] + Double(y) * a[1] + a[2]) < 32768 && Swift.abs(Double(x) * a[3] + Double(y) * a[4] + a[5]) < 32768
    }
    if fits(0, 0) && fits(d.width, d.height) && fits(0, d.height) && fits(d.width, 0) {
        func fix(_ v: Double) -> Int { Int((v * 65536 + 0.5).rounded(.down)) }
        let a0 = fix(a[0]), a1 = fix(a[1]), a3 = fix(a[3]), a4 = fix(a[4])
        var a2 = fix(a[2] + a[0] * 0.5 + a[1] * 0.5), a5 = fix(a[5] + a[3] * 0.5 + a[4] * 0.5)
        for y in 0..<d.height {
            var xx = a2, yy = a5
            for x in 0..<d.width {
                let xi = xx >> 16, yi = yy >> 16
                if xi >= 0 && xi < s.width && yi >= 0 && yi < s.height { copy(y, x, from: yi, xi) }
                xx += a0
                yy += a3
            }
            a2 += a1
            a5 += a4
        }
        return
    }
    var xo = a[2] + a[1] * 0.5 + a[0] * 0.5, yo = a[5] + a[4] * 0.5 + a[3] * 0.5
    for y in 0..<d.height {
        var xx = xo, yy = yo
        for x in 0..<d.width {
            let xi = coord(xx), yi = coord(yy)
            if xi >= 0 && xi < s.width && yi >= 0 && yi < s.height { copy(y, x, from: yi, xi) }
            xx += a[0]
            yy += a[3]
        }
        xo += a[1]
        yo += a[4]
    }
}

/// `x` rounded to `digits` decimals the way Python's `round(x, digits)` does (correctly rounded
/// through the decimal representation, as PIL's `rotate` rounds its cosines and sines).
func pythonRound(_ x: Double, digits: Int) -> Double {
    var buffer = [CChar](repeating: 0, count: 400)
    let written = withVaList([digits, x]) { vsnprintf(&buffer, buffer.count, "%.*f", $0) }
    guard written > 0, written < buffer.count else { return x }
    return strtod(buffer, nil)
}
