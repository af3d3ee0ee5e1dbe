import Foundation
import Kiln

/// The image rotated by `angle` degrees counter-clockwise about `center` (pixel coordinates from
/// the top-left corner; default the image centre), keeping its size, as torchvision rotates a PIL
/// image (PIL's `rotate`): multiples of 90° (180° for non-square images) are exact transposes,
/// other angles sample the inverse mapping at pixel centres — nearest, or bilinear truncated to
/// uint8. The uncovered corners get `fill` (default 0). Images with alpha are interpolated with
/// premultiplied alpha, as PIL does.
public func rotate(_ image: Image, angle: Double, interpolation: InterpolationMode = .nearest,
                   center: (x: Double, y: Double)? = nil, fill: Fill? = nil) -> Image {
    require(image.pixels.dtype == .uint8, "rotate: expects a uint8 image, got \(image.pixels.dtype)")
    let (h, w) = (image.height, image.width)
    var turn = angle.truncatingRemainder(dividingBy: 360)
    if turn < 0 { turn += 360 }
    if center == nil {
        if turn == 0 { return image }
        if turn == 180 { return image.remapped(height: h, width: w, fill: 0, op: "rotate", row: { h - 1 - $0 }, column: { w - 1 - $0 }) }
        if (turn == 90 || turn == 270) && w == h { return transposed(image, counterClockwise: turn == 90) }
    }
    let radians = -(turn * (Double.pi / 180))
    var m = [pythonRound(Foundation.cos(radians), digits: 15), pythonRound(Foundation.sin(radians), digits: 15), 0,
             pythonRound(-Foundation.sin(radians), digits: 15), pythonRound(Foundation.cos(radians), digits: 15), 0]
    let (cx, cy) = center ?? (Double(w) / 2, Double(h) / 2)
    m[2] = m[0] * -cx + m[1] * -cy + m[2]
    m[5] = m[3] * -cx + m[4] * -cy + m[5]
    m[2] += cx
    m[5] += cy
    let interpolate = interpolation == .bilinear && image.hasAlpha
    let source = interpolate ? premultiplied(image) : image
    let fills = (fill ?? 0).perChannel(image.channels, op: "rotate").map { UInt8(Swift.min(Swift.max($0.rounded(.towardZero), 0), 255)) }
    let rotated = Image.make(height: h, width: w, channels: image.channels, as: UInt8.self) { out, d in
        source.withSamples(as: UInt8.self) { input, s in
            switch interpolation {
            case .bilinear: pilAffineBilinear(input, s, into: out, d, matrix: m, fill: fills)
            case .nearest: pilAffineNearest(input, s, into: out, d, matrix: m, fill: fills)
            }
        }
    }
    return interpolate ? unpremultiplied(rotated) : rotated
}

/// A `[channels, height, width]` float32 tensor rotated by `angle` degrees counter-clockwise about
/// `center` (default the image centre), keeping its size, as torchvision rotates a tensor: an
/// affine grid sampled with `grid_sample`. Without `fill` the uncovered area is 0; with one, the
/// fill is blended in by the sampled coverage (so `fill: 0` differs from no fill along the edges,
/// exactly as in torchvision, whose `RandomRotation` always passes a fill).
public func rotate(_ tensor: Tensor, angle: Double, interpolation: InterpolationMode = .nearest,
                   center: (x: Double, y: Double)? = nil, fill: Fill? = nil) -> Tensor {
    let s = tensor.chwGrid("rotate")
    require(tensor.dtype == .float32, "rotate: expects a float32 tensor, got \(tensor.dtype)")
    let (cx, cy) = center.map { ($0.x - Double(s.width) * 0.5, $0.y - Double(s.height) * 0.5) } ?? (0, 0)
    let radians = -angle * (Double.pi / 180)
    let cosine = Foundation.cos(radians), sine = Foundation.sin(radians)
    var m = [cosine, sine, 0, -sine, cosine, 0]
    m[2] += m[0] * -cx + m[1] * -cy
    m[5] += m[3] * -cx + m[4] * -cy
    m[2] += cx
    m[5] += cy
    let grid = AffineGrid(theta: m.map { Float($0) }, width: s.width, height: s.height)
    let fills = fill.map { $0.perChannel(s.channels, op: "rotate").map { Float($0) } }
    return Tensor.makeCHW(channels: s.channels, height: s.height, width: s.width, dtype: .float32, as: Float.self) { out, d in
        tensor.withFirstElement(as: Float.self) { input in
            gridSampleRotate(input, s, into: out, d, grid: grid, interpolation: interpolation, fill: fills)
        }
    }
}

/// PIL's 90° turns of a square image: `ROTATE_90` (counter-clockwise) or `ROTATE_270`.
private func transposed(_ image: Image, counterClockwise: Bool) -> Image {
    let n = image.width
    return Image.make(height: n, width: n, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in
            for y in 0..<n {
                for x in 0..<n {
                    let (sy, sx) = counterClockwise ? (x, n - 1 - y) : (n - 1 - x, y)
                    for c in 0..<d.channels { out[d.offset(y, x, c)] = input[s.offset(sy, sx, c)] }
                }
            }
        }
    }
}
