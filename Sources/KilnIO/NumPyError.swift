/// Why a `.npy` or `.npz` file (or byte string) could not be read. The message names the file, the
/// array inside an `.npz` archive where one is involved, the byte offset where the problem was
/// found, and what was expected. Errors from the operating system (no such file, permission
/// denied) are `FileError`s instead.
public struct NumPyError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The file does not start with `\x93NUMPY`: not a `.npy` file.
        case badMagic
        /// A format version other than 1.0, 2.0 and 3.0.
        case unsupportedVersion
        /// The file ends inside the magic, the header length or the header.
        case truncatedHeader
        /// The header is not the Python dict literal of the format (`descr`, `fortran_order`, `shape`).
        case invalidHeader
        /// A dtype NumPy has but Kiln does not (`|i1`, `<u2`, `<c8`, strings, structured dtypes, …).
        case unsupportedDType
        /// An object array (`|O`): its data is a Python pickle, refused as NumPy does with
        /// `allow_pickle=False`.
        case objectArray
        /// The data is shorter than the header's shape and dtype need.
        case truncatedData
        /// A shape whose byte size is too large to represent.
        case overflow
        /// The `.npz` file is not a zip archive Kiln can read (damaged directory, encrypted or
        /// multi-disk archive, unknown compression method, corrupt deflate stream).
        case invalidArchive
        /// An `.npz` member whose CRC-32 or size does not match the zip directory.
        case checksumMismatch
        /// An `.npz` archive with two members of the same name.
        case duplicateName
    }

    public let kind: Kind
    /// The path read, or "<memory>" for `NumPy.decode`.
    public let file: String
    /// The array's name inside an `.npz` archive (the member name without `.npy`), if one is involved.
    public let member: String?
    /// The byte offset where the problem was found: in the file for `.npy` files and for the zip
    /// structure of `.npz` archives, in the member's decompressed bytes for an array's own problems.
    public let offset: Int?
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, file: String, member: String? = nil, offset: Int? = nil, _ reason: String) {
        self.kind = kind
        self.file = file
        self.member = member
        self.offset = offset
        self.reason = reason
    }

    public var description: String {
        var location = file
        if let member { location += ", array \"\(member)\"" }
        if let offset { location += ", byte \(offset)" }
        return "numpy: \(location): \(reason)"
    }

    /// The same error placed inside an archive member (offsets become the member's own).
    func inMember(_ name: String, file: String) -> NumPyError {
        NumPyError(kind, file: file, member: name, offset: offset, reason)
    }
}
