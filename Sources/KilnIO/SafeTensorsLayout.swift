import Kiln

/// What the writer puts in a file, laid out as the reference writer (safetensors 0.8.0) does, so
/// the same tensors and metadata give the same bytes: tensors ordered by the format's dtype order
/// descending (U64, I64, F64, …, F32, I32, BF16, F16, …, U8, BOOL — which also keeps every
/// tensor aligned to its element size), then by name (byte order); a compact JSON header with
/// `__metadata__` first and each entry's fields in the order dtype, shape, data_offsets; the header
/// padded with spaces to a multiple of 8 bytes.
///
/// The one freedom: the reference writes metadata keys in hash-map order, which changes from run
/// to run; Kiln writes them sorted by key, so with at most one key the bytes are identical.
struct SafeTensorsLayout {
    /// The 8-byte length and the padded header.
    let prefix: [UInt8]
    /// The tensors, in file order, contiguous.
    let tensors: [Tensor]
    /// The size of the whole file.
    let totalCount: Int

    init(_ tensors: [String: Tensor], metadata: [String: String]?) {
        let ordered = tensors.map { (name: $0.key, tensor: $0.value, dtype: SafeTensorsDType($0.value.dtype)) }
            .sorted { a, b in
                a.dtype != b.dtype ? a.dtype.rank > b.dtype.rank : a.name.utf8.lexicographicallyPrecedes(b.name.utf8)
            }
        var json: [UInt8] = [UInt8(ascii: "{")]
        var first = true
        func separate() {
            if !first { json.append(UInt8(ascii: ",")) }
            first = false
        }
        if let metadata {
            separate()
            JSONWriter.appendString("__metadata__", to: &json)
            json.append(contentsOf: Array(":{".utf8))
            for (i, key) in metadata.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }).enumerated() {
                if i > 0 { json.append(UInt8(ascii: ",")) }
                JSONWriter.appendString(key, to: &json)
                json.append(UInt8(ascii: ":"))
                JSONWriter.appendString(metadata[key] ?? "", to: &json)
            }
            json.append(UInt8(ascii: "}"))
        }
        var offset = 0
        for entry in ordered {
            require(entry.name != "__metadata__",
                    "SafeTensors.save: \"__metadata__\" is reserved for the metadata and cannot name a tensor")
            let byteCount = entry.tensor.count * entry.tensor.dtype.byteSize
            separate()
            JSONWriter.appendString(entry.name, to: &json)
            json.append(contentsOf: Array(":{\"dtype\":".utf8))
            JSONWriter.appendString(entry.dtype.rawValue, to: &json)
            json.append(contentsOf: Array(",\"shape\":[".utf8))
            for (i, size) in entry.tensor.shape.enumerated() {
                if i > 0 { json.append(UInt8(ascii: ",")) }
                JSONWriter.appendInteger(size, to: &json)
            }
            json.append(contentsOf: Array("],\"data_offsets\":[".utf8))
            JSONWriter.appendInteger(offset, to: &json)
            json.append(UInt8(ascii: ","))
            JSONWriter.appendInteger(offset + byteCount, to: &json)
            json.append(contentsOf: Array("]}".utf8))
            offset += byteCount
        }
        json.append(UInt8(ascii: "}"))
        while json.count % 8 != 0 { json.append(UInt8(ascii: " ")) }

        var prefix: [UInt8] = []
        prefix.reserveCapacity(8 + json.count)
        for i in 0..<8 { prefix.append(UInt8(truncatingIfNeeded: UInt64(json.count) >> (8 * i))) }
        prefix.append(contentsOf: json)
        self.prefix = prefix
        self.tensors = ordered.map(\.tensor)
        self.totalCount = prefix.count + offset
    }
}
