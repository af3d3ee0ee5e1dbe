/// Reading numbers, booleans and UTF-8 text out of CSV field bytes without making strings.
enum CSVFieldParsing {
    /// A decimal number as pandas reads one: optional spaces around, an optional sign, digits
    /// with an optional fraction and exponent ("12", "-3.5", ".5", "1e-3"), or inf, infinity and
    /// nan in any case. Hexadecimal and thousands separators are not numbers.
    static func number(_ field: UnsafeBufferPointer<UInt8>) -> Double? {
        var start = 0, end = field.count
        while start < end && (field[start] == 32 || field[start] == 9) { start += 1 }
        while end > start && (field[end - 1] == 32 || field[end - 1] == 9) { end -= 1 }
        guard start < end else { return nil }
        var i = start
        var negative = false
        if field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+") {
            negative = field[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < end else { return nil }
        if !isDigit(field[i]) && field[i] != UInt8(ascii: ".") {
            return special(UnsafeBufferPointer(rebasing: field[i..<end])).map { negative ? -$0 : $0 }
        }
        // Up to 19 significant digits go into `mantissa`; further ones only move the exponent.
        var mantissa: UInt64 = 0
        var exponent = 0
        var digits = 0
        var exact = true
        while i < end && isDigit(field[i]) {
            accumulate(field[i], into: &mantissa, exponent: &exponent, exact: &exact, fraction: false)
            digits += 1
            i += 1
        }
        if i < end && field[i] == UInt8(ascii: ".") {
            i += 1
            while i < end && isDigit(field[i]) {
                accumulate(field[i], into: &mantissa, exponent: &exponent, exact: &exact, fraction: true)
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < end && (field[i] == UInt8(ascii: "e") || field[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < end && (field[i] == UInt8(ascii: "-") || field[i] == UInt8(ascii: "+")) {
                exponentNegative = field[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0, count = 0
            while i < end && isDigit(field[i]) {
                if written < 100_000 { written = written * 10 + Int(field[i] - 48) }
                count += 1
                i += 1
            }
            guard count > 0 else { return nil }
            exponent += exponentNegative ? -written : written
        }
        guard i == end else { return nil }
        // Exact fast path (Clinger): an exact mantissa and power of ten give a correctly
        // rounded result in one operation; otherwise the standard library's correctly rounded parser.
        if exact && mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            let m = Double(mantissa)
            let value = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
            return negative ? -value : value
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: field[start..<end]), as: UTF8.self)
        return Double(text)
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    @inline(__always)
    private static func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    @inline(__always)
    private static func accumulate(_ c: UInt8, into mantissa: inout UInt64, exponent: inout Int, exact: inout Bool, fraction: Bool) {
        if mantissa < 1_000_000_000_000_000_000 {
            mantissa = mantissa * 10 + UInt64(c - 48)
            if fraction { exponent -= 1 }
        } else {
            if c != 48 { exact = false }
            if !fraction { exponent += 1 }
        }
    }

    /// inf, infinity and nan (any case).
    private static func special(_ word: UnsafeBufferPointer<UInt8>) -> Double? {
        let lower = word.map { $0 | 0x20 }
        if lower.elementsEqual("inf".utf8) || lower.elementsEqual("infinity".utf8) { return .infinity }
        if lower.elementsEqual("nan".utf8) { return .nan }
        return nil
    }

    /// pandas' default boolean words: True/TRUE/true and False/FALSE/false.
    static func boolean(_ field: UnsafeBufferPointer<UInt8>) -> Bool? {
        switch field.count {
        case 4: if matches(field, "True") || matches(field, "TRUE") || matches(field, "true") { return true }
        case 5: if matches(field, "False") || matches(field, "FALSE") || matches(field, "false") { return false }
        default: break
        }
        return nil
    }

    private static func matches(_ field: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        word.withUTF8Buffer { field.elementsEqual($0) }
    }

    /// Whether `bytes` are well-formed UTF-8 (no overlong forms, surrogates or values past U+10FFFF).
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 { i += 1; continue }
            let length: Int, low: UInt8, high: UInt8
            switch b {
            case 0xC2...0xDF: length = 2; low = 0x80; high = 0xBF
            case 0xE0: length = 3; low = 0xA0; high = 0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; low = 0x80; high = 0xBF
            case 0xED: length = 3; low = 0x80; high = 0x9F
            case 0xF0: length = 4; low = 0x90; high = 0xBF
            case 0xF1...0xF3: length = 4; low = 0x80; high = 0xBF
            case 0xF4: length = 4; low = 0x80; high = 0x8F
            default: return false
            }
            guard i + length <= n, bytes[i + 1] >= low, bytes[i + 1] <= high else { return false }
            for k in 2..<length where bytes[i + k] & 0xC0 != 0x80 { return false }
            i += length
        }
        return true
    }
}
