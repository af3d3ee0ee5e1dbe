#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file opened for reading — in blocks (incremental readers), whole, or memory-mapped —
/// with operating-system failures reported as `FileError`s. The descriptor closes when the
/// object goes away. Every Kiln reader opens its files through this type.
public final class InputFile {
    public let path: String
    /// The size when opened, in bytes.
    public let size: Int
    let descriptor: Int32

    public init(_ path: String) throws {
        self.path = path
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
        descriptor = fd
        size = Int(info.st_size)
    }

    deinit { close(descriptor) }

    /// Reads the next bytes into `buffer`, returning how many (0 at the end of the file).
    public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            #if canImport(Glibc)
            let n = Glibc.read(descriptor, base, buffer.count)
            #else
            let n = Darwin.read(descriptor, base, buffer.count)
            #endif
            if n >= 0 { return n }
            if errno != EINTR { throw FileError.system("read", path: path) }
        }
    }

    /// Reads up to `buffer.count` bytes at `offset` without moving the read position.
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws -> Int {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return 0 }
        while true {
            let n = pread(descriptor, base, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno != EINTR { throw FileError.system("read", path: path) }
        }
    }

    /// Reads the rest of the file (everything, when nothing was read yet).
    public func readAll() throws -> [UInt8] {
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

    /// The whole file at `path`.
    public static func readAll(_ path: String) throws -> [UInt8] {
        try InputFile(path).readAll()
    }

    /// Calls `body` with the file's bytes: mapped when the file is at least `mappingThreshold`
    /// bytes (the mapping is passed along so tensors may alias it), else read into memory.
    func withContents<R>(mappingThreshold: Int, _ body: (UnsafeRawBufferPointer, MappedFile?) throws -> R) throws -> R {
        guard size >= mappingThreshold, size > 0 else {
            return try readAll().withUnsafeBytes { try body($0, nil) }
        }
        let mapping = try MappedFile(fd: descriptor, count: size, path: path)
        return try body(mapping.bytes, mapping)
    }

    /// Whether `path` names an existing regular file (following links).
    public static func isRegularFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
