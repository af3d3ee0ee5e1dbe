import Kiln

/// One feature of a `tf.train.Example`: a list of byte strings, of 32-bit floats or of 64-bit
/// integers (TensorFlow's `BytesList`, `FloatList`, `Int64List`).
public enum Feature: Equatable, Sendable {
    case bytes([[UInt8]])
    case floats([Float])
    case int64s([Int64])

    /// A bytes feature holding `strings` as UTF-8 (TensorFlow stores text this way).
    public static func strings(_ strings: [String]) -> Feature {
        .bytes(strings.map { Array($0.utf8) })
    }

    /// The number of values in the list.
    public var count: Int {
        switch self {
        case .bytes(let values): values.count
        case .floats(let values): values.count
        case .int64s(let values): values.count
        }
    }

    /// The feature as a tensor, like `tf.io.parse_single_example` with a `FixedLenFeature`:
    /// floats as float32, integers as int64, each of shape `[count]` or `shape`; a bytes feature
    /// holding one string as its raw bytes, uint8 (like `tf.io.decode_raw(…, tf.uint8)`).
    /// Throws when the values do not fill `shape` or a bytes feature holds several strings.
    public func tensor(shape: [Int]? = nil, name: String? = nil) throws -> Tensor {
        let tensor: Tensor
        switch self {
        case .floats(let values): tensor = Tensor(values)
        case .int64s(let values): tensor = Tensor(values)
        case .bytes(let values):
            guard values.count == 1 else {
                throw ExampleError(.wrongKind, feature: name,
                                   "a bytes feature of \(values.count) strings has no tensor form; read its strings from the feature itself")
            }
            tensor = Tensor(values[0])
        }
        guard let shape else { return tensor }
        var needed = 1
        for size in shape {
            let (product, overflow) = needed.multipliedReportingOverflow(by: size)
            guard size >= 0, !overflow else {
                throw ExampleError(.shapeMismatch, feature: name, "the shape \(shape) is not a valid shape")
            }
            needed = product
        }
        guard needed == tensor.count else {
            throw ExampleError(.shapeMismatch, feature: name,
                               "the feature holds \(tensor.count) values but shape \(shape) needs \(needed)")
        }
        return tensor.reshaped(shape)
    }
}
