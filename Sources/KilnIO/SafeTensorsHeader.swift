/// The parsed and validated header of a safetensors file:
/// `[u64 little-endian N][N bytes of UTF-8 JSON][data buffer]`.
///
/// Validation follows the reference reader (`tensor.rs` of safetensors 0.8.0): header length at
/// most 100,000,000 bytes and inside the file, a UTF-8 JSON object, every tensor entry with a
/// known dtype, a shape of non-negative integers and two data offsets, tensors tiling the buffer
/// in order without gaps or overlaps, each holding exactly shape × dtype size bytes, and the buffer
/// ending exactly at the end of the file. Kiln is stricter in one respect: a name that appears
/// twice is an error (the reference keeps the last entry).
struct SafeTensorsHeader {
    struct Entry {
        let name: String
        let dtype: SafeTensorsDType
        let shape: [Int]
        /// Byte range in the data buffer (`data_offsets`).
        let begin: Int
        let end: Int
    }

    static let maxHeaderLength = 100_000_000

    /// The tensors in the order of their data in the buffer.
    let entries: [Entry]
    /// The `__metadata__` map; nil when the header has none (or has `null`).
    let metadata: [String: String]?
    /// Offset of the data buffer from the start of the file: 8 + N.
    let dataStart: Int

    /// Parses the header of `file`, the complete contents of a safetensors file; `name` is the
    /// path (or "<memory>") for messages.
    init(parsing file: UnsafeRawBufferPointer, name: String) throws(SafeTensorsError) {
        func fail(_ kind: SafeTensorsError.Kind, tensor: String? = nil, _ reason: String) -> SafeTensorsError {
            SafeTensorsError(kind, file: name, tensor: tensor, reason)
        }
        guard file.count >= 8 else {
            throw fail(.headerTooSmall, "the file is \(file.count) bytes, shorter than the 8-byte header length that starts a safetensors file")
        }
        var length: UInt64 = 0
        for i in 0..<8 { length |= UInt64(file[i]) << (8 * i) }
        guard length <= UInt64(Self.maxHeaderLength) else {
            throw fail(.headerTooLarge, "the header length field says \(length) bytes, above the format's limit of \(Self.maxHeaderLength) (not a safetensors file?)")
        }
        let headerLength = Int(length)
        guard headerLength <= file.count - 8 else {
            throw fail(.invalidHeaderLength, "the header length field says \(headerLength) bytes, but only \(file.count - 8) bytes follow it (truncated file?)")
        }
        let headerBytes = UnsafeRawBufferPointer(rebasing: file[8..<(8 + headerLength)])
        guard String(validating: headerBytes, as: UTF8.self) != nil else {
            throw fail(.invalidJSON, "the header is not valid UTF-8")
        }
        let json: JSONValue
        do {
            json = try JSONParser.parse(headerBytes)
        } catch {
            throw fail(.invalidJSON, "the header is not valid JSON: \(error.message) at byte \(error.offset) of the header")
        }
        guard case .object(let members) = json else {
            throw fail(.invalidHeader, "the header must be a JSON object, found \(json.typeName)")
        }

        var metadata: [String: String]? = nil
        var sawMetadata = false
        var names = Set<String>()
        var entries: [Entry] = []
        for (key, value) in members {
            if key == "__metadata__" {
                guard !sawMetadata else { throw fail(.duplicateKey, "\"__metadata__\" appears twice in the header") }
                sawMetadata = true
                metadata = try Self.parseMetadata(value, fail: fail)
                continue
            }
            guard names.insert(key).inserted else {
                throw fail(.duplicateKey, tensor: key, "the tensor name appears twice in the header")
            }
            entries.append(try Self.parseEntry(key, value, fail: fail))
        }

        // Order by data offsets (the JSON order does not matter), then check the tiling.
        let ordered = entries.enumerated().sorted { a, b in
            (a.element.begin, a.element.end, a.offset) < (b.element.begin, b.element.end, b.offset)
        }.map(\.element)
        var position = 0
        for entry in ordered {
            let offsets = "data_offsets [\(entry.begin), \(entry.end)]"
            guard entry.begin == position, entry.end >= entry.begin else {
                let reason = entry.end < entry.begin ? "\(offsets) end before they begin"
                    : entry.begin > position ? "\(offsets) leave a gap: the data before them ends at byte \(position)"
                    : "\(offsets) overlap the previous tensor, whose data ends at byte \(position)"
                throw fail(.invalidOffset, tensor: entry.name, reason)
            }
            position = entry.end
            var elements = 1
            for size in entry.shape {
                let (product, overflow) = elements.multipliedReportingOverflow(by: size)
                guard !overflow else {
                    throw fail(.overflow, tensor: entry.name, "shape \(entry.shape) has more elements than can be addressed")
                }
                elements = product
            }
            let (bits, overflow) = elements.multipliedReportingOverflow(by: entry.dtype.bitSize)
            guard !overflow else {
                throw fail(.overflow, tensor: entry.name, "shape \(entry.shape) of \(entry.dtype) takes more bytes than can be addressed")
            }
            guard bits % 8 == 0 else {
                throw fail(.misalignedSlice, tensor: entry.name, "\(elements) elements of \(entry.dtype) do not end on a byte boundary")
            }
            guard bits / 8 == entry.end - entry.begin else {
                throw fail(.sizeMismatch, tensor: entry.name,
                           "shape \(entry.shape) of \(entry.dtype) needs \(bits / 8) bytes, but \(offsets) hold \(entry.end - entry.begin)")
            }
        }
        let dataLength = file.count - 8 - headerLength
        guard position == dataLength else {
            throw fail(.incompleteBuffer, position > dataLength
                ? "the tensors need \(position) bytes of data, but only \(dataLength) follow the header (truncated file?)"
                : "\(dataLength) bytes of data follow the header, but the tensors use only \(position)")
        }
        self.entries = ordered
        self.metadata = metadata
        self.dataStart = 8 + headerLength
    }

    private static func parseMetadata(
        _ value: JSONValue, fail: (SafeTensorsError.Kind, String?, String) -> SafeTensorsError
    ) throws(SafeTensorsError) -> [String: String]? {
        switch value {
        case .null:
            return nil
        case .object(let pairs):
            var metadata: [String: String] = [:]
            for (key, item) in pairs {
                guard case .string(let text) = item else {
                    throw fail(.invalidHeader, nil, "__metadata__ values must be strings, but \"\(key)\" is \(item.typeName)")
                }
                guard metadata.updateValue(text, forKey: key) == nil else {
                    throw fail(.duplicateKey, nil, "the __metadata__ key \"\(key)\" appears twice")
                }
            }
            return metadata
        default:
            throw fail(.invalidHeader, nil, "__metadata__ must be an object of strings, found \(value.typeName)")
        }
    }

    private static func parseEntry(
        _ name: String, _ value: JSONValue, fail: (SafeTensorsError.Kind, String?, String) -> SafeTensorsError
    ) throws(SafeTensorsError) -> Entry {
        guard case .object(let fields) = value else {
            throw fail(.invalidHeader, name, "the entry must be an object with dtype, shape and data_offsets, found \(value.typeName)")
        }
        var dtype: SafeTensorsDType?
        var shape: [Int]?
        var offsets: [Int]?
        var seen = Set<String>()
        for (key, field) in fields {
            // Other fields are ignored, as the reference reader ignores them.
            guard ["dtype", "shape", "data_offsets"].contains(key) else { continue }
            guard seen.insert(key).inserted else { throw fail(.duplicateKey, name, "the field \"\(key)\" appears twice") }
            switch key {
            case "dtype":
                guard case .string(let text) = field else {
                    throw fail(.invalidHeader, name, "dtype must be a string, found \(field.typeName)")
                }
                guard let known = SafeTensorsDType(rawValue: text) else {
                    let all = SafeTensorsDType.allCases.map(\.rawValue).joined(separator: ", ")
                    throw fail(.unknownDType, name, "unknown dtype \"\(text)\"; the format's dtypes are \(all)")
                }
                dtype = known
            case "shape":
                shape = try sizes(field, what: "shape", name: name, fail: fail)
            default:
                let pair = try sizes(field, what: "data_offsets", name: name, fail: fail)
                guard pair.count == 2 else {
                    throw fail(.invalidHeader, name, "data_offsets must hold two integers [begin, end], found \(pair.count)")
                }
                offsets = pair
            }
        }
        guard let dtype else { throw fail(.invalidHeader, name, "the entry has no \"dtype\"") }
        guard let shape else { throw fail(.invalidHeader, name, "the entry has no \"shape\"") }
        guard let offsets else { throw fail(.invalidHeader, name, "the entry has no \"data_offsets\"") }
        return Entry(name: name, dtype: dtype, shape: shape, begin: offsets[0], end: offsets[1])
    }

    /// An array of non-negative integers that fit in Int.
    private static func sizes(
        _ value: JSONValue, what: String, name: String, fail: (SafeTensorsError.Kind, String?, String) -> SafeTensorsError
    ) throws(SafeTensorsError) -> [Int] {
        guard case .array(let items) = value else {
            throw fail(.invalidHeader, name, "\(what) must be an array of non-negative integers, found \(value.typeName)")
        }
        var result: [Int] = []
        result.reserveCapacity(items.count)
        for item in items {
            guard case .number(let text, let integer) = item else {
                throw fail(.invalidHeader, name, "\(what) must hold non-negative integers, found \(item.typeName)")
            }
            let isDigits = text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard isDigits else {
                throw fail(.invalidHeader, name, "\(what) must hold non-negative integers, found \(text)")
            }
            guard let integer, integer <= UInt64(Int.max) else {
                throw fail(.overflow, name, "\(what) value \(text) is too large")
            }
            result.append(Int(integer))
        }
        return result
    }
}
