#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KilnIO

/// A regular file opened for reading, in blocks (for incremental readers) or whole, reporting
/// operating-system failures as `FileError`s. The descriptor closes when the object goes away.
final class InputFile {
    let path: String
    /// The size when opened, in bytes.
    let size: Int
    private let fd: Int32

    init(_ path: String) throws {
        self.path = path
        #if canImport(Glibc)
        let fd = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        #else
        let fd = Darwin.open(path, O_RDONLY | O_CLOEXEC)
        #endif
        guard fd >= 0 else { throw InputFile.systemError("open", path: path) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let error = InputFile.systemError("inspect", path: path)
            close(fd)
            throw error
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            close(fd)
            throw FileError(path: path, operation: "read", code: EISDIR, reason: "not a regular file")
        }
        self.fd = fd
        self.size = Int(info.st_size)
    }

    deinit { close(fd) }

    /// Reads the next bytes into `buffer`, returning how many (0 at the end of the file).
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(fd, base, buffer.count)
            #else
            let n = Darwin.read(fd, base, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw InputFile.systemError("read", path: path)
        }
    }

    /// Reads the rest of the file (everything, when nothing was read yet).
    func readAll() throws -> [UInt8] {
        // The size known at opening, read straight into the array; then whatever the file grew by.
        var bytes = try [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            initialized = 0
            while initialized < size {
                let n = try read(into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[initialized...])))
                if n == 0 { break }
                initialized += n
            }
        }
        var more = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try more.withUnsafeMutableBytes { try read(into: $0) }
            if n == 0 { break }
            bytes.append(contentsOf: more[..<n])
        }
        return bytes
    }

    /// Reads the whole file at `path`.
    static func readAll(_ path: String) throws -> [UInt8] {
        try InputFile(path).readAll()
    }

    private static func systemError(_ operation: String, path: String) -> FileError {
        let code = errno
        return FileError(path: path, operation: operation, code: code, reason: String(cString: strerror(code)))
    }
}

/// Whether `path` names an existing regular file (following links).
func isRegularFile(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
}
