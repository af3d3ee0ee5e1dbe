import Foundation

/// A JSON value: what `kiln … --json` prints and what it reads from a run's JSON files.
/// Objects print with their keys sorted, so the output of a command is stable from run to run.
enum JSONValue: Equatable, Sendable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// Parses JSON text, also accepting the bare `NaN` and `Infinity` that Python's `json` writes.
    /// Throws `CommandError` naming `source` for anything else that is not JSON.
    init(parsing data: Data, source: String) throws {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true
        do {
            self = try decoder.decode(JSONValue.self, from: data)
        } catch {
            throw CommandError("\(source): not valid JSON (\(errorMessage(error)))")
        }
    }

    /// The JSON text: with `pretty`, two-space indentation and one member per line.
    func rendered(pretty: Bool = true) -> String {
        var out = ""
        write(to: &out, indent: pretty ? "" : nil)
        return out
    }

    /// A short rendering for tables: the compact JSON when it fits in `limit` characters, else a
    /// summary (`{5 keys: epoch, step, …}`, `[300 items]`). Strings print without quotes.
    func compact(limit: Int = 60) -> String {
        if case .string(let text) = self { return text }
        let full = rendered(pretty: false)
        if full.count <= limit { return full }
        switch self {
        case .array(let items):
            return "[\(items.count) items]"
        case .object(let members):
            var names = ""
            for key in members.keys.sorted() {
                let next = names.isEmpty ? key : names + ", " + key
                if next.count > limit - 12 { names += ", …"; break }
                names = next
            }
            return "{\(members.count) keys: \(names)}"
        default:
            return String(full.prefix(limit - 1)) + "…"
        }
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }

    /// The value as an integer when it is one (or a float with an integral value).
    var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .number(let value) where value.rounded() == value && abs(value) < 9.0e18: Int64(value)
        default: nil
        }
    }

    var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .integer(let value): out += String(value)
        case .number(let value): out += value.isFinite ? "\(value)" : "null"
        case .string(let text): Self.writeString(text, to: &out)
        case .array(let items):
            writeContainer(items, open: "[", close: "]", to: &out, indent: indent) { item, out, inner in
                item.write(to: &out, indent: inner)
            }
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            writeContainer(sorted, open: "{", close: "}", to: &out, indent: indent) { member, out, inner in
                Self.writeString(member.key, to: &out)
                out += inner == nil ? ":" : ": "
                member.value.write(to: &out, indent: inner)
            }
        }
    }

    private func writeContainer<T>(_ items: [T], open: String, close: String, to out: inout String, indent: String?,
                                   element: (T, inout String, String?) -> Void) {
        out += open
        guard !items.isEmpty else { out += close; return }
        let inner = indent.map { $0 + "  " }
        for (i, item) in items.enumerated() {
            if i > 0 { out += "," }
            if let inner { out += "\n" + inner }
            element(item, &out, inner)
        }
        if let indent { out += "\n" + indent }
        out += close
    }

    private static func writeString(_ text: String, to out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

extension JSONValue: Decodable {
    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int64) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, JSONValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { $1 }))
    }

    init(_ value: Int) { self = .integer(Int64(value)) }
    init(_ values: [Int]) { self = .array(values.map { JSONValue($0) }) }
    init(_ value: String?) { self = value.map { .string($0) } ?? .null }
}
