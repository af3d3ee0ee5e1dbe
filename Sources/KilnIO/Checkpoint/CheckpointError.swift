#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a checkpoint could not be written or read. The message names the path involved (the run's
/// checkpoint directory, a checkpoint, or one of its files) and the reason, the operating system's
/// where it has one ("Permission denied", "No space left on device"), so a user can fix the cause.
/// A failed save never leaves a partial checkpoint and never moves `latest`.
public struct CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The directory, or a file in it, cannot be created or written: permissions, a read-only
        /// file system, a full disk, a missing run directory, a file where a directory should be.
        case notWritable
        /// A checkpoint, one of its files, or the checkpoint `latest`/`best` names does not exist.
        case notFound
        /// The system could not read a file that exists.
        case unreadable
        /// A file's contents are not what the layout says: bad JSON, a bad safetensors file, a
        /// `latest` that does not hold a checkpoint name.
        case malformed
        /// The training state could not be encoded as JSON (nothing was written).
        case unencodable
    }

    public let kind: Kind
    /// The file or directory involved.
    public let path: String
    /// The `errno` value of the system call that failed; 0 when no system call did.
    public let code: Int32
    /// What went wrong, in words.
    public let reason: String

    public init(_ kind: Kind, path: String, code: Int32 = 0, _ reason: String) {
        self.kind = kind
        self.path = path
        self.code = code
        self.reason = reason
    }

    public var description: String { "checkpoint: \(path): \(reason)" }

    /// A write failure at `path`, from whatever the writers threw (`FileError`s carry the code).
    static func writing(_ error: any Error, path: String) -> CheckpointError {
        if let error = error as? CheckpointError { return error }
        if let error = error as? FileError {
            return CheckpointError(.notWritable, path: path, code: error.code,
                                   "cannot write: \(error.reason) (failed to \(error.operation) \(error.path))")
        }
        return CheckpointError(.notWritable, path: path, "cannot write (\(error))")
    }

    /// A read failure of the file at `path`: a missing file, a system failure, or bad contents.
    static func reading(_ error: any Error, path: String) -> CheckpointError {
        switch error {
        case let error as CheckpointError:
            return error
        case let error as FileError where error.code == ENOENT:
            return CheckpointError(.notFound, path: path, code: error.code, "missing: \(error.reason)")
        case let error as FileError:
            return CheckpointError(.unreadable, path: path, code: error.code,
                                   "cannot read: \(error.reason) (failed to \(error.operation) \(error.path))")
        case let error as SafeTensorsError:
            return CheckpointError(.malformed, path: path, "not a valid safetensors file: \(error.reason)")
        default:
            return CheckpointError(.malformed, path: path, "\(error)")
        }
    }
}
