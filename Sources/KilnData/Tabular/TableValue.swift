extension Table {
    /// One cell of a table: a number, a string, or missing (pandas' NaN/None). Literals convert,
    /// so filters read `row["sex"] == "male"` and `row["year"] == 2007`.
    ///
    /// Codable as a plain JSON value (number, string or null), which is how fitted categories and
    /// fill values appear in saved preprocessing state.
    public enum Value: Hashable, Sendable, Codable, CustomStringConvertible,
        ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByNilLiteral
    {
        case missing
        case number(Double)
        case string(String)

        public init(stringLiteral value: String) { self = .string(value) }
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
        public init(nilLiteral: ()) { self = .missing }

        public var isMissing: Bool { self == .missing }

        /// The number, or nil for strings and missing values.
        public var number: Double? {
            if case .number(let x) = self { x } else { nil }
        }

        /// The string, or nil for numbers and missing values.
        public var string: String? {
            if case .string(let s) = self { s } else { nil }
        }

        /// Numbers as Python prints them in scikit-learn's feature names, except that integral
        /// values drop the ".0" (pandas integer columns print that way); missing is "nan".
        public var description: String {
            switch self {
            case .missing: "nan"
            case .number(let x): Table.Value.format(x)
            case .string(let s): s
            }
        }

        static func format(_ x: Double) -> String {
            if x.isNaN { return "nan" }
            if x.isInfinite { return x < 0 ? "-inf" : "inf" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() {
                self = .missing
            } else if let s = try? container.decode(String.self) {
                self = .string(s)
            } else {
                self = .number(try container.decode(Double.self))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .missing: try container.encodeNil()
            case .number(let x): try container.encode(x)
            case .string(let s): try container.encode(s)
            }
        }

        /// scikit-learn's order for fitted categories: numbers ascending, strings by Unicode code
        /// points (Python's `sorted`), missing last.
        static func sortedOrder(_ a: Value, _ b: Value) -> Bool {
            switch (a, b) {
            case (.number(let x), .number(let y)): x < y
            case (.string(let x), .string(let y)): x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
            case (.number, .string): true
            case (.missing, _): false
            case (_, .missing): true
            case (.string, .number): false
            }
        }
    }
}
