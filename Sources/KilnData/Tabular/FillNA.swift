/// Replaces missing values, per column, by a constant or by a statistic learned from the training
/// data (scikit-learn's `SimpleImputer`; pandas' `fillna` with the training statistic):
/// `.mean` and `.median` for numeric columns, `.mostFrequent` (the smallest of tied values, as
/// scikit-learn) and `.constant` for any.
///
/// ```swift
/// var fill = FillNA(strategies: ["bill_length_mm": .median, "sex": .mostFrequent])
/// let filled = try fill.fitTransform(penguins)
/// ```
public struct FillNA: TablePreprocessor, Equatable {
    public enum Strategy: Hashable, Sendable, Codable {
        /// This value (a number for numeric columns, a string for categorical and text ones).
        case constant(Table.Value)
        case mean
        case median
        case mostFrequent

        private enum CodingKeys: String, CodingKey { case strategy, value }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            switch try c.decode(String.self, forKey: .strategy) {
            case "constant": self = .constant(try c.decode(Table.Value.self, forKey: .value))
            case "mean": self = .mean
            case "median": self = .median
            case "mostFrequent": self = .mostFrequent
            case let other:
                throw DecodingError.dataCorruptedError(forKey: .strategy, in: c, debugDescription: "unknown strategy '\(other)'")
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .constant(let value):
                try c.encode("constant", forKey: .strategy)
                try c.encode(value, forKey: .value)
            case .mean: try c.encode("mean", forKey: .strategy)
            case .median: try c.encode("median", forKey: .strategy)
            case .mostFrequent: try c.encode("mostFrequent", forKey: .strategy)
            }
        }

        /// The column kinds the strategy can fill.
        func fits(_ kind: Table.ColumnKind) -> Bool {
            switch self {
            case .mean, .median: kind == .numeric
            case .mostFrequent: true
            case .constant(.number): kind == .numeric
            case .constant(.string): kind != .numeric
            case .constant(.missing): false
            }
        }
    }

    /// One strategy for all the listed columns (nil: every column the strategy applies to — numeric
    /// ones for mean and median, all for most frequent, those of the constant's kind).
    public var strategy: Strategy?
    public var columns: [String]?
    /// Per-column strategies, used instead when given.
    public var strategies: [String: Strategy]?

    /// The fitted value per column, in column order.
    public private(set) var fittedColumns: [String]?
    public private(set) var fillValues: [Table.Value]?

    public init(_ strategy: Strategy, columns: [String]? = nil) {
        self.strategy = strategy
        self.columns = columns
    }

    public init(strategies: [String: Strategy]) {
        self.strategies = strategies
    }

    public var isFitted: Bool { fittedColumns != nil }

    public mutating func fit(_ table: Table) throws {
        var plan: [(String, Strategy)]
        if let strategies {
            plan = table.columnNames.filter { strategies[$0] != nil }.map { ($0, strategies[$0]!) }
            for name in strategies.keys.sorted() where !table.hasColumn(name) {
                throw PreprocessingError(step: "FillNA.fit", kind: .missingColumn(name, available: table.columnNames))
            }
        } else if let strategy {
            let names = columns ?? table.columnNames.filter { strategy.fits(table[$0].kind) }
            plan = names.map { ($0, strategy) }
        } else {
            plan = []
        }
        var names: [String] = [], values: [Table.Value] = []
        for (name, strategy) in plan {
            let (_, column) = try table.column(name, for: "FillNA.fit", kinds: Table.ColumnKind.allCases.filter(strategy.fits))
            names.append(name)
            values.append(try Self.fillValue(column, strategy: strategy, name: name))
        }
        fittedColumns = names
        fillValues = values
    }

    public func transform(_ table: Table) throws -> Table {
        guard let names = fittedColumns, let fillValues else {
            requireFailure("FillNA.transform: call fit (or load a fitted state) first")
        }
        var result = table
        for (name, value) in zip(names, fillValues) {
            switch try table.column(name, for: "FillNA.transform").column {
            case .numeric(let v):
                guard let x = value.number else {
                    throw PreprocessingError(step: "FillNA.transform", kind: .wrongColumnKind(name, expected: [.categorical, .text], actual: .numeric))
                }
                result[name] = .numeric(v.map { $0 ?? x })
            case .categorical(let v), .text(let v):
                guard let s = value.string else {
                    throw PreprocessingError(step: "FillNA.transform", kind: .wrongColumnKind(name, expected: [.numeric], actual: table[name].kind))
                }
                let filled = v.map { $0 ?? s }
                result[name] = table[name].kind == .text ? .text(filled) : .categorical(filled)
            }
        }
        return result
    }

    /// The value `strategy` learns from `column`.
    static func fillValue(_ column: Table.Column, strategy: Strategy, name: String) throws -> Table.Value {
        let noValues = PreprocessingError(step: "FillNA.fit", kind: .noValues(column: name))
        switch strategy {
        case .constant(let value):
            return value
        case .mean:
            let values = column.numbers!.compactMap { $0 }
            guard !values.isEmpty else { throw noValues }
            return .number(values.reduce(0, +) / Double(values.count))
        case .median:
            let values = column.numbers!.compactMap { $0 }.sorted()
            guard !values.isEmpty else { throw noValues }
            let mid = values.count / 2
            return .number(values.count % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2)
        case .mostFrequent:
            var counts: [Table.Value: Int] = [:]
            for row in 0..<column.count where !column.isMissing(at: row) { counts[column[row], default: 0] += 1 }
            guard let top = counts.values.max() else { throw noValues }
            return counts.filter { $0.value == top }.keys.sorted(by: Table.Value.sortedOrder)[0]
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        strategy = try c.decodeIfPresent(Strategy.self, forKey: .strategy)
        columns = try c.decodeIfPresent([String].self, forKey: .columns)
        strategies = try c.decodeIfPresent([String: Strategy].self, forKey: .strategies)
        fittedColumns = try c.decodeIfPresent([String].self, forKey: .fittedColumns)
        fillValues = try c.decodeIfPresent([Table.Value].self, forKey: .fillValues)
        try check(fillValues?.count == fittedColumns?.count,
                  "fittedColumns and fillValues must both be present with one entry per column, or both absent", in: decoder)
        try check(fillValues?.allSatisfy { !$0.isMissing } ?? true, "a fill value is null", in: decoder)
    }
}
