/// How `CSVReader` reads a file: delimiter, quote, header, missing-value markers and column types.
///
/// Defaults follow pandas' `read_csv`: comma-separated, a header row, double quotes, pandas'
/// missing-value markers, booleans True/False recognised.
public struct CSVOptions: Sendable {
    /// pandas' default missing-value markers (`pandas._libs.parsers.STR_NA_VALUES`): the empty
    /// field, NA, N/A, NaN, null, None, … A field equal to one of them (after unquoting: a quoted
    /// "NA" is missing too, as in pandas) is a missing value in every column kind.
    public static let defaultMissingValues: Set<String> = [
        "", "#N/A", "#N/A N/A", "#NA", "-1.#IND", "-1.#QNAN", "-NaN", "-nan", "1.#IND", "1.#QNAN",
        "<NA>", "N/A", "NA", "NULL", "NaN", "None", "n/a", "nan", "null",
    ]

    /// The field separator, one ASCII character (`","`, `"\t"`, `";"`, `"|"`).
    public var delimiter: Character
    /// The quote character, one ASCII character; inside a quoted field it is doubled.
    public var quote: Character
    /// Whether the first record names the columns.
    public var hasHeader: Bool
    /// Column names to use: without a header they name the columns (default "0", "1", …, as
    /// pandas' integer labels); with one, they replace the header's names.
    public var columnNames: [String]?
    /// Fields that mean "missing".
    public var missingValues: Set<String>
    /// Declared kinds by column name; the other columns' kinds are inferred (see `CSVReader`).
    public var columnTypes: [String: Table.ColumnKind]
    /// Whether a column of only True/False (TRUE/FALSE, true/false) values becomes a numeric 1/0
    /// column; otherwise it is categorical.
    public var inferBooleans: Bool

    public init(delimiter: Character = ",", quote: Character = "\"", hasHeader: Bool = true, columnNames: [String]? = nil,
                missingValues: Set<String> = CSVOptions.defaultMissingValues, columnTypes: [String: Table.ColumnKind] = [:],
                inferBooleans: Bool = true) {
        require(delimiter.isASCII && delimiter.asciiValue.map { $0 != 10 && $0 != 13 } == true,
                "CSVOptions: the delimiter must be one ASCII character other than a line break, got \(delimiter.debugDescription)")
        require(quote.isASCII && quote != delimiter && quote.asciiValue.map { $0 != 10 && $0 != 13 } == true,
                "CSVOptions: the quote must be one ASCII character other than a line break and the delimiter, got \(quote.debugDescription)")
        self.delimiter = delimiter
        self.quote = quote
        self.hasHeader = hasHeader
        self.columnNames = columnNames
        self.missingValues = missingValues
        self.columnTypes = columnTypes
        self.inferBooleans = inferBooleans
    }
}
