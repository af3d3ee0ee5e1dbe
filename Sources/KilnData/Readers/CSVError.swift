/// Why a CSV file could not be read, and where: the file, the line where the record starts
/// (1-based, counting line breaks inside quoted fields) and its byte offset (in the decompressed
/// text for gzip files).
public struct CSVError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        /// A record with another number of fields than the header (or the first record).
        case raggedRow(expected: Int, found: Int)
        /// A quoted field still open at the end of the file; `line` is where it opened.
        case unterminatedQuote
        /// A field that is not valid UTF-8 (`field` counts from 1).
        case invalidUTF8(field: Int)
        /// A value that does not parse as its column's kind: declared in `CSVOptions.columnTypes`,
        /// or inferred from the first chunk when reading in chunks (`inferred`).
        case invalidValue(column: String, value: String, expected: String, inferred: Bool)
        /// No header and no records: nothing to read.
        case noColumns
        /// `CSVOptions.columnTypes` names a column the file does not have.
        case unknownColumn(String, available: [String])
        /// `CSVOptions.columnNames` gives another number of names than the file has columns.
        case columnNameCount(given: Int, found: Int)
    }

    /// The file path, or the name given for in-memory data.
    public let source: String
    public let line: Int
    public let byteOffset: Int
    public let kind: Kind

    public init(source: String, line: Int, byteOffset: Int, kind: Kind) {
        self.source = source
        self.line = line
        self.byteOffset = byteOffset
        self.kind = kind
    }

    public var description: String {
        let place = "\(source), line \(line) (byte \(byteOffset))"
        switch kind {
        case .raggedRow(let expected, let found):
            return "\(place): expected \(expected) fields (the number of columns), found \(found)"
        case .unterminatedQuote:
            return "\(place): a quoted field opened here is never closed (the file ends inside it)"
        case .invalidUTF8(let field):
            return "\(place): field \(field) is not valid UTF-8"
        case .invalidValue(let column, let value, let expected, let inferred):
            let why = inferred ? " (the type was inferred from the first chunk; declare the column's kind in CSVOptions.columnTypes)" : ""
            return "\(place): column '\(column)' holds \"\(value)\", which is not \(expected)\(why)"
        case .noColumns:
            return "\(source): the file is empty (no header, no rows)"
        case .unknownColumn(let name, let available):
            return "\(source): CSVOptions.columnTypes names column '\(name)', which the file does not have (its columns: \(available.joined(separator: ", ")))"
        case .columnNameCount(let given, let found):
            return "\(place): CSVOptions.columnNames gives \(given) names, the file has \(found) columns"
        }
    }
}
