#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An event file open for appending. Unlike `TFRecordWriter`'s atomic files, an event file is
/// visible while it grows: TensorBoard reads it during training, and whatever was flushed
/// survives the process being killed.
final class EventFileOutput {
    let path: String
    private var fd: Int32

    /// Creates the file; an existing file at `path` is an error (nothing is overwritten).
    init(creating path: String) throws {
        self.path = path
        while true {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o666)
            if fd >= 0 {
                self.fd = fd
                return
            }
            if errno != EINTR { throw FileError.system("create the event file", path: path) }
        }
    }

    /// Takes over an open descriptor (tests use /dev/full).
    init(descriptor: Int32, path: String) {
        self.path = path
        fd = descriptor
    }

    var isOpen: Bool { fd >= 0 }

    /// Writes `bytes` and empties it. On failure the bytes already written are removed from
    /// `bytes` and the rest kept, so that a later call resumes exactly where this one stopped and
    /// the file never holds a record twice or a gap.
    func write(_ bytes: inout [UInt8]) throws {
        guard !bytes.isEmpty else { return }
        var written = 0
        defer {
            if written == bytes.count {
                bytes.removeAll(keepingCapacity: true)
            } else if written > 0 {
                bytes.removeFirst(written)
            }
        }
        try bytes.withUnsafeBytes { raw in
            while written < raw.count {
                #if canImport(Glibc)
                let n = Glibc.write(fd, raw.baseAddress! + written, Swift.min(raw.count - written, 1 << 30))
                #else
                let n = Darwin.write(fd, raw.baseAddress! + written, Swift.min(raw.count - written, 1 << 30))
                #endif
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileError.system("write", path: path)
                }
                guard n > 0 else { throw FileError(path: path, operation: "write", code: EIO, reason: "the system wrote no bytes") }
                written += n
            }
        }
    }

    /// Syncs the file to storage and closes it.
    func close() throws {
        guard fd >= 0 else { return }
        let closing = fd
        fd = -1
        while fsync(closing) != 0 {
            let code = errno
            if code == EINTR { continue }
            // Some file systems (pipes, some network mounts) cannot sync; the data is written.
            if code == EINVAL || code == ENOTSUP || code == EROFS { break }
            _ = systemClose(closing)
            throw FileError.system("sync", path: path, code: code)
        }
        guard systemClose(closing) == 0 else { throw FileError.system("close", path: path) }
    }

    deinit {
        if fd >= 0 { _ = systemClose(fd) }
    }

    /// Creates `directory` and any missing parents (`mkdir -p`); an existing directory is fine.
    static func makeDirectories(_ directory: String) throws {
        let absolute = directory.hasPrefix("/")
        var current = absolute ? "" : "."
        for component in directory.split(separator: "/") where !component.isEmpty {
            current += "/" + component
            if mkdir(current, 0o777) == 0 { continue }
            let code = errno
            var info = stat()
            if code == EEXIST, stat(current, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { continue }
            if code == EEXIST {
                throw FileError(path: current, operation: "create the log directory", code: ENOTDIR, reason: "a file that is not a directory is in the way")
            }
            throw FileError.system("create the log directory", path: current, code: code)
        }
    }
}

private func systemClose(_ fd: Int32) -> Int32 {
    #if canImport(Glibc)
    Glibc.close(fd)
    #else
    Darwin.close(fd)
    #endif
}
