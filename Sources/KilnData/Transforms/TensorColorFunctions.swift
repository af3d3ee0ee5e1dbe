import Foundation
import Kiln

// Colour adjustments of `[channels, height, width]` float32 tensors (1 or 3 channels, values in
// [0, 1]) with torchvision's tensor formulas, in float32 in the same order of operations.

/// Luma (0.2989 R + 0.587 G + 0.114 B, torchvision's tensor weights) of an RGB tensor, as 1 or 3
/// equal channels (torchvision's `rgb_to_grayscale`); a 1-channel tensor is copied.
public func rgbToGrayscale(_ tensor: Tensor, numOutputChannels: Int = 1) -> Tensor {
    let s = colorGrid(tensor, "rgbToGrayscale")
    require(numOutputChannels == 1 || numOutputChannels == 3,
                  "rgbToGrayscale: numOutputChannels must be 1 or 3, got \(numOutputChannels)")
    return Tensor.makeCHW(channels: numOutputChannels, height: s.height, width: s.width, dtype: .float32, as: Float.self) { out, d in
        tensor.withFirstElement(as: Float.self) { input in
            forEachPixel(input, s, into: out, d) { v in
                let gray = s.channels == 3 ? luma(v[0], v[1], v[2]) : v[0]
                for c in 0..<numOutputChannels { v[c] = gray }
            }
        }
    }
}

/// Brightness scaled by `factor` (0 black, 1 unchanged), clamped to [0, 1].
public func adjustBrightness(_ tensor: Tensor, factor: Double) -> Tensor {
    require(factor >= 0, "adjustBrightness: factor must be non-negative, got \(factor)")
    let s = colorGrid(tensor, "adjustBrightness")
    let f = Float(factor)
    return mapPixels(tensor, s) { v in for c in 0..<s.channels { v[c] = clampUnit(f * v[c]) } }
}

/// Contrast scaled by `factor` (0 a flat grey at the mean luma, 1 unchanged), clamped to [0, 1].
public func adjustContrast(_ tensor: Tensor, factor: Double) -> Tensor {
    require(factor >= 0, "adjustContrast: factor must be non-negative, got \(factor)")
    let s = colorGrid(tensor, "adjustContrast")
    var sum = 0.0
    tensor.withFirstElement(as: Float.self) { input in
        forEachPixel(input, s, into: nil, s) { v in sum += Double(s.channels == 3 ? luma(v[0], v[1], v[2]) : v[0]) }
    }
    let mean = Float(Float(sum) / Float(s.height * s.width))
    let f = Float(factor), g = Float(1 - factor) * mean
    return mapPixels(tensor, s) { v in for c in 0..<s.channels { v[c] = clampUnit(f * v[c] + g) } }
}

/// Saturation scaled by `factor` (0 grey, 1 unchanged): a blend with the luma, clamped to [0, 1].
/// A 1-channel tensor comes back unchanged.
public func adjustSaturation(_ tensor: Tensor, factor: Double) -> Tensor {
    require(factor >= 0, "adjustSaturation: factor must be non-negative, got \(factor)")
    let s = colorGrid(tensor, "adjustSaturation")
    if s.channels == 1 { return tensor }
    let f = Float(factor), rest = Float(1 - factor)
    return mapPixels(tensor, s) { v in
        let gray = luma(v[0], v[1], v[2])
        for c in 0..<3 { v[c] = clampUnit(f * v[c] + rest * gray) }
    }
}

/// Hue shifted by `factor` turns of the colour wheel (−0.5…0.5) through HSV, with torchvision's
/// float32 RGB ↔ HSV formulas. A 1-channel tensor comes back unchanged.
public func adjustHue(_ tensor: Tensor, factor: Double) -> Tensor {
    require(factor >= -0.5 && factor <= 0.5, "adjustHue: factor must be in [-0.5, 0.5], got \(factor)")
    let s = colorGrid(tensor, "adjustHue")
    if s.channels == 1 { return tensor }
    let shift = Float(factor)
    return mapPixels(tensor, s) { v in
        var (h, sat, value) = hsvFromRGB(v[0], v[1], v[2])
        h = fmodf(h + shift, 1)  // torch.remainder(h, 1.0): the fmod, moved to [0, 1) when negative
        if h != 0 && h < 0 { h += 1 }
        (v[0], v[1], v[2]) = rgbFromHSV(h, sat, value)
    }
}

@inline(__always)
func luma(_ r: Float, _ g: Float, _ b: Float) -> Float { Float(0.2989) * r + Float(0.587) * g + Float(0.114) * b }

@inline(__always)
func clampUnit(_ x: Float) -> Float { x < 0 ? 0 : (x > 1 ? 1 : x) }

/// torchvision's `_rgb2hsv` for one pixel.
@inline(__always)
func hsvFromRGB(_ r: Float, _ g: Float, _ b: Float) -> (Float, Float, Float) {
    let maxc = Swift.max(r, g, b), minc = Swift.min(r, g, b)
    let equal = maxc == minc
    let cr = maxc - minc
    let s = cr / (equal ? 1 : maxc)
    let divisor: Float = equal ? 1 : cr
    let rc = (maxc - r) / divisor, gc = (maxc - g) / divisor, bc = (maxc - b) / divisor
    let hr: Float = maxc == r ? bc - gc : 0
    let hg: Float = (maxc == g && maxc != r) ? (2 + rc) - bc : 0
    let hb: Float = (maxc != g && maxc != r) ? (4 + gc) - rc : 0
    let h = (hr + hg) + hb
    return (fmodf(h / 6 + 1, 1), s, maxc)
}

/// torchvision's `_hsv2rgb` for one pixel.
@inline(__always)
func rgbFromHSV(_ h: Float, _ s: Float, _ v: Float) -> (Float, Float, Float) {
    let i = (h * 6).rounded(.down)
    let f = h * 6 - i
    let p = clampUnit(v * (1 - s))
    let q = clampUnit(v * (1 - s * f))
    let t = clampUnit(v * (1 - s * (1 - f)))
    var sector = Int(i) % 6
    if sector < 0 { sector += 6 }
    switch sector {
    case 0: return (v, t, p)
    case 1: return (q, v, p)
    case 2: return (p, v, t)
    case 3: return (p, q, v)
    case 4: return (t, p, v)
    default: return (v, p, q)
    }
}

/// The layout of a float32 CHW tensor of 1 or 3 channels (what torchvision's colour ops take).
func colorGrid(_ tensor: Tensor, _ op: String) -> PixelGrid {
    let s = tensor.chwGrid(op)
    require(s.channels == 1 || s.channels == 3, "\(op): expects 1 or 3 channels, got \(s.channels) (shape \(tensor.shape))")
    require(tensor.dtype == .float32, "\(op): expects a float32 tensor, got \(tensor.dtype) (use ToTensor first)")
    return s
}

/// Calls `body` with each pixel's channel values (at most 4) gathered into a small buffer, and
/// writes the buffer's first `d.channels` values back to `out` when given.
@inline(__always)
func forEachPixel(_ input: UnsafePointer<Float>, _ s: PixelGrid, into out: UnsafeMutablePointer<Float>?, _ d: PixelGrid,
                  _ body: (inout SIMD4<Float>) -> Void) {
    for y in 0..<s.height {
        for x in 0..<s.width {
            var v = SIMD4<Float>()
            let p = input + y * s.rowStride + x * s.columnStride
            for c in 0..<s.channels { v[c] = p[c * s.channelStride] }
            body(&v)
            if let out {
                let q = out + y * d.rowStride + x * d.columnStride
                for c in 0..<d.channels { q[c * d.channelStride] = v[c] }
            }
        }
    }
}

/// A new tensor of the same shape with each pixel transformed by `body`.
func mapPixels(_ tensor: Tensor, _ s: PixelGrid, _ body: (inout SIMD4<Float>) -> Void) -> Tensor {
    Tensor.makeCHW(channels: s.channels, height: s.height, width: s.width, dtype: .float32, as: Float.self) { out, d in
        tensor.withFirstElement(as: Float.self) { input in forEachPixel(input, s, into: out, d, body) }
    }
}
