import Foundation
import KilnIO

/// A safetensors file: its tensors in file order, its metadata and totals.
///
/// The file is validated by KilnIO's reader (`SafeTensors.read`), so a truncated or damaged file
/// is an error; the listing comes from the header, so tensors of dtypes Kiln does not compute in
/// (I8, F8_E4M3, …) are listed too.
struct SafeTensorsInspection: InspectionReport {
    var path: String
    var fileSize: Int
    var tensors: TensorListing
    var metadata: [String: String]?

    init(path: String) throws {
        do {
            _ = try SafeTensors.read(path)
        } catch let error as SafeTensorsError where error.kind == .unsupportedDType {
            // The header was fully validated before this error; the listing shows the dtype.
        }
        let file = try InputFile(path)
        self.path = path
        fileSize = file.size
        let lengthBytes = try file.readExactly(8)
        let length = lengthBytes.enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        let header = try JSONValue(parsing: Data(try file.readExactly(length)), source: path)
        guard case .object(let members) = header else { throw Self.unexpected(path) }
        var entries: [(begin: Int, entry: TensorListing.Entry)] = []
        for (name, value) in members where name != "__metadata__" {
            guard let dtype = value["dtype"]?.stringValue,
                  case .array(let sizes) = value["shape"], case .array(let offsets) = value["data_offsets"],
                  offsets.count == 2, let begin = offsets[0].integerValue, let end = offsets[1].integerValue
            else { throw Self.unexpected(path) }
            let shape = sizes.compactMap { $0.integerValue.map(Int.init) }
            entries.append((Int(begin), TensorListing.Entry(name: name, dtype: dtype, shape: shape, byteCount: Int(end - begin))))
        }
        tensors = TensorListing(entries: entries.sorted { ($0.begin, $0.entry.name) < ($1.begin, $1.entry.name) }.map(\.entry))
        if case .object(let pairs) = members["__metadata__"] {
            metadata = pairs.compactMapValues(\.stringValue)
        }
    }

    private static func unexpected(_ path: String) -> CommandError {
        CommandError("\(path): the safetensors header has an unexpected layout")
    }

    var json: JSONValue {
        var object = tensors.jsonMembers
        object["format"] = "safetensors"
        object["path"] = .string(path)
        object["file_bytes"] = JSONValue(fileSize)
        object["metadata"] = metadata.map { .object($0.mapValues { .string($0) }) } ?? .null
        return .object(object)
    }

    var text: String {
        "safetensors  \(path)  (\(Format.bytes(fileSize)))\n" + Self.metadataLine(metadata) + "\n\n" + tensors.text()
    }

    /// `metadata: format=pt, …` or `metadata: none`.
    static func metadataLine(_ metadata: [String: String]?, indent: String = "") -> String {
        guard let metadata, !metadata.isEmpty else { return indent + "metadata: none" }
        return indent + "metadata: " + metadata.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
    }
}

extension InputFile {
    /// The next `count` bytes; throws when the file ends first.
    func readExactly(_ count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        var filled = 0
        while filled < count {
            let n = try bytes.withUnsafeMutableBytes { try read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            guard n > 0 else { throw CommandError("\(path): the file ends after \(filled) of \(count) bytes") }
            filled += n
        }
        return bytes
    }
}
