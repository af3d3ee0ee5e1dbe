/// The tensors of a file (safetensors, `.npz`, a checkpoint part) as `kiln inspect` lists them:
/// name, dtype, shape and size of each, and the totals.
struct TensorListing: Equatable {
    struct Entry: Equatable {
        var name: String
        /// The dtype as the file names it (`F32` in safetensors, `float32` in NumPy files).
        var dtype: String
        var shape: [Int]
        var byteCount: Int

        var elementCount: Int { shape.reduce(1, *) }
    }

    var entries: [Entry]

    var parameterCount: Int { entries.reduce(0) { $0 + $1.elementCount } }
    var byteCount: Int { entries.reduce(0) { $0 + $1.byteCount } }

    /// `{"tensors": [{name, dtype, shape, parameters, bytes}], "total": {tensors, parameters, bytes}}`.
    var jsonMembers: [String: JSONValue] {
        [
            "tensors": .array(entries.map { entry in
                ["name": .string(entry.name), "dtype": .string(entry.dtype), "shape": JSONValue(entry.shape),
                 "parameters": JSONValue(entry.elementCount), "bytes": JSONValue(entry.byteCount)]
            }),
            "total": ["tensors": JSONValue(entries.count), "parameters": JSONValue(parameterCount),
                      "bytes": JSONValue(byteCount)],
        ]
    }

    /// The table of tensors and a line of totals.
    func text(indent: String = "") -> String {
        var table = TextTable(["name", "dtype", "shape", "parameters", "bytes"], rightAligned: ["parameters", "bytes"])
        for entry in entries {
            table.append([entry.name, entry.dtype, Format.shape(entry.shape), Format.grouped(entry.elementCount),
                          Format.grouped(entry.byteCount)])
        }
        let noun = entries.count == 1 ? "tensor" : "tensors"
        let total = "\(indent)total: \(Format.grouped(entries.count)) \(noun), \(Format.grouped(parameterCount)) parameters, "
            + "\(Format.grouped(byteCount)) bytes (\(Format.bytes(byteCount)))"
        return entries.isEmpty ? total : table.rendered(indent: indent) + "\n" + total
    }
}
