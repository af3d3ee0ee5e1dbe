#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KilnIO

/// The paths of the files matching a shell pattern (`*`, `?`, `[…]`), sorted — the start of a
/// pipeline over sharded files (tf.data's `list_files` with `shuffle=False`):
///
/// ```swift
/// let records = try listFiles(matching: "data/train-*.tfrecord")
///     .shard(count: hosts, index: host)
///     .interleave(cycleLength: 4) { path in try TFRecordReader(path: path).records }
/// ```
///
/// Sorting (by the bytes of the paths) makes the order the same on every machine, so `shard`
/// splits the files the same way everywhere. Throws `FileError` when nothing matches (an empty
/// pipeline would train on nothing) or a directory cannot be read.
public func listFiles(matching pattern: String) throws(FileError) -> AsyncElements<[String]> {
    var result = glob_t()
    defer { globfree(&result) }
    let status = glob(pattern, GLOB_ERR, nil, &result)
    switch status {
    case 0:
        break
    case GLOB_NOMATCH:
        throw FileError(path: pattern, operation: "list the files matching", code: 0, reason: "no file matches the pattern")
    case GLOB_ABORTED:
        throw FileError(path: pattern, operation: "list the files matching", code: errno,
                        reason: "a directory could not be read: \(String(cString: strerror(errno)))")
    default:
        throw FileError(path: pattern, operation: "list the files matching", code: 0, reason: "glob failed with status \(status)")
    }
    var paths: [String] = []
    for i in 0..<Int(result.gl_pathc) {
        if let path = result.gl_pathv[i] { paths.append(String(cString: path)) }
    }
    paths.sort { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return AsyncElements(paths)
}
