extension Table: CustomStringConvertible {
    /// The table laid out as pandas prints a DataFrame: a row-number column, right-aligned columns
    /// two spaces apart, the numbers of a column with the same number of decimals (at most 6),
    /// missing values as NaN; past 60 rows, the first and last 5 with "..." between, then the size.
    public var description: String {
        let shown: [Int] = rowCount > 60 ? Array(0..<5) + Array(rowCount - 5..<rowCount) : Array(0..<rowCount)
        var cells: [[String]] = [[""] + shown.map(String.init)]
        for (name, column) in zip(columnNames, columns) {
            cells.append([name] + Table.format(column, rows: shown))
        }
        let widths = cells.map { $0.map(\.count).max() ?? 0 }
        func line(_ r: Int) -> String {
            cells.indices.map { c in
                let cell = cells[c][r]
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c == 0 ? cell + pad : pad + cell
            }.joined(separator: "  ")
        }
        var lines = [line(0)]
        for r in stride(from: 1, through: shown.count, by: 1) {
            lines.append(line(r))
            if rowCount > 60 && r == 5 {
                lines.append(cells.indices.map { c in
                    let pad = String(repeating: " ", count: Swift.max(widths[c] - 3, 0))
                    return c == 0 ? "..." + pad : pad + "..."
                }.joined(separator: "  "))
            }
        }
        if columns.isEmpty || rowCount == 0 || rowCount > 60 {
            lines.append("")
            lines.append("[\(rowCount) rows x \(columnCount) columns]")
        }
        return lines.joined(separator: "\n")
    }

    /// The cells of `rows`, numbers with a common number of decimals.
    private static func format(_ column: Column, rows: [Int]) -> [String] {
        switch column {
        case .categorical(let v), .text(let v):
            return rows.map { v[$0] ?? "NaN" }
        case .numeric(let v):
            let values = rows.compactMap { v[$0] }.filter(\.isFinite)
            let decimals = values.map(decimalsNeeded).max() ?? 0
            let integral = values.allSatisfy { $0 == $0.rounded() && abs($0) < 1e15 } && decimals == 0
            return rows.map { row in
                guard let x = v[row] else { return "NaN" }
                if !x.isFinite { return x.isNaN ? "NaN" : (x < 0 ? "-inf" : "inf") }
                if integral { return String(Int64(x)) }
                return fixed(x, decimals: Swift.max(decimals, 1))
            }
        }
    }

    /// Decimals of the shortest representation of `x`, capped at 6.
    private static func decimalsNeeded(_ x: Double) -> Int {
        if abs(x) >= 1e15 || (x != 0 && abs(x) < 1e-6) { return 6 }
        var scaled = x
        for d in 0...6 {
            if (scaled - scaled.rounded()).magnitude < 1e-9 * Swift.max(1, scaled.magnitude) { return d }
            scaled *= 10
        }
        return 6
    }

    /// `x` with exactly `decimals` decimals, rounded half away from zero.
    private static func fixed(_ x: Double, decimals: Int) -> String {
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (x.magnitude * scale).rounded()
        guard scaled < 9e18 else { return String(x) }
        let n = Int64(scaled)
        var digits = String(n)
        if digits.count <= decimals { digits = String(repeating: "0", count: decimals + 1 - digits.count) + digits }
        let cut = digits.index(digits.endIndex, offsetBy: -decimals)
        let sign = x < 0 && n != 0 ? "-" : ""
        return sign + digits[..<cut] + "." + digits[cut...]
    }
}
