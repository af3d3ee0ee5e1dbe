import KilnIO

/// Reads CSV files into `Table`s, whole (`CSVReader.read`) or in chunks of rows (`next()`),
/// following RFC 4180 and pandas' `read_csv` conventions.
///
/// ```swift
/// let penguins = try CSVReader.read("penguins.csv")                  // the whole file
///
/// let reader = try CSVReader("big.csv", chunkRows: 50_000)           // incremental
/// while let chunk = try reader.next() { … }                         // same columns and kinds
/// ```
///
/// - Fields: see `CSVOptions` (delimiter, quote, header, missing-value markers). Quoted fields may
///   hold delimiters, line breaks and doubled quotes; records end at LF, CRLF or CR; empty lines
///   are skipped; a UTF-8 byte-order mark is skipped; text must be UTF-8.
/// - gzip: a file starting with the gzip magic bytes 1f 8b (whatever its name) is decompressed first (whole, in memory);
///   plain files are read in blocks, so chunked reading holds only the current chunk.
/// - Kinds: a column declared in `CSVOptions.columnTypes` gets that kind. Otherwise, over its
///   non-missing values (of the whole file, or of the first chunk when reading in chunks): all
///   numbers → numeric; else all True/False → numeric 1/0; else categorical (text only when
///   declared). A column with no values is numeric. Later chunks are read with the first chunk's
///   kinds; a value that does not fit throws, saying to declare the kind.
/// - Every row must have as many fields as the header (or the first row); otherwise `CSVError`
///   names the file, line and the two counts.
public final class CSVReader {
    /// The file path, or the name given for in-memory data.
    public let source: String
    public let options: CSVOptions
    public let chunkRows: Int
    /// The column names, from the header, `options.columnNames`, or "0", "1", ….
    public let columnNames: [String]
    /// The column kinds: declared, or inferred from the first chunk (nil until it is read).
    public var columnKinds: [Table.ColumnKind]? { types?.map(\.kind) }

    private var records: CSVRecordReader
    private var builder: CSVChunkBuilder
    private var record = CSVRecord()
    /// The first data row, already read when there is no header.
    private var pendingFirst: CSVRecord?
    private var types: [CSVColumnType]?
    private var declared: [Bool]
    private var finished = false
    private var failure: (any Error)?

    /// Opens the CSV file at `path` for reading `chunkRows` rows at a time.
    public convenience init(_ path: String, chunkRows: Int = 65_536, options: CSVOptions = CSVOptions()) throws {
        try self.init(path: path, chunkRows: chunkRows, options: options, blockSize: 1 << 20)
    }

    /// Reads CSV text held in memory (gzip-compressed or not); `source` names it in errors.
    public convenience init(bytes: [UInt8], source: String = "CSV data", chunkRows: Int = 65_536,
                            options: CSVOptions = CSVOptions()) throws {
        let text = Compression.isGzip(bytes) ? try Compression.inflate(bytes, format: .gzip, source: source) : bytes
        try self.init(records: CSVRecordReader(bytes: text, source: source, delimiter: options.delimiter.asciiValue!,
                                               quote: options.quote.asciiValue!),
                      chunkRows: chunkRows, options: options)
    }

    /// `blockSize` is the read size for plain files (small in tests, to cross block boundaries).
    convenience init(path: String, chunkRows: Int, options: CSVOptions, blockSize: Int) throws {
        let file = try InputFile(path)
        var first = [UInt8](repeating: 0, count: Swift.max(blockSize, 4))
        var filled = 0
        while filled < 4 {
            let n = try first.withUnsafeMutableBytes { try file.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...])) }
            if n == 0 { break }
            filled += n
        }
        first.removeSubrange(filled...)
        let delimiter = options.delimiter.asciiValue!, quote = options.quote.asciiValue!
        let records: CSVRecordReader
        if Compression.isGzip(first) {
            let packed = first + (try file.readAll())
            records = CSVRecordReader(bytes: try Compression.inflate(packed, format: .gzip, source: path), source: path,
                                      delimiter: delimiter, quote: quote)
        } else {
            records = CSVRecordReader(file: file, prefix: first, blockSize: Swift.max(blockSize, 4), delimiter: delimiter, quote: quote)
        }
        try self.init(records: records, chunkRows: chunkRows, options: options)
    }

    private init(records: CSVRecordReader, chunkRows: Int, options: CSVOptions) throws {
        require(chunkRows > 0, "CSVReader: chunkRows must be positive, got \(chunkRows)")
        self.records = records
        self.source = records.source
        self.options = options
        self.chunkRows = chunkRows

        // The names: from the header or the first row's field count.
        var first = CSVRecord()
        guard try self.records.next(into: &first) else {
            throw CSVError(source: records.source, line: 1, byteOffset: 0, kind: .noColumns)
        }
        var names: [String]
        if options.hasHeader {
            names = try (0..<first.fieldCount).map { c in
                try first.bytes.withUnsafeBufferPointer { all in
                    let field = UnsafeBufferPointer(rebasing: all[first.range(ofField: c)])
                    guard CSVFieldParsing.isValidUTF8(field) else {
                        throw CSVError(source: records.source, line: first.line, byteOffset: first.offset, kind: .invalidUTF8(field: c + 1))
                    }
                    return String(decoding: field, as: UTF8.self)
                }
            }
        } else {
            names = (0..<first.fieldCount).map(String.init)
            pendingFirst = first
        }
        if let given = options.columnNames {
            guard given.count == names.count else {
                throw CSVError(source: records.source, line: first.line, byteOffset: first.offset,
                               kind: .columnNameCount(given: given.count, found: names.count))
            }
            names = given
        }
        columnNames = CSVReader.uniqueNames(names)
        for name in options.columnTypes.keys.sorted() where !columnNames.contains(name) {
            throw CSVError(source: records.source, line: first.line, byteOffset: first.offset,
                           kind: .unknownColumn(name, available: columnNames))
        }
        declared = columnNames.map { options.columnTypes[$0] != nil }
        builder = CSVChunkBuilder(columnCount: columnNames.count, markers: CSVMissingMarkers(options.missingValues), source: records.source)
    }

    /// The next chunk of up to `chunkRows` rows, or nil after the last. Every chunk has the same
    /// columns and kinds. After an error, each call throws it again.
    public func next() throws -> Table? {
        if let failure { throw failure }
        do {
            return try readChunk()
        } catch {
            failure = error
            throw error
        }
    }

    private func readChunk() throws -> Table? {
        guard !finished else { return nil }
        builder.reset()
        if let first = pendingFirst {
            pendingFirst = nil
            try builder.append(first)
        }
        while builder.rowCount < chunkRows {
            guard try records.next(into: &record) else {
                finished = true
                break
            }
            guard record.fieldCount == columnNames.count else {
                throw CSVError(source: source, line: record.line, byteOffset: record.offset,
                               kind: .raggedRow(expected: columnNames.count, found: record.fieldCount))
            }
            try builder.append(record)
        }
        guard builder.rowCount > 0 else { return nil }
        let inferredEarlier = types != nil
        if types == nil {
            types = columnNames.indices.map { c in
                options.columnTypes[columnNames[c]].map(CSVColumnType.init) ?? builder.inferType(ofColumn: c, booleans: options.inferBooleans)
            }
        }
        return try builder.table(names: columnNames, types: types!, inferred: declared.map { !$0 && inferredEarlier })
    }

    /// Reads the whole CSV file at `path` into one table (kinds inferred over all rows).
    public static func read(_ path: String, options: CSVOptions = CSVOptions()) throws -> Table {
        try CSVReader(path, chunkRows: Int.max, options: options).all()
    }

    /// Reads CSV text held in memory (gzip-compressed or not) into one table.
    public static func read(bytes: [UInt8], source: String = "CSV data", options: CSVOptions = CSVOptions()) throws -> Table {
        try CSVReader(bytes: bytes, source: source, chunkRows: Int.max, options: options).all()
    }

    /// Reads CSV text into one table.
    public static func read(string: String, source: String = "CSV data", options: CSVOptions = CSVOptions()) throws -> Table {
        try read(bytes: Array(string.utf8), source: source, options: options)
    }

    /// Everything left, as one table (the columns with no rows when there are none).
    func all() throws -> Table {
        var chunks: [Table] = []
        while let chunk = try next() { chunks.append(chunk) }
        if chunks.isEmpty {
            let kinds = columnNames.map { options.columnTypes[$0] ?? .numeric }
            return Table(columnNames: columnNames, columns: kinds.map(Table.Column.empty))
        }
        return chunks.count == 1 ? chunks[0] : Table.concat(chunks)
    }

    /// pandas' names for empty and repeated header fields: "Unnamed: 3", "a.1", "a.2".
    static func uniqueNames(_ names: [String]) -> [String] {
        var used = Set<String>()
        return names.enumerated().map { position, name in
            var candidate = name.isEmpty ? "Unnamed: \(position)" : name
            var k = 1
            while used.contains(candidate) {
                candidate = "\(name).\(k)"
                k += 1
            }
            used.insert(candidate)
            return candidate
        }
    }
}
