/// Why `SummaryWriter` could not log a value that comes from the run (not from a mistake in the
/// calling code): which tag and what is wrong. Failures to write the file are `FileError`s.
public struct SummaryWriterError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// A histogram's values hold NaN or infinity (a diverging run); nothing was logged.
        case nonFiniteValues
        /// No value of a histogram lies within its bins (explicit edges, or beyond ±1e20 with
        /// TensorBoard's default bins); nothing was logged.
        case valuesOutsideBins
    }

    public let kind: Kind
    /// The summary's tag.
    public let tag: String
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, tag: String, _ reason: String) {
        self.kind = kind
        self.tag = tag
        self.reason = reason
    }

    public var description: String { "tensorboard: cannot log \"\(tag)\": \(reason)" }
}
