/// Turns a column of class labels into the integers 0…k−1, in sorted order of the classes, as
/// scikit-learn's `LabelEncoder`; `table.tensor(column:dtype: .int64)` then gives the label
/// tensor. Labels must not be missing; a label `fit` never saw throws.
public struct LabelEncoder: TablePreprocessor, Equatable {
    public var column: String
    /// The sorted classes (`classes_`); code i stands for `classes[i]`.
    public private(set) var classes: [Table.Value]?

    public init(column: String) {
        self.column = column
    }

    public var isFitted: Bool { classes != nil }

    public mutating func fit(_ table: Table) throws {
        let values = try table.column(column, for: "LabelEncoder.fit").column
        if let row = (0..<values.count).first(where: values.isMissing(at:)) {
            throw PreprocessingError(step: "LabelEncoder.fit", kind: .missingValue(column: column, row: row))
        }
        let found = values.uniqueValues
        guard !found.isEmpty else { throw PreprocessingError(step: "LabelEncoder.fit", kind: .noValues(column: column)) }
        classes = found
    }

    /// The table with the label column replaced by its codes (a numeric column).
    public func transform(_ table: Table) throws -> Table {
        let values = try table.column(column, for: "LabelEncoder.transform").column
        var result = table
        result[column] = .numeric(try encode((0..<values.count).map { values[$0] }).map { Double($0) })
        return result
    }

    /// The codes of `labels`.
    public func encode(_ labels: [Table.Value]) throws -> [Int] {
        guard let classes else { requireFailure("LabelEncoder.encode: call fit (or load a fitted state) first") }
        let position = Dictionary(uniqueKeysWithValues: classes.enumerated().map { ($1, $0) })
        return try labels.enumerated().map { row, label in
            if label.isMissing {
                throw PreprocessingError(step: "LabelEncoder.transform", kind: .missingValue(column: column, row: row))
            }
            guard let code = position[label] else {
                throw PreprocessingError(step: "LabelEncoder.transform",
                                         kind: .unknownCategory(column: column, row: row, value: label, known: classes))
            }
            return code
        }
    }

    /// The classes of `codes` (scikit-learn's `inverse_transform`).
    public func inverseTransform(_ codes: [Int]) -> [Table.Value] {
        guard let classes else { requireFailure("LabelEncoder.inverseTransform: call fit (or load a fitted state) first") }
        return codes.map { code in
            require(code >= 0 && code < classes.count, "LabelEncoder.inverseTransform: code \(code) is not in 0..<\(classes.count)")
            return classes[code]
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        column = try c.decode(String.self, forKey: .column)
        classes = try c.decodeIfPresent([Table.Value].self, forKey: .classes)
        try check(classes.map { !$0.isEmpty && Set($0).count == $0.count && !$0.contains(.missing) } ?? true,
                  "classes are empty, repeat a value or hold null", in: decoder)
    }
}
