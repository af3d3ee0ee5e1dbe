import Foundation
import KilnIO

/// The per-epoch figures of a run, as `metrics.csv` holds them: a header of column names
/// (`epoch,step,lr,train_loss,val_loss,val_accuracy,…`) and one row of numbers per epoch, where an
/// empty cell is a figure not measured that epoch.
struct MetricsTable: Equatable {
    var columns: [String]
    /// One row per line, cells in column order; nil for an empty cell. `nan` and `inf` read as such.
    var rows: [[Double?]]

    /// Parses CSV text; `source` names it in errors. Throws `CommandError` for a missing header,
    /// a row of the wrong width or a cell that is not a number.
    init(csv text: String, source: String) throws {
        var lines: [(number: Int, text: Substring)] = []
        // "\r\n" is one Character in Swift, a newline like "\n".
        for (index, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var line = line
            if index == 0 && line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { lines.append((index + 1, line)) }
        }
        guard let header = lines.first else { throw CommandError("\(source): empty; expected a header line such as epoch,step,lr,train_loss") }
        columns = header.text.split(separator: ",", omittingEmptySubsequences: false).map(Self.cell)
        var seen = Set<String>()
        for (index, name) in columns.enumerated() {
            guard !name.isEmpty else { throw CommandError("\(source): column \(index + 1) of the header has no name") }
            guard seen.insert(name).inserted else { throw CommandError("\(source): the column \"\(name)\" appears twice in the header") }
        }
        rows = []
        for (number, line) in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(Self.cell)
            guard cells.count == columns.count else {
                throw CommandError("\(source), line \(number): \(cells.count) fields, but the header has \(columns.count)")
            }
            rows.append(try zip(columns, cells).map { column, cell in
                if cell.isEmpty { return nil }
                guard let value = Double(cell) else {
                    throw CommandError("\(source), line \(number), column \"\(column)\": \"\(cell)\" is not a number")
                }
                return value
            })
        }
    }

    /// Reads `metrics.csv` at `path`.
    static func read(_ path: String) throws -> MetricsTable {
        let file = try InputFile(path)
        return try MetricsTable(csv: String(decoding: try file.readExactly(file.size), as: UTF8.self), source: path)
    }

    /// The cells of `column` in row order, nil when there is no such column.
    func values(_ column: String) -> [Double?]? {
        columns.firstIndex(of: column).map { index in rows.map { $0[index] } }
    }

    /// A cell without surrounding spaces and quotes.
    private static func cell(_ text: Substring) -> String {
        var cell = text.trimmingCharacters(in: .whitespaces)
        if cell.count >= 2 && cell.hasPrefix("\"") && cell.hasSuffix("\"") { cell = String(cell.dropFirst().dropLast()) }
        return cell
    }
}
