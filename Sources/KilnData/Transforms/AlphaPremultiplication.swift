import Kiln

// PIL filters images with alpha ("LA", "RGBA") in premultiplied form ("La", "RGBa") when it
// resizes or transforms them with interpolation, so transparent pixels do not bleed their colour.
// These are its two conversions, with its integer rounding.

extension Image {
    /// Grey + alpha or RGBA.
    var hasAlpha: Bool { channels == 2 || channels == 4 }
}

/// Colour samples multiplied by alpha / 255 (PIL's `RGBA` → `RGBa`: v·a/255 rounded, in integers).
func premultiplied(_ image: Image) -> Image {
    let alpha = image.channels - 1
    return Image.make(height: image.height, width: image.width, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<d.height {
                for x in 0..<d.width {
                    let a = UInt32(input[s.offset(y, x, alpha)])
                    for c in 0..<alpha {
                        let t = UInt32(input[s.offset(y, x, c)]) * a + 128
                        out[d.offset(y, x, c)] = UInt8(((t >> 8) + t) >> 8)
                    }
                    out[d.offset(y, x, alpha)] = UInt8(a)
                }
            }
        }
    }
}

/// Premultiplied colour samples divided by alpha / 255 again (PIL's `RGBa` → `RGBA`: 255·v / a in
/// integers, clamped; unchanged where alpha is 0 or 255).
func unpremultiplied(_ image: Image) -> Image {
    let alpha = image.channels - 1
    return Image.make(height: image.height, width: image.width, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<d.height {
                for x in 0..<d.width {
                    let a = Int(input[s.offset(y, x, alpha)])
                    for c in 0..<alpha {
                        let v = Int(input[s.offset(y, x, c)])
                        out[d.offset(y, x, c)] = (a == 0 || a == 255) ? UInt8(v) : UInt8(Swift.min(255 * v / a, 255))
                    }
                    out[d.offset(y, x, alpha)] = UInt8(a)
                }
            }
        }
    }
}
