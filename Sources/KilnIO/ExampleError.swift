/// Why a `tf.train.Example` could not be read, or one of its features could not be made into what
/// was asked: the feature involved (if one is) and what is wrong.
public struct ExampleError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The bytes are not a serialized `tf.train.Example` (bad protobuf wire data).
        case invalidProto
        /// The example has no feature of the name asked for.
        case missingFeature
        /// The feature's list cannot be made into a tensor (a bytes list of more than one string).
        case wrongKind
        /// The feature holds a different number of values than the shape asked for needs.
        case shapeMismatch
    }

    public let kind: Kind
    /// The feature involved, if the problem is with one feature.
    public let feature: String?
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, feature: String? = nil, _ reason: String) {
        self.kind = kind
        self.feature = feature
        self.reason = reason
    }

    public var description: String {
        let location = feature.map { "feature \"\($0)\": " } ?? ""
        return "tf.train.Example: \(location)\(reason)"
    }
}
