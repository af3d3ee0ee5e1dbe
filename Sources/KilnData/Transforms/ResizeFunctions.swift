import Kiln

/// An image resized to `height` × `width` with bilinear filtering, as torchvision resizes a PIL
/// image (PIL's `resize(BILINEAR)`, which always antialiases: shrinking averages over the wider
/// footprint). Samples are computed in PIL's fixed point, so the pixels equal PIL's; images with
/// alpha (2 or 4 channels) are filtered with premultiplied alpha, as PIL does. The same size
/// returns the image itself.
public func resize(_ image: Image, height: Int, width: Int) -> Image {
    require(height > 0 && width > 0, "resize: size must be positive, got \(height) × \(width)")
    require(image.pixels.dtype == .uint8, "resize: expects a uint8 image, got \(image.pixels.dtype)")
    if height == image.height && width == image.width { return image }
    if image.hasAlpha { return unpremultiplied(resampled(premultiplied(image), height: height, width: width)) }
    return resampled(image, height: height, width: width)
}

/// PIL's resampling of every channel independently.
private func resampled(_ image: Image, height: Int, width: Int) -> Image {
    let rows = height == image.height ? nil : FilterAxis<Double>(input: image.height, output: height)
    let columns = width == image.width ? nil : FilterAxis<Double>(input: image.width, output: width)
    return Image.make(height: height, width: width, channels: image.channels, as: UInt8.self) { out, d in
        image.withSamples(as: UInt8.self) { input, s in resampleUInt8(input, s, into: out, d, rows: rows, columns: columns) }
    }
}

/// An image resized so its shorter side is `shorterSide` (the longer one keeps the aspect ratio,
/// truncated), as torchvision's `resize` with one size; `maxSize` caps the longer side.
public func resize(_ image: Image, shorterSide: Int, maxSize: Int? = nil) -> Image {
    let (h, w) = resizedSize(height: image.height, width: image.width, shorterSide: shorterSide, maxSize: maxSize)
    return resize(image, height: h, width: w)
}

/// A `[channels, height, width]` float32 tensor resized to `height` × `width` with bilinear
/// interpolation, as torchvision resizes a tensor: `antialias: false` (the default here) is
/// PyTorch's `interpolate(mode="bilinear", align_corners=False)`; `antialias: true` widens the
/// filter when shrinking, as torchvision's default does. The same size returns the tensor itself.
public func resize(_ tensor: Tensor, height: Int, width: Int, antialias: Bool = false) -> Tensor {
    let s = tensor.chwGrid("resize")
    require(height > 0 && width > 0, "resize: size must be positive, got \(height) × \(width)")
    require(tensor.dtype == .float32, "resize: expects a float32 tensor, got \(tensor.dtype)")
    if height == s.height && width == s.width { return tensor }
    return Tensor.makeCHW(channels: s.channels, height: height, width: width, dtype: .float32, as: Float.self) { out, d in
        tensor.withFirstElement(as: Float.self) { input in
            if antialias {
                let rows = height == s.height ? nil : FilterAxis<Float>(input: s.height, output: height)
                let columns = width == s.width ? nil : FilterAxis<Float>(input: s.width, output: width)
                var scratch = [Float](repeating: 0, count: rows != nil && columns != nil ? s.height * width : 0)
                scratch.withUnsafeMutableBufferPointer { buffer in
                    for c in 0..<s.channels {
                        resampleFloat(input + c * s.channelStride, s, into: out + c * d.channelStride, d,
                                      rows: rows, columns: columns, scratch: buffer.baseAddress ?? out)
                    }
                }
            } else {
                let rows = LinearAxis(input: s.height, output: height), columns = LinearAxis(input: s.width, output: width)
                for c in 0..<s.channels {
                    bilinearResize(input + c * s.channelStride, s, into: out + c * d.channelStride, d, rows: rows, columns: columns)
                }
            }
        }
    }
}

/// A tensor resized so its shorter side is `shorterSide` (see the `Image` form).
public func resize(_ tensor: Tensor, shorterSide: Int, maxSize: Int? = nil, antialias: Bool = false) -> Tensor {
    let s = tensor.chwGrid("resize")
    let (h, w) = resizedSize(height: s.height, width: s.width, shorterSide: shorterSide, maxSize: maxSize)
    return resize(tensor, height: h, width: w, antialias: antialias)
}

/// torchvision's output size for one requested size: the shorter side becomes `shorterSide`, the
/// longer one `int(shorterSide * long / short)`; then both shrink if the longer exceeds `maxSize`.
func resizedSize(height: Int, width: Int, shorterSide: Int, maxSize: Int?) -> (height: Int, width: Int) {
    require(shorterSide > 0, "resize: size must be positive, got \(shorterSide)")
    let (short, long) = width <= height ? (width, height) : (height, width)
    var newShort = shorterSide, newLong = Int(Double(shorterSide * long) / Double(short))
    if let maxSize {
        require(maxSize > shorterSide, "resize: maxSize \(maxSize) must be greater than the size \(shorterSide)")
        if newLong > maxSize {
            newShort = Int(Double(maxSize * newShort) / Double(newLong))
            newLong = maxSize
        }
    }
    return width <= height ? (newLong, newShort) : (newShort, newLong)
}

/// Crops (`crop`) then resizes (`resize`), as torchvision's `resized_crop`.
public func resizedCrop(_ image: Image, top: Int, left: Int, height: Int, width: Int, size: Size2D) -> Image {
    resize(crop(image, top: top, left: left, height: height, width: width), height: size.h, width: size.w)
}

/// Crops then resizes a `[channels, height, width]` float32 tensor, as torchvision's `resized_crop`.
public func resizedCrop(_ tensor: Tensor, top: Int, left: Int, height: Int, width: Int, size: Size2D,
                        antialias: Bool = false) -> Tensor {
    resize(crop(tensor, top: top, left: left, height: height, width: width), height: size.h, width: size.w, antialias: antialias)
}
