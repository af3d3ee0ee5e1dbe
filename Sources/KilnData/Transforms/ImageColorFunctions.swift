import Foundation
import Kiln

// Colour adjustments of uint8 `Image`s as torchvision makes them on PIL images: PIL's `convert`
// ("L", "HSV") and `ImageEnhance` (a blend with a degenerate image in float32, truncated to uint8),
// with their integer and float arithmetic. Alpha (the last channel of a 2- or 4-channel image)
// is kept.

/// The ITU-R 601-2 luma of an image (PIL's `convert("L")`: (19595 R + 38470 G + 7471 B + 2¹⁵) >> 16,
/// i.e. 0.299/0.587/0.114 rounded), as 1 or 3 equal channels; alpha is dropped, as PIL does.
public func rgbToGrayscale(_ image: Image, numOutputChannels: Int = 1) -> Image {
    require(numOutputChannels == 1 || numOutputChannels == 3,
                  "rgbToGrayscale: numOutputChannels must be 1 or 3, got \(numOutputChannels)")
    checkUInt8(image, "rgbToGrayscale")
    return Image.make(height: image.height, width: image.width, channels: numOutputChannels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<d.height {
                for x in 0..<d.width {
                    let gray = pilLuma(input + s.offset(y, x, 0), s)
                    for c in 0..<numOutputChannels { out[d.offset(y, x, c)] = gray }
                }
            }
        }
    }
}

/// Brightness scaled by `factor` (PIL's `ImageEnhance.Brightness`: a blend with black).
public func adjustBrightness(_ image: Image, factor: Double) -> Image {
    require(factor >= 0, "adjustBrightness: factor must be non-negative, got \(factor)")
    checkUInt8(image, "adjustBrightness")
    return blended(image, factor: factor) { _, _ in 0 }
}

/// Contrast scaled by `factor` (PIL's `ImageEnhance.Contrast`: a blend with a flat grey at the
/// mean luma, rounded to an integer).
public func adjustContrast(_ image: Image, factor: Double) -> Image {
    require(factor >= 0, "adjustContrast: factor must be non-negative, got \(factor)")
    checkUInt8(image, "adjustContrast")
    var total = 0
    image.withSamples(as: UInt8.self) { input, s in
        for y in 0..<s.height { for x in 0..<s.width { total += Int(pilLuma(input + s.offset(y, x, 0), s)) } }
    }
    let mean = UInt8(Int(Double(total) / Double(Swift.max(image.height * image.width, 1)) + 0.5))
    return blended(image, factor: factor) { _, _ in mean }
}

/// Saturation scaled by `factor` (PIL's `ImageEnhance.Color`: a blend with the luma). Grey images
/// come back unchanged.
public func adjustSaturation(_ image: Image, factor: Double) -> Image {
    require(factor >= 0, "adjustSaturation: factor must be non-negative, got \(factor)")
    checkUInt8(image, "adjustSaturation")
    if image.channels < 3 { return image }
    return blended(image, factor: factor) { pixel, s in pilLuma(pixel, s) }
}

/// Hue shifted by `factor` turns (−0.5…0.5) as torchvision does on PIL images: PIL's uint8 HSV,
/// the hue channel moved by int(factor · 255) with wrap-around, and back. Grey images come back
/// unchanged. Alpha is kept (torchvision's PIL path makes RGBA images opaque here).
public func adjustHue(_ image: Image, factor: Double) -> Image {
    require(factor >= -0.5 && factor <= 0.5, "adjustHue: factor must be in [-0.5, 0.5], got \(factor)")
    checkUInt8(image, "adjustHue")
    if image.channels < 3 { return image }
    let shift = UInt8(truncatingIfNeeded: Int((factor * 255).rounded(.towardZero)))
    return Image.make(height: image.height, width: image.width, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<d.height {
                for x in 0..<d.width {
                    let p = input + s.offset(y, x, 0)
                    let (h, sat, v) = pilHSV(p[0], p[s.channelStride], p[2 * s.channelStride])
                    let (r, g, b) = pilRGB(h &+ shift, sat, v)
                    out[d.offset(y, x, 0)] = r
                    out[d.offset(y, x, 1)] = g
                    out[d.offset(y, x, 2)] = b
                    if d.channels == 4 { out[d.offset(y, x, 3)] = p[3 * s.channelStride] }
                }
            }
        }
    }
}

func checkUInt8(_ image: Image, _ op: String) {
    require(image.pixels.dtype == .uint8, "\(op): expects a uint8 image, got \(image.pixels.dtype)")
}

/// PIL's luma of the pixel at `pixel` (grey images: the grey sample).
@inline(__always)
func pilLuma(_ pixel: UnsafePointer<UInt8>, _ s: PixelGrid) -> UInt8 {
    if s.channels < 3 { return pixel[0] }
    let r = UInt32(pixel[0]), g = UInt32(pixel[s.channelStride]), b = UInt32(pixel[2 * s.channelStride])
    return UInt8((r * 19595 + g * 38470 + b * 7471 + 0x8000) >> 16)
}

/// PIL's `Image.blend(degenerate, image, factor)` on the colour channels (alpha kept): in float32,
/// d + f·(v − d), truncated, clamped when extrapolating. `degenerate` gives the colour samples'
/// blend partner for a pixel.
func blended(_ image: Image, factor: Double, degenerate: (UnsafePointer<UInt8>, PixelGrid) -> UInt8) -> Image {
    let alpha = Float(factor)
    let colors = image.hasAlpha ? image.channels - 1 : image.channels
    return Image.make(height: image.height, width: image.width, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<d.height {
                for x in 0..<d.width {
                    let p = input + s.offset(y, x, 0)
                    let base = degenerate(p, s)
                    for c in 0..<colors { out[d.offset(y, x, c)] = pilBlend(base, p[c * s.channelStride], alpha) }
                    if colors < d.channels { out[d.offset(y, x, colors)] = p[colors * s.channelStride] }
                }
            }
        }
    }
}

/// One sample of PIL's `ImagingBlend(im1, im2, alpha)`.
@inline(__always)
func pilBlend(_ a: UInt8, _ b: UInt8, _ alpha: Float) -> UInt8 {
    if alpha == 0 { return a }
    if alpha == 1 { return b }
    let v = Float(Int(a)) + alpha * Float(Int(b) - Int(a))
    if alpha >= 0 && alpha <= 1 { return UInt8(Swift.max(v, 0)) }
    return v <= 0 ? 0 : (v >= 255 ? 255 : UInt8(v))
}

/// PIL's RGB → HSV for one pixel (all three in 0…255).
func pilHSV(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> (UInt8, UInt8, UInt8) {
    let maxc = Swift.max(r, g, b), minc = Swift.min(r, g, b)
    if maxc == minc { return (0, 0, maxc) }
    let cr = Float(maxc - minc)
    let s = cr / Float(maxc)
    let rc = Float(maxc - r) / cr, gc = Float(maxc - g) / cr, bc = Float(maxc - b) / cr
    var h: Float
    if r == maxc {
        h = bc - gc
    } else if g == maxc {
        h = Float(2.0 + Double(rc) - Double(bc))
    } else {
        h = Float(4.0 + Double(gc) - Double(rc))
    }
    h = Float(fmod(Double(h) / 6.0 + 1.0, 1.0))
    return (clip8(Int(Double(h) * 255.0)), clip8(Int(Double(s) * 255.0)), maxc)
}

/// PIL's HSV → RGB for one pixel.
func pilRGB(_ h: UInt8, _ s: UInt8, _ v: UInt8) -> (UInt8, UInt8, UInt8) {
    if s == 0 { return (v, v, v) }
    let scaled = Double(h) * 6.0 / 255.0
    let i = Int(scaled.rounded(.down))
    let f = Float(scaled - Double(Float(i)))
    let fs = Float(Double(s) / 255.0)
    let vv = Double(v)
    let p = clip8(Int((vv * (1.0 - Double(fs))).rounded(.toNearestOrAwayFromZero)))
    let q = clip8(Int((vv * (1.0 - Double(fs * f))).rounded(.toNearestOrAwayFromZero)))
    let t = clip8(Int((vv * (1.0 - Double(fs) * (1.0 - Double(f)))).rounded(.toNearestOrAwayFromZero)))
    switch i % 6 {
    case 0: return (v, t, p)
    case 1: return (q, v, p)
    case 2: return (p, v, t)
    case 3: return (p, q, v)
    case 4: return (t, p, v)
    default: return (v, p, q)
    }
}

@inline(__always)
func clip8(_ v: Int) -> UInt8 { v < 0 ? 0 : (v > 255 ? 255 : UInt8(v)) }
