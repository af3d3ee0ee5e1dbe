import Kiln

/// `.npz` archives: a zip file with one `<name>.npy` member per array, as `np.savez` (stored) and
/// `np.savez_compressed` (deflated) write them.
extension NumPy {
    /// The arrays of the `.npz` archive at `path`, by name (the member names without `.npy`, as
    /// `np.load(path).files` lists them). Members not ending in `.npy` are not arrays and are
    /// skipped. Each member is checked against its CRC-32; zip64 archives are read.
    public static func loadArchive(_ path: String) throws -> [String: Tensor] {
        try loadArchive(path, mappingThreshold: mappingThreshold)
    }

    static func loadArchive(_ path: String, mappingThreshold: Int) throws -> [String: Tensor] {
        try withFile(path, mappingThreshold: mappingThreshold) { bytes, mapping in
            try decodeArchive(bytes, file: path, mapping: mapping)
        }
    }

    /// The arrays of an `.npz` archive held in memory; the tensors are copies.
    public static func decodeArchive(_ bytes: [UInt8]) throws -> [String: Tensor] {
        try bytes.withUnsafeBytes { try decodeArchive($0, file: "<memory>", mapping: nil) }
    }

    /// The bytes of an `.npz` archive holding `arrays` (see `saveArchive`).
    public static func encodeArchive(_ arrays: [String: Tensor], compressed: Bool = false) -> [UInt8] {
        encodeArchive(arrays, compressed: compressed, forceZip64: false)
    }

    static func encodeArchive(_ arrays: [String: Tensor], compressed: Bool, forceZip64: Bool) -> [UInt8] {
        var out: [UInt8] = []
        writeArchive(arrays, compressed: compressed, forceZip64: forceZip64) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes `arrays` to `path` as an `.npz` archive, atomically: each array is a member
    /// `<name>.npy` holding what `np.save` writes; `compressed` deflates them as
    /// `np.savez_compressed` does. `np.load` reads the file. Members are in name order and dated
    /// 1980-01-01, so the same arrays always give the same bytes. (Unlike `np.savez`, no `.npz`
    /// extension is appended to the path.)
    public static func saveArchive(_ arrays: [String: Tensor], to path: String, compressed: Bool = false) throws {
        try saveArchive(arrays, to: path, compressed: compressed, forceZip64: false)
    }

    static func saveArchive(_ arrays: [String: Tensor], to path: String, compressed: Bool, forceZip64: Bool) throws {
        try AtomicFile.write(to: path) { sink in
            try writeArchive(arrays, compressed: compressed, forceZip64: forceZip64) { try sink.write($0) }
        }
    }

    /// Emits the archive's bytes in order. Stored members are emitted straight from the tensors'
    /// memory; compressed ones are encoded and deflated one at a time.
    private static func writeArchive(_ arrays: [String: Tensor], compressed: Bool, forceZip64: Bool,
                                     emit: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        var zip = ZipWriter(forceZip64: forceZip64)
        for name in arrays.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            require(name.utf8.count <= 0xFFFF - 4,
                    "NumPy.saveArchive: the array name of \(name.utf8.count) bytes is too long for a zip member name")
            let tensor = savable(arrays[name]!)
            let member = name + ".npy"
            if compressed {
                let bytes = encode(tensor)
                let crc = bytes.withUnsafeBytes { ZipCRC.crc32($0) }
                let deflated = Compression.deflate(bytes, format: .raw)
                let local = zip.localHeader(name: member, method: 8, crc32: crc, compressedSize: deflated.count,
                                            uncompressedSize: bytes.count)
                try local.withUnsafeBytes { try emit($0) }
                try deflated.withUnsafeBytes { try emit($0) }
            } else {
                let prefix = header(for: tensor)
                let dense = tensor.contiguous()
                try dense.withUnsafeBytes { data in
                    let crc = ZipCRC.crc32(data, continuing: prefix.withUnsafeBytes { ZipCRC.crc32($0) })
                    let size = prefix.count + data.count
                    let local = zip.localHeader(name: member, method: 0, crc32: crc, compressedSize: size,
                                                uncompressedSize: size)
                    try local.withUnsafeBytes { try emit($0) }
                    try prefix.withUnsafeBytes { try emit($0) }
                    try emit(data)
                }
            }
        }
        try zip.directory().withUnsafeBytes { try emit($0) }
    }

    /// Reads every `.npy` member; stored members of a mapped file may alias the mapping.
    private static func decodeArchive(_ bytes: UnsafeRawBufferPointer, file: String, mapping: MappedFile?) throws -> [String: Tensor] {
        let zip: ZipReader
        do {
            zip = try ZipReader(bytes)
        } catch {
            throw archiveError(error, file: file)
        }
        var arrays: [String: Tensor] = [:]
        for entry in zip.entries where entry.name.hasSuffix(".npy") {
            let name = String(entry.name.dropLast(4))
            guard arrays[name] == nil else {
                throw NumPyError(.duplicateName, file: file, member: name, offset: entry.directoryOffset,
                                 "the archive has two members named \"\(entry.name)\"")
            }
            do {
                arrays[name] = try zip.withContents(of: entry) { contents in
                    try decode(contents, file: file, mapping: entry.method == 0 ? mapping : nil)
                }
            } catch let error as ZipReader.Failure {
                throw archiveError(error, file: file)
            } catch let error as NumPyError {
                throw error.inMember(name, file: file)
            }
        }
        return arrays
    }

    private static func archiveError(_ failure: ZipReader.Failure, file: String) -> NumPyError {
        let member = failure.member.map { $0.hasSuffix(".npy") ? String($0.dropLast(4)) : $0 }
        return NumPyError(failure.isChecksum ? .checksumMismatch : .invalidArchive, file: file, member: member,
                          offset: failure.offset, failure.reason)
    }
}
