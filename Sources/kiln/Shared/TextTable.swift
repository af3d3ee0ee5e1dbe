/// A table for people: a header row and rows of cells, each column as wide as its widest cell,
/// numbers right-aligned, everything else left-aligned.
///
/// ```
/// name          dtype  shape    parameters
/// fc.weight     F32    [10, 4]          40
/// ```
struct TextTable {
    enum Alignment { case left, right }

    var headers: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    /// A table with these column titles; `rightAligned` names the columns of numbers.
    init(_ headers: [String], rightAligned: Set<String> = []) {
        self.headers = headers
        alignments = headers.map { rightAligned.contains($0) ? .right : .left }
    }

    mutating func append(_ cells: [String]) {
        rows.append(cells)
    }

    /// Aligned `label  value` lines (a table without a header row).
    static func pairs(_ pairs: [(String, String)], indent: String = "") -> String {
        var table = TextTable(["", ""])
        table.rows = pairs.map { [$0.0, $0.1] }
        return table.rendered(indent: indent, headerRow: false)
    }

    /// The lines of the table, each prefixed with `indent`, without trailing spaces.
    func rendered(indent: String = "", headerRow: Bool = true) -> String {
        let all = (headerRow ? [headers] : []) + rows
        let widths = headers.indices.map { column in
            all.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        return all.map { cells in
            var line = indent
            for (column, width) in widths.enumerated() {
                let cell = column < cells.count ? cells[column] : ""
                let pad = String(repeating: " ", count: width - cell.count)
                if column > 0 { line += "  " }
                line += alignments[column] == .right ? pad + cell : cell + pad
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n")
    }
}

/// Number formatting for people.
enum Format {
    /// An integer with thousands separators: 1234567 → "1,234,567".
    static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A byte count in binary units: 512 → "512 B", 1536 → "1.5 KiB", 3·2^20 → "3.0 MiB".
    static func bytes(_ count: Int) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(count)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(count) B" }
        let tenths = (value * 10).rounded() / 10
        return "\(tenths) \(units[unit])"
    }

    /// A shape as PyTorch prints it: [2, 3]; a 0-d shape is [].
    static func shape(_ shape: [Int]) -> String {
        "[" + shape.map(String.init).joined(separator: ", ") + "]"
    }
}
