extension Table {
    /// Which rows `dropNA` removes: those with any missing value, or those with all values missing.
    public enum DropHow: String, Sendable, Codable {
        case any, all
    }

    /// The table without the rows that have missing values (pandas' `dropna`): with `.any`, a row
    /// goes when one of its cells is missing; with `.all`, when all of them are. `subset` limits
    /// which columns are looked at (default: all).
    ///
    /// Dropping rows learns nothing, so unlike `FillNA` it is not a fitted step.
    public func dropNA(how: DropHow = .any, subset: [String]? = nil) -> Table {
        let looked = (subset ?? columnNames).map { name -> Column in
            guard let i = columnIndex(name) else {
                requireFailure("Table.dropNA: no column named '\(name)'; the columns are \(columnNames)")
            }
            return columns[i]
        }
        guard !looked.isEmpty else { return self }
        var keep: [Int] = []
        keep.reserveCapacity(rowCount)
        for row in 0..<rowCount {
            let missing = looked.reduce(0) { $0 + ($1.isMissing(at: row) ? 1 : 0) }
            let drop = how == .any ? missing > 0 : missing == looked.count
            if !drop { keep.append(row) }
        }
        return keep.count == rowCount ? self : rows(keep)
    }
}
