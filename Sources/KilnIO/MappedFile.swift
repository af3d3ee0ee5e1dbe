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
