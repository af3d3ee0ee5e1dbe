#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kiln

/// Reads and writes safetensors files, the weight format of Hugging Face and PyTorch users:
/// an 8-byte header length, a JSON header naming each tensor's dtype, shape and byte range, and
/// the raw little-endian data.
///
/// ```swift
/// try SafeTensors.save(["weight": w, "bias": b], metadata: ["format": "pt"], to: "model.safetensors")
/// let state = try SafeTensors.load("model.safetensors")      // [String: Tensor]
/// ```
///
/// Files written by `safetensors.torch.save_file` load here, and Kiln writes byte for byte what
/// the reference library (0.8.0) writes for the same tensors and metadata, so PyTorch reads Kiln's
/// files. Reading validates the file as the reference reader does and throws `SafeTensorsError`
/// (bad content) or `FileError` (the system could not open, map or read it); nothing in a file
/// can crash the process.
///
/// Supported dtypes: BOOL, U8, I32, I64, F16, BF16, F32, F64. Other dtypes of the format (I8, I16,
/// U16, U32, U64, F8_*, C64, …) throw `unsupportedDType` naming the tensor.
public enum SafeTensors {
    /// Files at least this large are memory-mapped rather than read: their tensors alias the
    /// mapping without a copy, and it stays alive as long as any of them (or a view) does. The
    /// mapping is private and copy-on-write, so nothing written to a tensor's memory ever reaches
    /// the file. Replacing the file (as `save` does, by rename) or deleting it is safe while its
    /// tensors live; truncating it in place is not (the system signals SIGBUS, as for any mapping).
    public static let mappingThreshold = 1 << 20

    /// The tensors of the file at `path`, by name.
    public static func load(_ path: String) throws -> [String: Tensor] {
        try read(path).tensors
    }

    /// The tensors, their order in the file and the metadata of the file at `path`.
    public static func read(_ path: String) throws -> SafeTensorsFile {
        try read(path, mappingThreshold: mappingThreshold)
    }

    /// `read` with a chosen threshold, so tests can take the mapping path with small files.
    static func read(_ path: String, mappingThreshold: Int) throws -> SafeTensorsFile {
        try InputFile(path).withContents(mappingThreshold: mappingThreshold) { bytes, mapping in
            try decode(bytes, name: path, mapping: mapping)
        }
    }

    /// Decodes the bytes of a safetensors file held in memory; the tensors are copies.
    public static func decode(_ bytes: [UInt8]) throws -> SafeTensorsFile {
        try bytes.withUnsafeBytes { try decode($0) }
    }

    /// Decodes the bytes of a safetensors file held in memory; the tensors are copies.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> SafeTensorsFile {
        try decode(bytes, name: "<memory>", mapping: nil)
    }

    /// The bytes of a safetensors file holding `tensors` (non-contiguous ones are written
    /// contiguous) and, when given, `metadata`.
    public static func encode(_ tensors: [String: Tensor], metadata: [String: String]? = nil) -> [UInt8] {
        let layout = SafeTensorsLayout(tensors, metadata: metadata)
        var bytes = layout.prefix
        bytes.reserveCapacity(layout.totalCount)
        for tensor in layout.tensors {
            tensor.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        return bytes
    }

    /// Writes `tensors` (and `metadata`, when given) to `path` atomically: the file appears
    /// complete or not at all, and an existing file is only replaced once the new one is on disk.
    /// A tensor named "__metadata__" is a programmer error.
    public static func save(_ tensors: [String: Tensor], metadata: [String: String]? = nil, to path: String) throws {
        let layout = SafeTensorsLayout(tensors, metadata: metadata)
        try AtomicFile.write(to: path) { sink in
            try sink.write(layout.prefix)
            for tensor in layout.tensors {
                try tensor.withUnsafeBytes { try sink.write($0) }
            }
        }
    }

    /// Validates the header and makes the tensors: views of `mapping` when it is given and the
    /// tensor's bytes are aligned for its dtype, else copies.
    private static func decode(_ file: UnsafeRawBufferPointer, name: String, mapping: MappedFile?) throws -> SafeTensorsFile {
        let header = try SafeTensorsHeader(parsing: file, name: name)
        var tensors: [String: Tensor] = [:]
        tensors.reserveCapacity(header.entries.count)
        for entry in header.entries {
            guard let dtype = entry.dtype.kilnDType else {
                throw SafeTensorsError(.unsupportedDType, file: name, tensor: entry.name,
                                       "dtype \(entry.dtype) is valid safetensors but not a Kiln dtype; Kiln reads \(SafeTensorsDType.supportedNames)")
            }
            let start = header.dataStart + entry.begin
            let byteCount = entry.end - entry.begin
            if let mapping, byteCount > 0, dtype != .bool, (start % dtype.byteSize) == 0 {
                tensors[entry.name] = Tensor(externalBytes: mapping.base + start, byteCount: byteCount,
                                             shape: entry.shape, dtype: dtype,
                                             release: { _ in withExtendedLifetime(mapping) {} })
            } else {
                let bytes = UnsafeRawBufferPointer(rebasing: file[start..<(start + byteCount)])
                tensors[entry.name] = Tensor(copying: bytes, shape: entry.shape, dtype: dtype)
            }
        }
        return SafeTensorsFile(tensors: tensors, names: header.entries.map(\.name), metadata: header.metadata)
    }
}
