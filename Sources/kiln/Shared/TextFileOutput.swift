#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KilnIO

/// Writes `text` to `path` so that the file appears complete or not at all: into a temporary
/// file beside it, then renamed over it. A failure (no such directory, no permission, disk full)
/// throws `FileError` with the path and the system's reason, and leaves any old file as it was.
func writeTextFile(_ text: String, to path: String) throws {
    let slash = path.lastIndex(of: "/")
    let directory = slash.map { $0 == path.startIndex ? "/" : String(path[..<$0]) } ?? "."
    let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
    let temporary = "\(directory)/.\(name).tmp-\(String(UInt32.random(in: 0...UInt32.max), radix: 16))"
    func failure(_ operation: String, _ code: Int32 = errno) -> FileError {
        FileError(path: path, operation: operation, code: code, reason: String(cString: strerror(code)))
    }
    let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard fd >= 0 else { throw failure("write") }
    var isOpen = true
    do {
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw failure("write") }
            written += n
        }
        guard fsync(fd) == 0 else { throw failure("write") }
        isOpen = false
        guard close(fd) == 0 else { throw failure("write") }
        guard rename(temporary, path) == 0 else { throw failure("write") }
    } catch {
        if isOpen { close(fd) }
        unlink(temporary)
        throw error
    }
}
