#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KilnIO

/// The whole contents of the image file at `path`; operating-system failures throw `FileError`.
func readImageFile(_ path: String) throws -> [UInt8] {
    #if canImport(Glibc)
    let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
    #else
    let fd = Darwin.open(path, O_RDONLY | O_CLOEXEC)
    #endif
    guard fd >= 0 else { throw systemFileError("open", path) }
    defer { close(fd) }
    var info = stat()
    guard fstat(fd, &info) == 0 else { throw systemFileError("inspect", path) }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
        throw FileError(path: path, operation: "read", code: EISDIR, reason: "not a regular file")
    }
    let size = Int(info.st_size)
    var bytes = [UInt8](repeating: 0, count: size)
    var filled = 0
    try bytes.withUnsafeMutableBytes { buffer in
        while filled < size, let base = buffer.baseAddress {
            let n = pread(fd, base + filled, size - filled, off_t(filled))
            if n < 0 {
                if errno == EINTR { continue }
                throw systemFileError("read", path)
            }
            if n == 0 { break }
            filled += n
        }
    }
    if filled < size { bytes.removeLast(size - filled) }
    return bytes
}

private func systemFileError(_ operation: String, _ path: String) -> FileError {
    let code = errno
    return FileError(path: path, operation: operation, code: code, reason: String(cString: strerror(code)))
}
