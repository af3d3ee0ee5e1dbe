// Selecting columns and rows: select, drop, take, filter, head/tail, concatenation.

extension Table {
    /// One row seen through its table, for `filter`: `row["island"] == "Biscoe"`.
    public struct Row {
        public let table: Table
        /// The row's position in `table`.
        public let index: Int

        public subscript(column: String) -> Value { table[column][index] }
    }

    /// The columns named `names`, in that order.
    public func select(_ names: [String]) -> Table {
        Table(columnNames: names, columns: names.map { self[$0] })
    }

    /// The table without the columns named `names` (pandas' `drop(columns=)`).
    public func drop(columns names: [String]) -> Table {
        for name in names { require(hasColumn(name), "Table.drop: no column named '\(name)'; the columns are \(columnNames)") }
        let keep = columnNames.indices.filter { !names.contains(columnNames[$0]) }
        return Table(columnNames: keep.map { columnNames[$0] }, columns: keep.map { columns[$0] })
    }

    /// The rows at `indices`, in that order (pandas' `iloc[indices]`); an index may repeat.
    public func rows(_ indices: [Int]) -> Table {
        for i in indices { require(i >= 0 && i < rowCount, "Table.rows: row \(i) is out of range for \(rowCount) rows") }
        return Table(columnNames: columnNames, columns: columns.map { $0.taking(indices) }, rowCount: indices.count)
    }

    /// The rows in `range`.
    public func rows(_ range: Range<Int>) -> Table {
        require(range.lowerBound >= 0 && range.upperBound <= rowCount, "Table.rows: \(range) is out of range for \(rowCount) rows")
        return rows(Array(range))
    }

    /// The rows where `mask` is true (pandas' boolean indexing); `mask` has one entry per row.
    public func filter(_ mask: [Bool]) -> Table {
        require(mask.count == rowCount, "Table.filter: the mask has \(mask.count) entries for \(rowCount) rows")
        return rows(mask.indices.filter { mask[$0] })
    }

    /// The rows for which `isIncluded` returns true.
    public func filter(_ isIncluded: (Row) throws -> Bool) rethrows -> Table {
        var keep: [Int] = []
        for i in 0..<rowCount where try isIncluded(Row(table: self, index: i)) { keep.append(i) }
        return rows(keep)
    }

    /// The first `n` rows (all of them when there are fewer).
    public func head(_ n: Int = 5) -> Table {
        rows(0..<Swift.min(Swift.max(n, 0), rowCount))
    }

    /// The last `n` rows (all of them when there are fewer).
    public func tail(_ n: Int = 5) -> Table {
        rows(Swift.max(rowCount - Swift.max(n, 0), 0)..<rowCount)
    }

    /// The rows of `tables` one after the other; every table must have the same column names and
    /// kinds (pandas' `concat`).
    public static func concat(_ tables: [Table]) -> Table {
        guard var result = tables.first else { return Table() }
        for (k, table) in tables.enumerated().dropFirst() {
            require(table.columnNames == result.columnNames && table.columnKinds == result.columnKinds,
                    "Table.concat: table \(k) has columns \(zip(table.columnNames, table.columnKinds).map { "\($0) (\($1))" }), table 0 has \(zip(result.columnNames, result.columnKinds).map { "\($0) (\($1))" })")
            for c in result.columns.indices {
                result.columns[c] = result.columns[c].appending(table.columns[c])!
            }
            result.rowCount += table.rowCount
        }
        return result
    }

    /// A table whose columns may all be empty (so the row count cannot come from a column).
    init(columnNames: [String], columns: [Column], rowCount: Int) {
        if columns.isEmpty {
            self.init()
            self.rowCount = rowCount
        } else {
            self.init(columnNames: columnNames, columns: columns)
        }
    }
}
