/// A value of the small Python literal language `.npy` headers are written in (what NumPy reads
/// with `ast.literal_eval`).
indirect enum PythonLiteral: Equatable {
    case string(String)
    /// nil when the integer does not fit in `Int`.
    case integer(Int?)
    case bool(Bool)
    case none
    case tuple([PythonLiteral])
    case list([PythonLiteral])
    case dict([PythonLiteral])
}

/// Parses Python literals: strings in single or double quotes (with backslash escapes), integers
/// (a Python 2 `L` suffix allowed), True/False/None, tuples, lists and dicts, nested at most
/// `maxDepth` deep. Linear in the input; never traps on any bytes.
struct PythonLiteralParser {
    struct Failure: Error {
        /// Offset of the problem, counted like the `base` given to the parser.
        let offset: Int
        let reason: String
    }

    static let maxDepth = 32

    private let text: UnsafeRawBufferPointer
    private let base: Int
    private var position = 0

    /// A parser of `text`, whose first byte is at offset `base` of the file (for messages).
    init(_ text: UnsafeRawBufferPointer, base: Int) {
        self.text = text
        self.base = base
    }

    /// The whole text as one dict whose keys are strings, with only whitespace after it.
    mutating func parseHeaderDict() throws(Failure) -> [(key: String, value: PythonLiteral)] {
        skipSpace()
        let start = position
        guard case .dict(let flat) = try parseValue(depth: 0) else {
            throw Failure(offset: base + start, reason: "it does not start with '{'")
        }
        skipSpace()
        guard position == text.count else { throw fail("unexpected text after the closing '}'") }
        var entries: [(key: String, value: PythonLiteral)] = []
        var index = 0
        while index + 1 < flat.count {
            guard case .string(let key) = flat[index] else {
                throw Failure(offset: base + start, reason: "a key is not a string")
            }
            guard !entries.contains(where: { $0.key == key }) else {
                throw Failure(offset: base + start, reason: "the key '\(key)' appears twice")
            }
            entries.append((key, flat[index + 1]))
            index += 2
        }
        return entries
    }

    private func fail(_ reason: String) -> Failure {
        Failure(offset: base + position, reason: reason)
    }

    private var current: UInt8? { position < text.count ? text[position] : nil }

    private mutating func skipSpace() {
        while let c = current, c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
            position += 1
        }
    }

    private mutating func parseValue(depth: Int) throws(Failure) -> PythonLiteral {
        guard depth < Self.maxDepth else { throw fail("nested more than \(Self.maxDepth) levels deep") }
        skipSpace()
        guard let c = current else { throw fail("the text ends where a value should be") }
        switch c {
        case UInt8(ascii: "{"):
            return .dict(try parseSequence(close: UInt8(ascii: "}"), depth: depth, pairs: true).items)
        case UInt8(ascii: "("):
            let (items, sawComma) = try parseSequence(close: UInt8(ascii: ")"), depth: depth, pairs: false)
            return items.count == 1 && !sawComma ? items[0] : .tuple(items)
        case UInt8(ascii: "["):
            return .list(try parseSequence(close: UInt8(ascii: "]"), depth: depth, pairs: false).items)
        case UInt8(ascii: "'"), UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "u") where position + 1 < text.count && (text[position + 1] == 0x27 || text[position + 1] == 0x22):
            position += 1
            return .string(try parseString())
        case UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try parseInteger())
        default:
            let start = position
            while let c = current, Self.isIdentifier(c) { position += 1 }
            let word = String(decoding: UnsafeRawBufferPointer(rebasing: text[start..<position]), as: UTF8.self)
            switch word {
            case "True": return .bool(true)
            case "False": return .bool(false)
            case "None": return .none
            default:
                position = start
                throw fail(word.isEmpty ? "unexpected character '\(Self.printable(c))'" : "unexpected name '\(word)'")
            }
        }
    }

    /// Items up to `close`, separated by commas, a trailing comma allowed; for dicts, `key: value`
    /// pairs returned flat. Also says whether a comma was seen (`(x)` is x, `(x,)` a tuple).
    private mutating func parseSequence(close: UInt8, depth: Int, pairs: Bool) throws(Failure)
        -> (items: [PythonLiteral], sawComma: Bool) {
        position += 1
        var items: [PythonLiteral] = []
        var sawComma = false
        while true {
            skipSpace()
            guard let c = current else { throw fail("the text ends before the closing '\(Self.printable(close))'") }
            if c == close {
                position += 1
                break
            }
            if !items.isEmpty {
                guard c == UInt8(ascii: ",") else { throw fail("expected ',' or '\(Self.printable(close))'") }
                position += 1
                sawComma = true
                skipSpace()
                if current == close {
                    position += 1
                    break
                }
            }
            items.append(try parseValue(depth: depth + 1))
            if pairs {
                skipSpace()
                guard current == UInt8(ascii: ":") else { throw fail("expected ':' after a dict key") }
                position += 1
                items.append(try parseValue(depth: depth + 1))
            }
        }
        return (items, sawComma)
    }

    private mutating func parseString() throws(Failure) -> String {
        let quote = text[position]
        position += 1
        var bytes: [UInt8] = []
        while true {
            guard let c = current else { throw fail("a string is not closed") }
            position += 1
            if c == quote { break }
            if c == 0x0A { throw fail("a line break inside a string") }
            guard c == UInt8(ascii: "\\") else {
                bytes.append(c)
                continue
            }
            guard let e = current else { throw fail("a string is not closed") }
            position += 1
            switch e {
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "0"): bytes.append(0)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): bytes.append(e)
            default:
                // Python keeps unknown escapes as written.
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(e)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func parseInteger() throws(Failure) -> Int? {
        var negative = false
        if current == UInt8(ascii: "-") || current == UInt8(ascii: "+") {
            negative = current == UInt8(ascii: "-")
            position += 1
            skipSpace()
        }
        let start = position
        var value: Int? = 0
        while let c = current, c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
            if let v = value {
                let (times, o1) = v.multipliedReportingOverflow(by: 10)
                let (sum, o2) = times.addingReportingOverflow(Int(c - UInt8(ascii: "0")))
                value = o1 || o2 ? nil : sum
            }
            position += 1
        }
        guard position > start else { throw fail("a sign without digits") }
        if let c = current, c == UInt8(ascii: "L") || c == UInt8(ascii: "l") { position += 1 }
        if let c = current, Self.isIdentifier(c) || c == UInt8(ascii: ".") {
            throw fail("a number that is not an integer")
        }
        return value.map { negative ? -$0 : $0 }
    }

    private static func isIdentifier(_ c: UInt8) -> Bool {
        (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
            || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_")
    }

    private static func printable(_ c: UInt8) -> String {
        c >= 0x20 && c < 0x7F ? String(UnicodeScalar(c)) : "\\x" + String(c, radix: 16)
    }
}
