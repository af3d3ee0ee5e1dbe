#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that a crash or an error never leaves a half-written file at its path: the
/// bytes go to a new temporary file in the same directory, which is flushed to disk (`fsync`),
/// renamed over the path, and the directory is flushed too so the rename itself survives a crash.
/// Readers see either the old file or the complete new one.
public enum AtomicFile {
    /// Replaces the file at `path` with `bytes`, atomically (see the type's description).
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try write(to: path) { try $0.write(bytes) }
    }

    /// Writes `path` with what `body` writes to the sink. On any error, thrown by `body` or by the
    /// system, the temporary file is removed, `path` keeps its old contents, and the error is
    /// rethrown (system failures as `FileError`). The new file gets the usual mode (0666 less the
    /// umask), like any newly created file.
    static func write(to path: String, _ body: (FileSink) throws -> Void) throws {
        let (directory, name) = try split(path)
        let (fd, temporary) = try createTemporary(in: directory, for: name, path: path)
        var isOpen = true
        do {
            try body(FileSink(fd: fd, path: path))
            try retryingInterrupts("sync", path: temporary) { fsync(fd) }
            isOpen = false
            guard close(fd) == 0 else { throw FileError.system("close", path: temporary) }
            guard rename(temporary, path) == 0 else { throw FileError.system("rename \(temporary) to", path: path) }
        } catch {
            if isOpen { close(fd) }
            unlink(temporary)
            throw error
        }
        try syncDirectory(directory)
    }

    /// The directory (for the temporary file and the directory sync) and the file name.
    static func split(_ path: String) throws -> (directory: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return (".", path) }
        let name = String(path[path.index(after: slash)...])
        guard !name.isEmpty, name != ".", name != ".." else {
            throw FileError(path: path, operation: "write", code: EISDIR, reason: "the path names a directory, not a file")
        }
        let directory = slash == path.startIndex ? "/" : String(path[..<slash])
        return (directory, name)
    }

    /// A new file `.<name>.tmp-<random>` opened for writing; O_EXCL so it is never someone else's.
    private static func createTemporary(in directory: String, for name: String, path: String) throws -> (Int32, String) {
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let temporary = "\(directory)/.\(name).tmp-\(suffix)"
            let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 { return (fd, temporary) }
            let code = errno
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < 100) { continue }
            throw FileError.system("create a temporary file in \(directory) to write", path: path, code: code)
        }
    }

    /// Makes the rename durable. Some file systems cannot sync a directory (EINVAL); the file
    /// itself is complete and in place then, so that is not an error.
    static func syncDirectory(_ directory: String) throws {
        let fd = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { throw FileError.system("open the directory", path: directory) }
        defer { close(fd) }
        while fsync(fd) != 0 {
            let code = errno
            if code == EINTR { continue }
            if code == EINVAL || code == ENOTSUP || code == EROFS { return }
            throw FileError.system("sync the directory", path: directory, code: code)
        }
    }

    fileprivate static func retryingInterrupts(_ operation: String, path: String, _ call: () -> Int32) throws {
        while call() != 0 {
            let code = errno
            if code != EINTR { throw FileError.system(operation, path: path, code: code) }
        }
    }
}

/// Where `AtomicFile.write`'s body writes its bytes (unbuffered: callers write large blocks).
struct FileSink {
    fileprivate let fd: Int32
    /// The final path, for error messages.
    fileprivate let path: String

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            let written = Self.systemWrite(fd, p, Swift.min(left, 1 << 30))
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError.system("write", path: path)
            }
            guard written > 0 else {
                throw FileError(path: path, operation: "write", code: EIO, reason: "the system wrote no bytes")
            }
            p += written
            left -= written
        }
    }

    func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    private static func systemWrite(_ fd: Int32, _ p: UnsafeRawPointer, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(fd, p, count)
        #else
        Darwin.write(fd, p, count)
        #endif
    }
}
