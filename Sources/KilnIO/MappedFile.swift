#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A whole file mapped into memory, unmapped when the last reference goes away. Tensors that alias
/// the mapping hold a reference in their storage's release callback.
///
/// The mapping is private and copy-on-write (`MAP_PRIVATE`, readable and writable): the file is
/// never changed through it, and should anything write into a tensor's memory in place, only this
/// process's copy of the page changes. Replacing the file (as `SafeTensors.save` does, by rename)
/// leaves existing mappings intact; truncating it in place while tensors still use it is not
/// supported (the system then signals SIGBUS on access, as for any mapped file).
final class MappedFile: @unchecked Sendable {
    let base: UnsafeMutableRawPointer
    let count: Int

    /// Maps the first `count` bytes (count > 0) of the open file `fd`.
    init(fd: Int32, count: Int, path: String) throws {
        guard let p = mmap(nil, count, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0), p != MAP_FAILED else {
            throw FileError.system("map", path: path)
        }
        base = p
        self.count = count
    }

    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    deinit { munmap(base, count) }
}

/// Opening and reading files with the system calls, reporting failures as `FileError`s.
enum FileInput {
    /// Opens `path` for reading; it must be a regular file. Returns the descriptor and size.
    static func open(_ path: String) throws -> (fd: Int32, size: Int) {
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        let fd = Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
        guard fd >= 0 else { throw FileError.system("open", path: path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = FileError.system("inspect", path: path)
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileError(path: path, operation: "read", code: EISDIR, reason: "not a regular file")
        }
        return (fd, Int(info.st_size))
    }

    /// Reads up to `size` bytes from the start of `fd` (fewer if the file shrank meanwhile).
    static func read(_ fd: Int32, size: Int, path: String) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: size)
        var filled = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while filled < size {
                let n = pread(fd, buffer.baseAddress! + filled, size - filled, off_t(filled))
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileError.system("read", path: path)
                }
                if n == 0 { break }
                filled += n
            }
        }
        bytes.removeLast(size - filled)
        return bytes
    }
}
