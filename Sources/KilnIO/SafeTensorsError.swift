/// Why a safetensors file (or byte string) could not be read. The message names the file and, where
/// one is involved, the tensor, and says what was expected, so a user can tell a truncated download
/// from a file of another format. Errors from the operating system (no such file, permission
/// denied, disk full) are `FileError`s instead.
public struct SafeTensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// Shorter than the 8-byte header length.
        case headerTooSmall
        /// The header length is above the format's limit of 100,000,000 bytes.
        case headerTooLarge
        /// The header length runs past the end of the file.
        case invalidHeaderLength
        /// The header is not UTF-8 JSON.
        case invalidJSON
        /// The header is JSON but not a safetensors header: wrong types, missing fields.
        case invalidHeader
        /// A tensor name, `__metadata__`, a metadata key or a tensor field appears twice.
        case duplicateKey
        /// A dtype string the format does not define.
        case unknownDType
        /// A dtype the format defines but Kiln does not have (I8, U16, F8_E4M3, C64, …).
        case unsupportedDType
        /// A tensor's `data_offsets` leave a gap, overlap the previous tensor, or end before they begin.
        case invalidOffset
        /// A tensor's byte range does not hold shape × dtype size bytes.
        case sizeMismatch
        /// A sub-byte dtype (F4, F6) whose elements do not end on a byte boundary.
        case misalignedSlice
        /// A shape or byte count too large to represent.
        case overflow
        /// The data buffer is longer or shorter than the tensors the header describes.
        case incompleteBuffer
    }

    public let kind: Kind
    /// The path read, or "<memory>" for `SafeTensors.decode`.
    public let file: String
    /// The tensor involved, if the problem is with one tensor.
    public let tensor: String?
    /// What is wrong, in words.
    public let reason: String

    public init(_ kind: Kind, file: String, tensor: String? = nil, _ reason: String) {
        self.kind = kind
        self.file = file
        self.tensor = tensor
        self.reason = reason
    }

    public var description: String {
        let location = tensor.map { "\(file), tensor \"\($0)\"" } ?? file
        return "safetensors: \(location): \(reason)"
    }
}
