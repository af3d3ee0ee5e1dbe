/// The value written where a transform has no source pixel (padding, the corners a rotation
/// uncovers): one number for every channel, or one per channel (`[255, 0, 0]`).
///
/// On a tensor the value is used as is (in the tensor's units, e.g. 0…1 after `ToTensor`). On an
/// `Image` it is a sample value: truncated toward zero to an integer, as torchvision does for PIL
/// images, and clamped to the sample range (0…255 for uint8).
public struct Fill: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByFloatLiteral, ExpressibleByArrayLiteral {
    public var values: [Double]

    public init(_ values: [Double]) {
        require(!values.isEmpty, "Fill: needs at least one value")
        self.values = values
    }

    public init(_ value: Double) { self.init([value]) }
    public init(integerLiteral value: Int) { self.init([Double(value)]) }
    public init(floatLiteral value: Double) { self.init([value]) }
    public init(arrayLiteral elements: Double...) { self.init(elements) }

    /// The values for an image of `channels` channels, checked to fit.
    func perChannel(_ channels: Int, op: String) -> [Double] {
        if values.count == 1 { return Array(repeating: values[0], count: channels) }
        require(values.count == channels, "\(op): fill has \(values.count) values for an image of \(channels) channels")
        return values
    }
}
