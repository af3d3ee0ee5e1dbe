#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file written a piece at a time that appears at its path only when `commit()` succeeds, for
/// writers that stay open across calls (`TFRecordWriter`). Same guarantees as `AtomicFile.write`:
/// the bytes go to a new temporary file in the same directory, which is synced, renamed over the
/// path, and the directory synced; `discard()` (or dropping the stream uncommitted) removes the
/// temporary file and leaves the path as it was.
final class AtomicFileStream {
    let path: String
    private let directory: String
    private let temporary: String
    private var fd: Int32

    init(path: String) throws {
        self.path = path
        let (directory, name) = try AtomicFile.split(path)
        self.directory = directory
        var attempt = 0
        while true {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let candidate = "\(directory)/.\(name).tmp-\(suffix)"
            let fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if fd >= 0 {
                self.fd = fd
                temporary = candidate
                return
            }
            let code = errno
            attempt += 1
            if code == EINTR || (code == EEXIST && attempt < 100) { continue }
            throw FileError.system("create a temporary file in \(directory) to write", path: path, code: code)
        }
    }

    /// Whether the stream is still open for writing (neither committed nor discarded).
    var isOpen: Bool { fd >= 0 }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var p = bytes.baseAddress else { return }
        var left = bytes.count
        while left > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(fd, p, Swift.min(left, 1 << 30))
            #else
            let written = Darwin.write(fd, p, Swift.min(left, 1 << 30))
            #endif
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

    /// Makes the file appear at `path`, complete. On failure the temporary file is removed.
    func commit() throws {
        do {
            while fsync(fd) != 0 {
                if errno != EINTR { throw FileError.system("sync", path: temporary) }
            }
            let closing = fd
            fd = -1
            guard close(closing) == 0 else { throw FileError.system("close", path: temporary) }
            guard rename(temporary, path) == 0 else { throw FileError.system("rename \(temporary) to", path: path) }
        } catch {
            discard()
            throw error
        }
        let directoryFD = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard directoryFD >= 0 else { throw FileError.system("open the directory", path: directory) }
        defer { close(directoryFD) }
        while fsync(directoryFD) != 0 {
            let code = errno
            if code == EINTR { continue }
            // Some file systems cannot sync a directory; the file is complete and in place then.
            if code == EINVAL || code == ENOTSUP || code == EROFS { return }
            throw FileError.system("sync the directory", path: directory, code: code)
        }
    }

    /// Abandons the file: the temporary is removed and `path` keeps its old contents.
    func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        unlink(temporary)
    }

    deinit {
        if fd >= 0 { discard() }
    }
}
