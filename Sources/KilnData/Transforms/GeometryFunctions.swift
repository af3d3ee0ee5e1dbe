import Kiln

// The parameter-taking forms of the geometric transforms (torchvision.transforms.functional):
// the random transforms call these with the parameters they draw. Each has an `Image` form and a
// tensor form ([channels, height, width], any dtype); both give the same pixels.

/// The region `height` × `width` whose top-left corner is (`top`, `left`); parts outside the image
/// are 0 (torchvision's `crop`). Inside the image the result is a view of the same pixels.
public func crop(_ image: Image, top: Int, left: Int, height: Int, width: Int) -> Image {
    require(height >= 0 && width >= 0, "crop: negative size \(height) × \(width)")
    if top >= 0, left >= 0, top + height <= image.height, left + width <= image.width {
        return Image(pixels: image.pixels[top..<(top + height), left..<(left + width)])
    }
    return image.remapped(height: height, width: width, fill: 0, op: "crop",
                          row: { inside(top + $0, image.height) }, column: { inside(left + $0, image.width) })
}

/// The region `height` × `width` of a `[channels, height, width]` tensor whose top-left corner is
/// (`top`, `left`); parts outside are 0. Inside the tensor the result is a view.
public func crop(_ tensor: Tensor, top: Int, left: Int, height: Int, width: Int) -> Tensor {
    let g = tensor.chwGrid("crop")
    require(height >= 0 && width >= 0, "crop: negative size \(height) × \(width)")
    if top >= 0, left >= 0, top + height <= g.height, left + width <= g.width {
        return tensor[.all, top..<(top + height), left..<(left + width)]
    }
    return tensor.remapped(height: height, width: width, fill: 0, op: "crop",
                           row: { inside(top + $0, g.height) }, column: { inside(left + $0, g.width) })
}

/// The central `size` region (torchvision's `center_crop`): an image smaller than `size` is first
/// padded with 0 on both sides (the extra pixel of an odd difference at the bottom/right), and
/// the crop's corner is rounded half to even, as Python's `round`.
public func centerCrop(_ image: Image, size: Size2D) -> Image {
    let rows = CenterCropAxis(source: image.height, output: size.h), columns = CenterCropAxis(source: image.width, output: size.w)
    if let top = rows.cropStart, let left = columns.cropStart {
        return crop(image, top: top, left: left, height: size.h, width: size.w)
    }
    return image.remapped(height: size.h, width: size.w, fill: 0, op: "centerCrop", row: rows.source, column: columns.source)
}

/// The central `size` region of a `[channels, height, width]` tensor (see the `Image` form).
public func centerCrop(_ tensor: Tensor, size: Size2D) -> Tensor {
    let g = tensor.chwGrid("centerCrop")
    let rows = CenterCropAxis(source: g.height, output: size.h), columns = CenterCropAxis(source: g.width, output: size.w)
    if let top = rows.cropStart, let left = columns.cropStart {
        return crop(tensor, top: top, left: left, height: size.h, width: size.w)
    }
    return tensor.remapped(height: size.h, width: size.w, fill: 0, op: "centerCrop", row: rows.source, column: columns.source)
}

/// The image with `padding` added on its borders (torchvision's `pad`). Negative padding removes
/// pixels instead.
public func pad(_ image: Image, padding: Padding, fill: Fill = 0, mode: PaddingMode = .constant) -> Image {
    let (h, w) = (image.height, image.width)
    let outH = h + padding.top + padding.bottom, outW = w + padding.left + padding.right
    require(outH >= 0 && outW >= 0, "pad: padding \(padding) leaves no image of \(h) × \(w)")
    return image.remapped(height: outH, width: outW, fill: fill, op: "pad",
                          row: { paddedIndex($0 - padding.top, size: h, mode: mode) },
                          column: { paddedIndex($0 - padding.left, size: w, mode: mode) })
}

/// A `[channels, height, width]` tensor with `padding` added on its borders.
public func pad(_ tensor: Tensor, padding: Padding, fill: Fill = 0, mode: PaddingMode = .constant) -> Tensor {
    let g = tensor.chwGrid("pad")
    let outH = g.height + padding.top + padding.bottom, outW = g.width + padding.left + padding.right
    require(outH >= 0 && outW >= 0, "pad: padding \(padding) leaves no image of \(g.height) × \(g.width)")
    return tensor.remapped(height: outH, width: outW, fill: fill, op: "pad",
                           row: { paddedIndex($0 - padding.top, size: g.height, mode: mode) },
                           column: { paddedIndex($0 - padding.left, size: g.width, mode: mode) })
}

/// The image mirrored left to right.
public func hflip(_ image: Image) -> Image {
    let w = image.width
    return image.remapped(height: image.height, width: w, fill: 0, op: "hflip", row: { $0 }, column: { w - 1 - $0 })
}

/// A `[channels, height, width]` tensor mirrored left to right.
public func hflip(_ tensor: Tensor) -> Tensor {
    let g = tensor.chwGrid("hflip")
    return tensor.remapped(height: g.height, width: g.width, fill: 0, op: "hflip", row: { $0 }, column: { g.width - 1 - $0 })
}

/// The image mirrored top to bottom.
public func vflip(_ image: Image) -> Image {
    let h = image.height
    return image.remapped(height: h, width: image.width, fill: 0, op: "vflip", row: { h - 1 - $0 }, column: { $0 })
}

/// A `[channels, height, width]` tensor mirrored top to bottom.
public func vflip(_ tensor: Tensor) -> Tensor {
    let g = tensor.chwGrid("vflip")
    return tensor.remapped(height: g.height, width: g.width, fill: 0, op: "vflip", row: { g.height - 1 - $0 }, column: { $0 })
}

/// `index` when it lies in `0..<size`, else -1 (fill).
@inline(__always)
func inside(_ index: Int, _ size: Int) -> Int { index >= 0 && index < size ? index : -1 }

/// One axis of torchvision's `center_crop`: zero padding when the crop is larger, then a crop
/// starting at round((padded - output) / 2).
struct CenterCropAxis {
    let padBefore: Int
    let start: Int
    let sourceSize: Int
    let needsPadding: Bool

    init(source: Int, output: Int) {
        require(output > 0, "centerCrop: size must be positive, got \(output)")
        needsPadding = output > source
        padBefore = needsPadding ? (output - source) / 2 : 0
        let padAfter = needsPadding ? (output - source + 1) / 2 : 0
        start = Int((Double(source + padBefore + padAfter - output) / 2).rounded(.toNearestOrEven))
        sourceSize = source
    }

    /// The crop's start in the source when no padding is needed.
    var cropStart: Int? { needsPadding ? nil : start }

    func source(_ i: Int) -> Int { inside(start + i - padBefore, sourceSize) }
}
