/// Why a preprocessing step could not fit, transform or load: the step, the column and row, and
/// what to do about it. Thrown for conditions of the data (a category never seen in training, a
/// column missing from new rows, a corrupt state file); misuse such as transforming before `fit`
/// stops the program instead.
public struct PreprocessingError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// The table has no column of that name.
        case missingColumn(String, available: [String])
        /// The column holds another kind of values than the step needs.
        case wrongColumnKind(String, expected: [Table.ColumnKind], actual: Table.ColumnKind)
        /// A value `fit` never saw, with `handleUnknown: .error` (or in a `LabelEncoder`).
        case unknownCategory(column: String, row: Int, value: Table.Value, known: [Table.Value])
        /// A missing value where the step needs one (labels, the stratification column).
        case missingValue(column: String, row: Int)
        /// `fit` found no value at all in the column to learn from.
        case noValues(column: String)
        /// Two encoded columns would get the same output name.
        case duplicateOutputColumn(String)
        /// The data cannot be split as asked.
        case invalidSplit(String)
        /// A saved state file that does not decode or is inconsistent.
        case invalidState(path: String, reason: String)
    }

    /// The step and operation, as "OneHotEncoder.transform".
    public let step: String
    public let kind: Kind

    public init(step: String, kind: Kind) {
        self.step = step
        self.kind = kind
    }

    public var description: String {
        let what: String = switch kind {
        case .missingColumn(let name, let available):
            "the table has no column '\(name)' (its columns: \(available.joined(separator: ", ")))"
        case .wrongColumnKind(let name, let expected, let actual):
            "column '\(name)' is \(actual), this step needs \(expected.map(\.rawValue).joined(separator: " or "))"
        case .unknownCategory(let column, let row, let value, let known):
            "column '\(column)' row \(row) holds \(Self.quoted(value)), which fit never saw (known: \(known.map(Self.quoted).joined(separator: ", ")))"
                + (step.hasPrefix("OneHotEncoder") ? "; use handleUnknown: .ignore to encode unknown values as all zeros" : "")
        case .missingValue(let column, let row):
            "column '\(column)' row \(row) is missing; dropNA or FillNA first"
        case .noValues(let column):
            "column '\(column)' has no values to fit (all missing, or no rows)"
        case .duplicateOutputColumn(let name):
            "two output columns would be named '\(name)'"
        case .invalidSplit(let reason):
            reason
        case .invalidState(let path, let reason):
            "\(path) is not a valid saved state: \(reason)"
        }
        return "\(step): \(what)"
    }

    static func quoted(_ value: Table.Value) -> String {
        if case .string(let s) = value { "'\(s)'" } else { value.description }
    }
}

extension Table {
    /// The column named `name`, or a `PreprocessingError` naming `step`.
    func column(_ name: String, for step: String, kinds: [ColumnKind] = ColumnKind.allCases) throws -> (index: Int, column: Column) {
        guard let i = columnIndex(name) else {
            throw PreprocessingError(step: step, kind: .missingColumn(name, available: columnNames))
        }
        guard kinds.contains(columns[i].kind) else {
            throw PreprocessingError(step: step, kind: .wrongColumnKind(name, expected: kinds, actual: columns[i].kind))
        }
        return (i, columns[i])
    }
}
