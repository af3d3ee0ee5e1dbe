import Kiln

/// Crops a random `size` region, after optional padding (torchvision's `RandomCrop`):
/// `RandomCrop(28, padding: 4)` pads 4 pixels of `fill` on every border and takes a random 28 × 28
/// window. With `padIfNeeded`, an image still smaller than `size` is padded on both sides of the
/// short axis first (by the missing amount on each side, as torchvision does).
///
/// Padding and crop are one pass that reads each output pixel straight from the source (no padded
/// intermediate); inside `Compose`, a `RandomHorizontalFlip` that follows joins the same pass.
public struct RandomCrop: ImageTransform {
    public let size: Size2D
    public let padding: Padding?
    public let padIfNeeded: Bool
    public let fill: Fill
    public let paddingMode: PaddingMode
    /// Probabilities of the horizontal flips fused in after the crop, drawn in order.
    public private(set) var horizontalFlips: [Double] = []

    public init(_ size: Size2D, padding: Padding? = nil, padIfNeeded: Bool = false, fill: Fill = 0,
                paddingMode: PaddingMode = .constant) {
        require(size.h > 0 && size.w > 0, "RandomCrop: size must be positive, got \(size)")
        self.size = size
        self.padding = padding
        self.padIfNeeded = padIfNeeded
        self.fill = fill
        self.paddingMode = paddingMode
    }

    /// This crop followed by `flip`, in one pass (the same draws in the same order).
    public func flippingHorizontally(_ flip: RandomHorizontalFlip) -> RandomCrop {
        var fused = self
        fused.horizontalFlips.append(flip.p)
        return fused
    }

    /// torchvision's `RandomCrop.get_params`: a uniformly placed `outputSize` window of an image
    /// `height` × `width` (no draw when they are equal).
    public static func parameters(height: Int, width: Int, outputSize: Size2D,
                                  using generator: inout RandomGenerator) -> (top: Int, left: Int, height: Int, width: Int) {
        require(height >= outputSize.h && width >= outputSize.w,
                      "RandomCrop: crop size \(outputSize) is larger than the (padded) image \(height) × \(width)")
        if height == outputSize.h && width == outputSize.w { return (0, 0, height, width) }
        let top = generator.integer(in: 0...(height - outputSize.h))
        let left = generator.integer(in: 0...(width - outputSize.w))
        return (top, left, outputSize.h, outputSize.w)
    }

    public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        let plan = Plan(self, height: image.height, width: image.width, using: &generator)
        return image.remapped(height: size.h, width: size.w, fill: fill, op: "RandomCrop", row: plan.row, column: plan.column)
    }

    public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        let g = tensor.chwGrid("RandomCrop")
        let plan = Plan(self, height: g.height, width: g.width, using: &generator)
        return tensor.remapped(height: size.h, width: size.w, fill: fill, op: "RandomCrop", row: plan.row, column: plan.column)
    }

    /// Where each output row and column comes from, for one draw.
    private struct Plan {
        let rows: AxisPadding
        let columns: AxisPadding
        let top: Int
        let left: Int
        let flip: Bool
        let width: Int

        init(_ crop: RandomCrop, height: Int, width: Int, using generator: inout RandomGenerator) {
            let p = crop.padding ?? 0
            var rows = AxisPadding(size: height, before: p.top, after: p.bottom, mode: crop.paddingMode)
            var columns = AxisPadding(size: width, before: p.left, after: p.right, mode: crop.paddingMode)
            // torchvision pads the width, then the height, by the missing amount on both sides.
            if crop.padIfNeeded && columns.paddedSize < crop.size.w { columns.padAgain(crop.size.w - columns.paddedSize) }
            if crop.padIfNeeded && rows.paddedSize < crop.size.h { rows.padAgain(crop.size.h - rows.paddedSize) }
            let window = RandomCrop.parameters(height: rows.paddedSize, width: columns.paddedSize, outputSize: crop.size, using: &generator)
            var flip = false
            for p in crop.horizontalFlips where generator.unitUniform() < p { flip.toggle() }
            self.rows = rows
            self.columns = columns
            self.top = window.top
            self.left = window.left
            self.flip = flip
            self.width = crop.size.w
        }

        func row(_ y: Int) -> Int { rows.source(top + y) }
        func column(_ x: Int) -> Int { columns.source(left + (flip ? width - 1 - x : x)) }
    }
}

/// One axis padded once or twice (torchvision's `RandomCrop` pads, then pads again if needed):
/// maps a position of the padded axis to the source index, or -1 for the fill.
struct AxisPadding {
    let size: Int
    let before: Int
    let mode: PaddingMode
    private(set) var paddedSize: Int
    /// The second padding's width on each side (0 when there is none).
    private(set) var again = 0
    private let firstSize: Int

    init(size: Int, before: Int, after: Int, mode: PaddingMode) {
        self.size = size
        self.before = before
        self.mode = mode
        firstSize = size + before + after
        paddedSize = firstSize
        require(paddedSize >= 0, "RandomCrop: padding leaves no image of size \(size)")
    }

    mutating func padAgain(_ amount: Int) {
        again = amount
        paddedSize = firstSize + 2 * amount
    }

    func source(_ position: Int) -> Int {
        var q = position
        if again > 0 {
            q = paddedIndex(q - again, size: firstSize, mode: mode)
            if q < 0 { return -1 }
        }
        return paddedIndex(q - before, size: size, mode: mode)
    }
}
