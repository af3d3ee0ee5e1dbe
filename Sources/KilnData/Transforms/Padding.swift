/// Padding on the four borders of an image, as torchvision takes it: one number for all borders
/// (`4`), two for left/right and top/bottom (`[4, 2]`), or four for left, top, right and bottom.
public struct Padding: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    public var left: Int
    public var top: Int
    public var right: Int
    public var bottom: Int

    public init(left: Int, top: Int, right: Int, bottom: Int) {
        self.left = left
        self.top = top
        self.right = right
        self.bottom = bottom
    }

    public init(integerLiteral value: Int) { self.init(left: value, top: value, right: value, bottom: value) }

    public init(arrayLiteral elements: Int...) { self.init(elements) }

    /// torchvision's sequence form: 1, 2 (left/right, top/bottom) or 4 (left, top, right, bottom) values.
    public init(_ values: [Int]) {
        switch values.count {
        case 1: self.init(left: values[0], top: values[0], right: values[0], bottom: values[0])
        case 2: self.init(left: values[0], top: values[1], right: values[0], bottom: values[1])
        case 4: self.init(left: values[0], top: values[1], right: values[2], bottom: values[3])
        default:
            require(false, "Padding: needs 1, 2 or 4 values, got \(values.count) (\(values))")
            self.init(left: 0, top: 0, right: 0, bottom: 0)
        }
    }
}

/// How `pad` (and `RandomCrop`'s padding) fills the new border, as in torchvision.
public enum PaddingMode: String, Sendable {
    /// The fill value.
    case constant
    /// The nearest edge pixel repeated.
    case edge
    /// Mirrored without repeating the edge: 1 2 3 4 → 3 2 | 1 2 3 4 | 3 2.
    case reflect
    /// Mirrored with the edge repeated: 1 2 3 4 → 2 1 | 1 2 3 4 | 4 3.
    case symmetric
}

/// How rotation picks values between pixel centres.
public enum InterpolationMode: String, Sendable {
    case nearest
    case bilinear
}
