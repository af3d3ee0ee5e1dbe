import Foundation
import Kiln
import KilnIO

/// A `.npy` file: the array's dtype (NumPy's name and `descr`), shape, memory order and size.
///
/// The file is validated by KilnIO's reader (`NumPy.load`); the facts come from the header, so
/// arrays of dtypes Kiln does not compute in (`|i1`, `<u2`, …) are described too.
struct NumPyInspection: InspectionReport {
    var path: String
    var fileSize: Int
    var header: NumPyHeaderFields

    init(path: String) throws {
        do {
            _ = try NumPy.load(path)
        } catch let error as NumPyError where error.kind == .unsupportedDType {
            // The header was read before the dtype was refused; it is described below.
        }
        let file = try InputFile(path)
        self.path = path
        fileSize = file.size
        let start = try file.readExactly(10)
        let lengthSize = start[6] == 1 ? 2 : 4
        let lengthBytes = lengthSize == 2 ? Array(start[8..<10]) : Array(start[8..<10]) + (try file.readExactly(2))
        let length = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let text = String(decoding: try file.readExactly(length), as: UTF8.self)
        guard let fields = NumPyHeaderFields(text) else {
            throw CommandError("\(path): the .npy header has an unexpected layout")
        }
        header = fields
        // KilnIO checks the size and the data's length too, but not for the dtypes it refuses.
        guard fields.fitsInMemory else {
            throw CommandError("\(path): shape \(Format.shape(fields.shape)) of '\(fields.descr)' is too large to address")
        }
        let dataStart = 8 + lengthSize + length
        guard file.size - dataStart >= fields.byteCount else {
            throw CommandError("\(path): the array needs \(fields.byteCount) bytes of data after the header, but only "
                               + "\(file.size - dataStart) follow (truncated file?)")
        }
    }

    var json: JSONValue {
        [
            "format": "npy", "path": .string(path), "file_bytes": JSONValue(fileSize),
            "dtype": .string(header.dtypeName), "descr": .string(header.descr), "shape": JSONValue(header.shape),
            "order": header.fortranOrder ? "F" : "C", "elements": JSONValue(header.elementCount),
            "bytes": JSONValue(header.byteCount),
        ]
    }

    var text: String {
        let lines = TextTable.pairs([
            ("dtype", "\(header.dtypeName) ('\(header.descr)', \(header.byteOrder))"),
            ("shape", Format.shape(header.shape)),
            ("order", header.fortranOrder ? "F (Fortran, column-major)" : "C (row-major)"),
            ("elements", Format.grouped(header.elementCount)),
            ("bytes", "\(Format.grouped(header.byteCount)) (\(Format.bytes(header.byteCount)))"),
        ])
        return "npy  \(path)  (\(Format.bytes(fileSize)))\n\n" + lines
    }
}

/// The fields of a `.npy` header dict, `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }`,
/// read from a header KilnIO has already validated.
struct NumPyHeaderFields: Equatable {
    var descr: String
    var fortranOrder: Bool
    var shape: [Int]

    init?(_ text: String) {
        guard let descr = Self.value(after: "'descr':", in: text).flatMap(Self.quoted),
              let order = Self.value(after: "'fortran_order':", in: text),
              let shapeText = Self.value(after: "'shape':", in: text), shapeText.hasPrefix("("),
              let close = shapeText.firstIndex(of: ")")
        else { return nil }
        self.descr = descr
        fortranOrder = order.hasPrefix("True")
        let sizes = shapeText[shapeText.index(after: shapeText.startIndex)..<close]
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var shape: [Int] = []
        for size in sizes {
            guard let value = Int(size.hasSuffix("L") ? String(size.dropLast()) : size) else { return nil }
            shape.append(value)
        }
        self.shape = shape
    }

    var elementCount: Int { shape.reduce(1, *) }

    /// Whether the byte count of the array can be represented (checked before computing it).
    var fitsInMemory: Bool {
        var total = Swift.max(itemSize, 1)
        for size in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            if overflow { return false }
            total = product
        }
        return true
    }

    /// Bytes per element, from the digits of the descr (`<f4` → 4; `<U3` holds 3 UCS-4 characters).
    var itemSize: Int {
        let count = Int(descr.drop { !$0.isNumber }) ?? 0
        return descr.contains("U") ? count * 4 : count
    }

    var byteCount: Int { elementCount * itemSize }

    /// NumPy's name of the dtype: `float32`, `int8`, `bool`, `complex64`; the descr for others.
    var dtypeName: String {
        let body = descr.drop { "<>|=".contains($0) }
        guard let kind = body.first else { return descr }
        let bits = itemSize * 8
        switch kind {
        case "f": return "float\(bits)"
        case "i": return "int\(bits)"
        case "u": return "uint\(bits)"
        case "c": return "complex\(bits)"
        case "b" where itemSize == 1: return "bool"
        default: return descr
        }
    }

    var byteOrder: String {
        switch descr.first {
        case "<": "little-endian"
        case ">": itemSize > 1 ? "big-endian" : "no byte order"
        case "|": "no byte order"
        default: "native byte order"
        }
    }

    /// The text after `key` (leading spaces skipped).
    private static func value(after key: String, in text: String) -> Substring? {
        guard let range = text.range(of: key) else { return nil }
        return text[range.upperBound...].drop { $0 == " " }
    }

    /// The contents of the quoted string at the start of `text`.
    private static func quoted(_ text: Substring) -> String? {
        guard let quote = text.first, quote == "'" || quote == "\"" else { return nil }
        let rest = text.dropFirst()
        guard let end = rest.firstIndex(of: quote) else { return nil }
        return String(rest[..<end])
    }
}

/// A `.npz` archive: each array (by name) as for safetensors, whether it is compressed, totals.
struct NumPyArchiveInspection: InspectionReport {
    var path: String
    var fileSize: Int
    var compressed: Bool?
    var arrays: TensorListing

    init(path: String) throws {
        let loaded = try NumPy.loadArchive(path)
        let file = try InputFile(path)
        self.path = path
        fileSize = file.size
        // The first local file header's method field: 0 stored (np.savez), 8 deflated (savez_compressed).
        if file.size >= 10 {
            let head = try file.readExactly(10)
            if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) { compressed = head[8] != 0 || head[9] != 0 }
        }
        arrays = TensorListing(entries: loaded.sorted { $0.key < $1.key }.map { name, tensor in
            TensorListing.Entry(name: name, dtype: tensor.dtype.rawValue, shape: tensor.shape,
                                byteCount: tensor.count * tensor.dtype.byteSize)
        })
    }

    var json: JSONValue {
        var object = arrays.jsonMembers
        object["format"] = "npz"
        object["path"] = .string(path)
        object["file_bytes"] = JSONValue(fileSize)
        object["compressed"] = compressed.map { .bool($0) } ?? .null
        return .object(object)
    }

    var text: String {
        let kind = compressed.map { $0 ? ", compressed" : ", stored" } ?? ""
        return "npz  \(path)  (\(Format.bytes(fileSize))\(kind))\n\n" + arrays.text()
    }
}
