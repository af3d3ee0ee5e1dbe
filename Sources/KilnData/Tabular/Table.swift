/// A table of named, typed columns of equal length, with missing values: what a CSV file reads
/// into and what the preprocessing steps (`dropNA`, `FillNA`, `StandardScaler`, `OneHotEncoder`, …)
/// take and return, in the spirit of a pandas DataFrame. A value type: every operation returns a
/// new table.
///
/// ```swift
/// let penguins = try Penguins.load()               // 344 rows × 8 columns, with missing values
/// let clean = penguins.dropNA()                    // 333 rows
/// print(clean.head())
/// let x = clean.tensor(columns: ["bill_length_mm", "flipper_length_mm"])   // [333, 2] float32
/// ```
public struct Table: Hashable, Sendable {
    public internal(set) var columnNames: [String]
    public internal(set) var columns: [Column]
    public internal(set) var rowCount: Int

    /// A table with no columns and no rows.
    public init() {
        columnNames = []
        columns = []
        rowCount = 0
    }

    /// A table from (name, column) pairs in order: `Table(["x": .numeric([1, 2]), "y": .categorical(["a", nil])])`.
    public init(_ columns: KeyValuePairs<String, Column>) {
        self.init(columnNames: columns.map(\.key), columns: columns.map(\.value))
    }

    /// A table from its column names and columns, which must be unique and of equal lengths.
    public init(columnNames: [String], columns: [Column]) {
        require(columnNames.count == columns.count,
                "Table: \(columnNames.count) column names for \(columns.count) columns")
        require(Set(columnNames).count == columnNames.count, "Table: duplicate column names in \(columnNames)")
        let rows = columns.first?.count ?? 0
        for (name, column) in zip(columnNames, columns) {
            require(column.count == rows, "Table: column '\(name)' has \(column.count) rows, '\(columnNames[0])' has \(rows)")
        }
        self.columnNames = columnNames
        self.columns = columns
        self.rowCount = rows
    }

    public var columnCount: Int { columns.count }

    /// (rows, columns), as pandas' `shape`.
    public var shape: (rows: Int, columns: Int) { (rowCount, columns.count) }

    /// Each column's kind, in column order.
    public var columnKinds: [ColumnKind] { columns.map(\.kind) }

    /// The position of the column named `name`, or nil.
    public func columnIndex(_ name: String) -> Int? {
        columnNames.firstIndex(of: name)
    }

    public func hasColumn(_ name: String) -> Bool { columnIndex(name) != nil }

    /// The column named `name`; setting replaces it (same row count) or appends a new one.
    public subscript(name: String) -> Column {
        get {
            guard let i = columnIndex(name) else {
                requireFailure("Table: no column named '\(name)'; the columns are \(columnNames)")
            }
            return columns[i]
        }
        set {
            require(columns.isEmpty || newValue.count == rowCount,
                    "Table: column '\(name)' has \(newValue.count) rows, the table has \(rowCount)")
            if let i = columnIndex(name) {
                columns[i] = newValue
            } else {
                columnNames.append(name)
                columns.append(newValue)
            }
            rowCount = newValue.count
        }
    }

    /// The cell in `row` of the column named `column`.
    public subscript(row: Int, column: String) -> Value {
        self[column][row]
    }

    /// Replaces the column at `index` by `replacement` (named columns in order, same row count),
    /// for encoders that turn one column into several.
    mutating func replaceColumn(at index: Int, with replacement: [(String, Column)]) {
        var names = columnNames, cols = columns
        names.replaceSubrange(index...index, with: replacement.map(\.0))
        cols.replaceSubrange(index...index, with: replacement.map(\.1))
        self = Table(columnNames: names, columns: cols)
    }
}
