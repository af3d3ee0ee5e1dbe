#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The directory operations checkpoints need beyond `AtomicFile`: make, list, remove a tree,
/// rename and swap directories. System failures throw `FileError` naming the path.
enum DirectoryOperations {
    enum EntryKind { case directory, regularFile, other }

    /// What is at `path` (links followed), or nil when nothing is.
    static func kind(at path: String) throws -> EntryKind? {
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return nil }
            throw FileError.system("inspect", path: path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .directory
        case S_IFREG: return .regularFile
        default: return .other
        }
    }

    /// Creates the directory `path` (mode 0777 less the umask).
    static func makeDirectory(_ path: String) throws {
        guard mkdir(path, 0o777) == 0 else { throw FileError.system("create the directory", path: path) }
    }

    /// The names in `directory`, without "." and "..".
    static func contents(of directory: String) throws -> [String] {
        guard let stream = opendir(directory) else { throw FileError.system("list the directory", path: directory) }
        defer { closedir(stream) }
        var names: [String] = []
        while true {
            errno = 0
            guard let entry = readdir(stream) else {
                if errno != 0 { throw FileError.system("list the directory", path: directory) }
                return names
            }
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout.size(ofValue: entry.pointee.d_name)) {
                    String(cString: $0)
                }
            }
            if name != "." && name != ".." { names.append(name) }
        }
    }

    /// Removes `path` and, if it is a directory, everything in it; links are removed, never
    /// followed. Nothing at `path` is not an error.
    static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw FileError.system("inspect", path: path)
        }
        if info.st_mode & S_IFMT == S_IFDIR {
            for name in try contents(of: path) { try removeTree(path + "/" + name) }
            guard rmdir(path) == 0 || errno == ENOENT else { throw FileError.system("remove the directory", path: path) }
        } else {
            guard unlink(path) == 0 || errno == ENOENT else { throw FileError.system("remove", path: path) }
        }
    }

    /// Removes the file `path` if there is one.
    static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 || errno == ENOENT else { throw FileError.system("remove", path: path) }
    }

    static func rename(_ source: String, to destination: String) throws {
        guard systemRename(source, destination) == 0 else {
            throw FileError.system("rename \(source) to", path: destination)
        }
    }

    /// Swaps two existing entries in one atomic step (`renameat2(RENAME_EXCHANGE)` on Linux,
    /// `renamex_np(RENAME_SWAP)` on Darwin): at every moment both paths exist. Returns 0 on
    /// success, else the `errno` (EINVAL or ENOTSUP where the file system cannot swap).
    static func exchange(_ a: String, _ b: String) -> Int32 {
        #if os(Linux)
        let result = renameat2(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */)
        #else
        let result = renamex_np(a, b, UInt32(RENAME_SWAP))
        #endif
        return result == 0 ? 0 : errno
    }

    /// The bytes an unprivileged process may still write on the file system holding `path`.
    static func availableBytes(at path: String) throws -> Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { throw FileError.system("inspect the file system of", path: path) }
        let (bytes, overflow) = Int(info.f_bavail).multipliedReportingOverflow(by: Int(info.f_frsize))
        return overflow ? Int.max : bytes
    }

    private static func systemRename(_ source: String, _ destination: String) -> Int32 {
        #if canImport(Glibc)
        Glibc.rename(source, destination)
        #else
        Darwin.rename(source, destination)
        #endif
    }
}

#if os(Linux)
/// glibc (2.28 and later) has `renameat2`, but its header declares it only for _GNU_SOURCE, which
/// the Glibc module does not set.
@_silgen_name("renameat2")
private func renameat2(_ oldDirectory: Int32, _ old: UnsafePointer<CChar>, _ newDirectory: Int32,
                       _ new: UnsafePointer<CChar>, _ flags: UInt32) -> Int32
#endif
