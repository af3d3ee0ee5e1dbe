/// Replaces each categorical column by one numeric 0/1 column per category seen in training, as
/// scikit-learn's `OneHotEncoder`: categories sorted (strings by code point, numbers ascending, a
/// missing value as a last category "nan"), output columns named `island_Biscoe`, placed where
/// the original column was. A value `fit` never saw throws (`handleUnknown: .error`) or encodes as
/// all zeros (`.ignore`).
public struct OneHotEncoder: TablePreprocessor, Equatable {
    public enum UnknownHandling: String, Sendable, Codable {
        case error, ignore
    }

    /// The columns to encode; nil encodes every categorical column of the table `fit` sees
    /// (numeric columns may be named too: their values are the categories).
    public var columns: [String]?
    public var handleUnknown: UnknownHandling

    public private(set) var fittedColumns: [String]?
    /// Per fitted column, its sorted categories (`categories_`).
    public private(set) var categories: [[Table.Value]]?

    public init(columns: [String]? = nil, handleUnknown: UnknownHandling = .error) {
        self.columns = columns
        self.handleUnknown = handleUnknown
    }

    public var isFitted: Bool { fittedColumns != nil }

    /// The output column names in order (`get_feature_names_out`), for the encoded columns only.
    public var featureNames: [String]? {
        guard let fittedColumns, let categories else { return nil }
        return zip(fittedColumns, categories).flatMap { name, values in values.map { "\(name)_\($0)" } }
    }

    public mutating func fit(_ table: Table) throws {
        let names = columns ?? table.columnNames.filter { table[$0].kind == .categorical }
        var found: [[Table.Value]] = []
        for name in names {
            let column = try table.column(name, for: "OneHotEncoder.fit").column
            var values = column.uniqueValues
            if column.missingCount > 0 { values.append(.missing) }
            guard !values.isEmpty else { throw PreprocessingError(step: "OneHotEncoder.fit", kind: .noValues(column: name)) }
            found.append(values)
        }
        fittedColumns = names
        categories = found
    }

    public func transform(_ table: Table) throws -> Table {
        guard let names = fittedColumns, let categories else {
            requireFailure("OneHotEncoder.transform: call fit (or load a fitted state) first")
        }
        var result = table
        for (name, values) in zip(names, categories) {
            let (index, column) = try result.column(name, for: "OneHotEncoder.transform")
            let position = Dictionary(uniqueKeysWithValues: values.enumerated().map { ($1, $0) })
            var outputs = [[Double?]](repeating: [Double?](repeating: 0, count: column.count), count: values.count)
            for row in 0..<column.count {
                let value = column[row]
                if let k = position[value] {
                    outputs[k][row] = 1
                } else if handleUnknown == .error {
                    throw PreprocessingError(step: "OneHotEncoder.transform",
                                             kind: .unknownCategory(column: name, row: row, value: value, known: values))
                }
            }
            let encoded = zip(values, outputs).map { ("\(name)_\($0)", Table.Column.numeric($1)) }
            var seen = Set<String>()
            for (output, _) in encoded where (output != name && result.hasColumn(output)) || !seen.insert(output).inserted {
                throw PreprocessingError(step: "OneHotEncoder.transform", kind: .duplicateOutputColumn(output))
            }
            result.replaceColumn(at: index, with: encoded)
        }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decodeIfPresent([String].self, forKey: .columns)
        handleUnknown = try c.decode(UnknownHandling.self, forKey: .handleUnknown)
        fittedColumns = try c.decodeIfPresent([String].self, forKey: .fittedColumns)
        categories = try c.decodeIfPresent([[Table.Value]].self, forKey: .categories)
        try check(categories?.count == fittedColumns?.count,
                  "fittedColumns and categories must both be present with one entry per column, or both absent", in: decoder)
        try check(categories?.allSatisfy { !$0.isEmpty && Set($0).count == $0.count } ?? true,
                  "a column's categories are empty or repeat a value", in: decoder)
    }
}
