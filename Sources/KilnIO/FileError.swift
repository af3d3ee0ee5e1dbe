#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An operating-system failure while reading or writing a file: the path, what Kiln was doing,
/// and the system's reason (for example "No such file or directory", "No space left on device").
public struct FileError: Error, Equatable, Sendable, CustomStringConvertible {
    public let path: String
    /// The step that failed: "open", "read", "write", "rename", …
    public let operation: String
    /// The `errno` value, 0 when the failure was not a system call's.
    public let code: Int32
    public let reason: String

    public init(path: String, operation: String, code: Int32, reason: String) {
        self.path = path
        self.operation = operation
        self.code = code
        self.reason = reason
    }

    /// The failure of the system call that just set `errno`.
    static func system(_ operation: String, path: String, code: Int32 = errno) -> FileError {
        FileError(path: path, operation: operation, code: code, reason: String(cString: strerror(code)))
    }

    public var description: String { "cannot \(operation) \(path): \(reason)" }
}
