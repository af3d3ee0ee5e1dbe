/// A height/width pair for kernel sizes, strides, padding and dilation; `3` means `[3, 3]`.
public struct Size2D: Equatable, Sendable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral, CustomStringConvertible {
    public var h: Int, w: Int
    public init(_ h: Int, _ w: Int) { self.h = h; self.w = w }
    public init(integerLiteral value: Int) { self.init(value, value) }
    public init(arrayLiteral elements: Int...) {
        require(elements.count == 2, "Size2D: needs two values [height, width], got \(elements)")
        self.init(elements[0], elements[1])
    }
    public var description: String { "[\(h), \(w)]" }
}
