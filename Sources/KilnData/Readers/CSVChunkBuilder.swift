/// How a CSV column's fields are read: numbers, True/False as 1/0, or strings.
enum CSVColumnType: Equatable, Sendable {
    case number, boolean, categorical, text

    init(_ kind: Table.ColumnKind) {
        switch kind {
        case .numeric: self = .number
        case .categorical: self = .categorical
        case .text: self = .text
        }
    }

    var kind: Table.ColumnKind {
        switch self {
        case .number, .boolean: .numeric
        case .categorical: .categorical
        case .text: .text
        }
    }

    var name: String {
        switch self {
        case .number: "a number"
        case .boolean: "a boolean (True or False)"
        case .categorical, .text: "text"
        }
    }
}

/// The fields of one column for the rows of a chunk, as bytes, before they become a `Table.Column`.
struct CSVColumnBuffer {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var missing: [Bool] = []

    func withField<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let start = row == 0 ? 0 : ends[row - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[row]])) }
    }

    func string(_ row: Int) -> String {
        withField(row) { String(decoding: $0, as: UTF8.self) }
    }
}

/// The missing-value markers as bytes, grouped by length for quick rejection.
struct CSVMissingMarkers {
    private var byLength: [[[UInt8]]]

    init(_ markers: Set<String>) {
        let longest = markers.map(\.utf8.count).max() ?? 0
        byLength = Array(repeating: [], count: longest + 1)
        for marker in markers { byLength[marker.utf8.count].append(Array(marker.utf8)) }
    }

    func contains(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        guard field.count < byLength.count else { return false }
        return byLength[field.count].contains { field.elementsEqual($0) }
    }
}

/// Collects the records of one chunk column by column and turns them into a `Table`.
struct CSVChunkBuilder {
    private(set) var columns: [CSVColumnBuffer]
    /// Line and byte offset of each row, for errors.
    private(set) var lines: [Int] = []
    private(set) var offsets: [Int] = []
    private let markers: CSVMissingMarkers
    let source: String

    init(columnCount: Int, markers: CSVMissingMarkers, source: String) {
        columns = Array(repeating: CSVColumnBuffer(), count: columnCount)
        self.markers = markers
        self.source = source
    }

    var rowCount: Int { lines.count }

    mutating func reset() {
        for c in columns.indices {
            columns[c].bytes.removeAll(keepingCapacity: true)
            columns[c].ends.removeAll(keepingCapacity: true)
            columns[c].missing.removeAll(keepingCapacity: true)
        }
        lines.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
    }

    /// Adds `record`, which has one field per column.
    mutating func append(_ record: CSVRecord) throws {
        try record.bytes.withUnsafeBufferPointer { all in
            for c in 0..<record.fieldCount {
                let field = UnsafeBufferPointer(rebasing: all[record.range(ofField: c)])
                guard CSVFieldParsing.isValidUTF8(field) else {
                    throw CSVError(source: source, line: record.line, byteOffset: record.offset, kind: .invalidUTF8(field: c + 1))
                }
                let missing = markers.contains(field)
                columns[c].missing.append(missing)
                if !missing { columns[c].bytes.append(contentsOf: field) }
                columns[c].ends.append(columns[c].bytes.count)
            }
        }
        lines.append(record.line)
        offsets.append(record.offset)
    }

    /// The type a column's values suggest (pandas' inference): numbers if every value is one,
    /// else booleans if every value is True/False (when `booleans`), else categorical. A column
    /// with no values is numeric (all missing).
    func inferType(ofColumn c: Int, booleans: Bool) -> CSVColumnType {
        let column = columns[c]
        var numbers = true, bools = booleans
        for row in 0..<rowCount where !column.missing[row] {
            column.withField(row) { field in
                if numbers && CSVFieldParsing.number(field) == nil { numbers = false }
                if bools && CSVFieldParsing.boolean(field) == nil { bools = false }
            }
            if !numbers && !bools { return .categorical }
        }
        return numbers ? .number : .boolean
    }

    /// The chunk as a table of `types`; `inferred[c]` says column c's type came from an earlier
    /// chunk (rather than from the options).
    func table(names: [String], types: [CSVColumnType], inferred: [Bool]) throws -> Table {
        var result: [Table.Column] = []
        for (c, type) in types.enumerated() {
            let column = columns[c]
            switch type {
            case .number, .boolean:
                var values = [Double?](repeating: nil, count: rowCount)
                for row in 0..<rowCount where !column.missing[row] {
                    let value: Double? = column.withField(row) { field in
                        type == .number ? CSVFieldParsing.number(field) : CSVFieldParsing.boolean(field).map { $0 ? 1 : 0 }
                    }
                    guard let value else {
                        throw CSVError(source: source, line: lines[row], byteOffset: offsets[row],
                                       kind: .invalidValue(column: names[c], value: column.string(row), expected: type.name, inferred: inferred[c]))
                    }
                    values[row] = value
                }
                result.append(.numeric(values))
            case .categorical, .text:
                let values = (0..<rowCount).map { column.missing[$0] ? nil : column.string($0) }
                result.append(type == .text ? .text(values) : .categorical(values))
            }
        }
        return Table(columnNames: names, columns: result, rowCount: rowCount)
    }
}
