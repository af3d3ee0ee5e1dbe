import KilnIO

/// One record as the tokenizer delivers it: the fields' bytes (quotes removed, doubled quotes
/// undone) back to back, where each field ends, and where the record starts in the input.
struct CSVRecord {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    /// The 1-based line and the byte offset of the record's first byte.
    var line = 0
    var offset = 0

    var fieldCount: Int { ends.count }

    func range(ofField i: Int) -> Range<Int> { (i == 0 ? 0 : ends[i - 1])..<ends[i] }

    mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }
}

/// Splits CSV text into records (RFC 4180 and common practice): fields separated by the
/// delimiter; a field that starts with the quote runs to the next single quote, with doubled
/// quotes standing for one and line breaks and delimiters kept; records end at LF, CRLF or CR;
/// empty lines are skipped (as pandas). Text after a closing quote is kept as is (`"ab"c` is
/// `abc`), and a quote inside an unquoted field is an ordinary character, as pandas reads them.
///
/// Reads a file in blocks of `blockSize` bytes, so only the current block and record are in
/// memory; or walks an in-memory buffer.
struct CSVRecordReader {
    private let file: InputFile?
    private var buffer: [UInt8]
    /// Next byte to look at, and the end of the valid bytes, in `buffer`.
    private var position = 0
    private var end = 0
    /// Offset in the input of `buffer[0]`.
    private var bufferStart = 0
    private let delimiter: UInt8
    private let quote: UInt8
    let source: String
    /// The line of the next byte (1-based).
    private var line = 1
    /// Whether the last byte consumed was a CR (so an LF right after it ends no further line).
    private var lastWasCR = false

    private enum State { case fieldStart, unquoted, quoted, quotedQuote }

    /// Reads `file` from its current position; `prefix` holds bytes already read from it.
    init(file: InputFile, prefix: [UInt8], blockSize: Int, delimiter: UInt8, quote: UInt8) {
        self.file = file
        self.source = file.path
        self.delimiter = delimiter
        self.quote = quote
        buffer = [UInt8](repeating: 0, count: Swift.max(blockSize, prefix.count))
        buffer.replaceSubrange(0..<prefix.count, with: prefix)
        end = prefix.count
        skipByteOrderMark()
    }

    init(bytes: [UInt8], source: String, delimiter: UInt8, quote: UInt8) {
        file = nil
        self.source = source
        self.delimiter = delimiter
        self.quote = quote
        buffer = bytes
        end = bytes.count
        skipByteOrderMark()
    }

    /// The UTF-8 byte-order mark some editors put first (callers give at least 3 bytes when the
    /// input has them).
    private mutating func skipByteOrderMark() {
        if end >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { position = 3 }
    }

    /// Makes more bytes available; false at the end of the input.
    private mutating func refill() throws -> Bool {
        guard let file else { return false }
        bufferStart += end
        position = 0
        end = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
        return end > 0
    }

    /// Reads the next record into `record`; false at the end of the input.
    mutating func next(into record: inout CSVRecord) throws -> Bool {
        record.reset()
        let CR: UInt8 = 13, LF: UInt8 = 10
        let delimiter = self.delimiter, quote = self.quote
        var state = State.fieldStart
        var started = false
        var quoteLine = 0, quoteOffset = 0

        func endField() { record.ends.append(record.bytes.count) }

        while true {
            if position == end {
                guard try refill() else { break }
            }
            let b = buffer[position]

            // Record starts: skip empty lines (and the LF of a CRLF).
            if !started {
                if b == LF || b == CR {
                    if b == CR || !lastWasCR { line += 1 }
                    lastWasCR = b == CR
                    position += 1
                    continue
                }
                started = true
                record.line = line
                record.offset = bufferStart + position
            }

            switch state {
            case .fieldStart, .unquoted:
                if state == .fieldStart && b == quote {
                    quoteLine = line
                    quoteOffset = bufferStart + position
                    position += 1
                    lastWasCR = false
                    state = .quoted
                    continue
                }
                // The run of ordinary bytes up to a delimiter or line break.
                var i = position
                let stop: Bool = buffer.withUnsafeBufferPointer { p in
                    while i < end {
                        let c = p[i]
                        if c == delimiter || c == LF || c == CR { return true }
                        i += 1
                    }
                    return false
                }
                if i > position {
                    record.bytes.append(contentsOf: buffer[position..<i])
                    lastWasCR = false
                }
                position = i
                guard stop else {
                    state = .unquoted
                    continue
                }
                let c = buffer[position]
                position += 1
                endField()
                if c == delimiter {
                    lastWasCR = false
                    state = .fieldStart
                } else {
                    line += 1
                    lastWasCR = c == CR
                    return true
                }
            case .quoted:
                // The run up to the next quote; line breaks inside are kept and counted.
                var i = position
                var newLines = 0
                var afterCR = lastWasCR
                let found: Bool = buffer.withUnsafeBufferPointer { p in
                    while i < end {
                        let c = p[i]
                        if c == quote { return true }
                        if c == LF {
                            if !afterCR { newLines += 1 }
                            afterCR = false
                        } else if c == CR {
                            newLines += 1
                            afterCR = true
                        } else {
                            afterCR = false
                        }
                        i += 1
                    }
                    return false
                }
                record.bytes.append(contentsOf: buffer[position..<i])
                line += newLines
                lastWasCR = afterCR
                position = i
                if found {
                    position += 1
                    lastWasCR = false
                    state = .quotedQuote
                }
            case .quotedQuote:
                if b == quote {
                    // A doubled quote: one quote character, and the field goes on.
                    record.bytes.append(quote)
                    position += 1
                    state = .quoted
                } else if b == delimiter || b == LF || b == CR {
                    state = .unquoted
                } else {
                    // Text after the closing quote is kept as it is.
                    state = .unquoted
                }
            }
        }

        // The end of the input.
        guard started else { return false }
        switch state {
        case .quoted:
            throw CSVError(source: source, line: quoteLine, byteOffset: quoteOffset, kind: .unterminatedQuote)
        case .fieldStart, .unquoted, .quotedQuote:
            endField()
            return true
        }
    }
}
