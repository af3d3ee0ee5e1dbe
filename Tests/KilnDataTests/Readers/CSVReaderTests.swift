import Foundation
import Testing
import KilnIO
@testable import KilnData

// Expected tables are what pandas 3.1.1 `read_csv` reads from the same files
// (Tests/Fixtures/tabular/make_tabular_literals.py writes them and prints pandas' columns).
@Suite struct CSVReaderTests {
    @Test func quotedFieldsEscapedQuotesEmbeddedNewlinesAndBooleans() throws {
        let table = try CSVReader.read(TabularFixtures.path("quoted.csv"))
        #expect(table.columnNames == ["name", "comment", "score", "flag"])
        #expect(table.columnKinds == [.categorical, .categorical, .numeric, .numeric])
        #expect(table["name"] == .categorical(["Smith, J", "plain", nil, "x"]))
        #expect(table["comment"] == .categorical(["said \"hi\"", "line1\nline2", nil, "y, \"z\" "]))
        #expect(table["score"] == .numeric([1.5, 2, nil, 300]))
        #expect(table["flag"] == .numeric([1, 0, 1, 0]))  // pandas: bool [True, False, True, False]
    }

    @Test func crlfByteOrderMarkBlankLineAndNoFinalNewline() throws {
        let table = try CSVReader.read(TabularFixtures.path("crlf_bom.csv"))
        #expect(table.columnNames == ["a", "b", "c"])
        #expect(table["a"] == .numeric([1, 2, 3]))
        #expect(table["b"] == .categorical(["x", "y\r\nz", "w"]))
        #expect(table["c"] == .numeric([-0.5, nil, 0.001]))
    }

    @Test func pandasMissingValueMarkers() throws {
        let table = try CSVReader.read(TabularFixtures.path("missing.csv"))
        #expect(table["id"] == .numeric([1, 2, 3, 4, 5, 6]))
        #expect(table["value"] == .numeric([nil, nil, nil, nil, nil, 7]))
        #expect(table["label"] == .categorical(["a", nil, "b", nil, nil, nil]))
    }

    @Test func semicolonDelimiterAndUTF8() throws {
        let table = try CSVReader.read(TabularFixtures.path("semicolon.csv"), options: CSVOptions(delimiter: ";"))
        #expect(table.columnNames == ["ville", "température", "note"])
        #expect(table["ville"] == .categorical(["Zürich", "København"]))
        #expect(table["température"] == .numeric([-3.25, 4]))
        #expect(table["note"] == .categorical(["a;b", nil]))
    }

    @Test func customMarkersNoHeaderTabsAndDeclaredKinds() throws {
        let text = "7\t-\tTRUE\n8\tNA\tfalse\n09\t2.5\tTrue\n"
        let table = try CSVReader.read(string: text, options: CSVOptions(delimiter: "\t", hasHeader: false, missingValues: ["-"]))
        #expect(table.columnNames == ["0", "1", "2"])
        #expect(table["0"] == .numeric([7, 8, 9]))
        // "NA" is no longer a marker, so column 1 holds text.
        #expect(table["1"] == .categorical([nil, "NA", "2.5"]))
        #expect(table["2"] == .numeric([1, 0, 1]))

        let declared = try CSVReader.read(string: text, options: CSVOptions(
            delimiter: "\t", hasHeader: false, columnNames: ["id", "x", "ok"], columnTypes: ["id": .text, "ok": .categorical]))
        #expect(declared["id"] == .text(["7", "8", "09"]))
        #expect(declared["x"] == .categorical(["-", nil, "2.5"]))  // "-" is no marker here, "NA" is
        #expect(declared["ok"] == .categorical(["TRUE", "false", "True"]))
        let noBooleans = try CSVReader.read(string: "b\nTrue\nFalse\n", options: CSVOptions(inferBooleans: false))
        #expect(noBooleans["b"] == .categorical(["True", "False"]))
    }

    @Test func numberSyntax() throws {
        let table = try CSVReader.read(string: "x\n 12 \n-0.5\n+.25\n1e3\n1.5E-2\n-inf\nInfinity\n12345678901234567890123\n0.1000000000000000055511151231257827\n")
        let values = try #require(table["x"].numbers)
        #expect(values.map { $0! } == [12, -0.5, 0.25, 1000, 0.015, -.infinity, .infinity, 12345678901234567890123.0, 0.1])
        // Hexadecimal, thousands separators and trailing text are not numbers (as in pandas).
        for text in ["0x1A", "1,000", "12abc", "1e", "--1", "."] {
            let quoted = "\"\(text)\""
            #expect(try CSVReader.read(string: "x\n1\n\(quoted)\n")["x"].kind == .categorical, "\(text)")
        }
    }

    @Test func headerEdgeCasesAndEmptyTables() throws {
        let table = try CSVReader.read(string: "a,,a,b\n1,2,3,4\n")
        #expect(table.columnNames == ["a", "Unnamed: 1", "a.1", "b"])  // pandas' names
        let headerOnly = try CSVReader.read(string: "a,b\n", options: CSVOptions(columnTypes: ["b": .categorical]))
        #expect(headerOnly.rowCount == 0 && headerOnly.columnNames == ["a", "b"] && headerOnly.columnKinds == [.numeric, .categorical])
        let trailing = try CSVReader.read(string: "a,b,c\n1,,\n\n\n")
        #expect(trailing.rowCount == 1 && trailing["c"] == .numeric([nil]))
        let lenient = try CSVReader.read(string: "a,b\n\"x\"y,z\"w\n")
        #expect(lenient["a"] == .categorical(["xy"]) && lenient["b"] == .categorical(["z\"w"]))
        let crOnly = try CSVReader.read(string: "a,b\r1,2\r3,4")
        #expect(crOnly["b"] == .numeric([2, 4]))
    }

    @Test func gzipInputIsDetected() throws {
        let text = Array("a,b\n1,x\n2,\"y\nz\"\n".utf8)
        let packed = Compression.deflate(text, format: .gzip)
        let fromBytes = try CSVReader.read(bytes: packed)
        #expect(fromBytes["b"] == .categorical(["x", "y\nz"]))
        try TabularFixtures.withTemporaryDirectory { dir in
            try TabularFixtures.write(packed, to: dir + "/data.csv.gz")
            try TabularFixtures.write(packed, to: dir + "/data.csv")  // detected by the magic bytes, not the name
            #expect(try CSVReader.read(dir + "/data.csv.gz") == fromBytes)
            #expect(try CSVReader.read(dir + "/data.csv") == fromBytes)
            let chunks = try CSVReader(dir + "/data.csv.gz", chunkRows: 1)
            #expect(try chunks.next()?["a"] == .numeric([1]))
            #expect(try chunks.next()?["b"] == .categorical(["y\nz"]))
            #expect(try chunks.next() == nil)
        }
    }

    /// A file with quoted fields holding delimiters, quotes and line breaks (CRLF and LF), read
    /// in chunks of every size and with read blocks of every small size, so that chunk and block
    /// boundaries fall inside quoted fields, between CR and LF, and inside the byte-order mark.
    @Test func chunkedReadingEqualsFullReading() throws {
        var text = "\u{FEFF}id,name,value,note\r\n"
        for i in 0..<23 {
            let note = i % 3 == 0 ? "\"multi\r\nline, \"\"quoted\"\"\"" : (i % 3 == 1 ? "plain" : "")
            text += "\(i),\"n,\(i)\",\(i % 5 == 0 ? "NA" : String(Double(i) / 4)),\(note)\(i % 2 == 0 ? "\r\n" : "\n")"
        }
        try TabularFixtures.withTemporaryDirectory { dir in
            let path = dir + "/chunks.csv"
            try TabularFixtures.write(Array(text.utf8), to: path)
            let full = try CSVReader.read(path)
            #expect(full.rowCount == 23 && full.columnKinds == [.numeric, .categorical, .numeric, .categorical])
            #expect(full[3, "note"] == "multi\r\nline, \"quoted\"" && full[1, "name"] == "n,1" && full[5, "value"] == nil)
            for chunkRows in [1, 2, 5, 22, 23, 100] {
                for blockSize in [4, 5, 7, 64] {
                    let reader = try CSVReader(path: path, chunkRows: chunkRows, options: CSVOptions(), blockSize: blockSize)
                    var chunks: [Table] = []
                    while let chunk = try reader.next() {
                        #expect(chunk.rowCount <= chunkRows)
                        #expect(chunk.columnKinds == full.columnKinds)
                        chunks.append(chunk)
                    }
                    #expect(chunks.count == (23 + chunkRows - 1) / chunkRows)
                    #expect(Table.concat(chunks) == full, "chunkRows \(chunkRows), blockSize \(blockSize)")
                    #expect(try reader.next() == nil)
                }
            }
        }
    }

    @Test func laterChunksKeepTheFirstChunksKinds() throws {
        let reader = try CSVReader(bytes: Array("a,b\n1,x\n2,y\nthree,z\n".utf8), source: "mixed.csv", chunkRows: 2)
        let first = try #require(try reader.next())
        #expect(first.columnKinds == [.numeric, .categorical] && reader.columnKinds == [.numeric, .categorical])
        expectError(CSVError.self, containing: ["mixed.csv, line 4", "column 'a'", "\"three\"", "not a number", "columnTypes"]) {
            _ = try reader.next()
        }
        // Declaring the kind reads the same file.
        let declared = try CSVReader(bytes: Array("a,b\n1,x\n2,y\nthree,z\n".utf8), chunkRows: 2, options: CSVOptions(columnTypes: ["a": .categorical]))
        #expect(try declared.next()?["a"] == .categorical(["1", "2"]))
        #expect(try declared.next()?["a"] == .categorical(["three"]))
    }
}

/// Malformed CSV input throws errors that name the file, line and byte offset, and what is wrong.
@Suite struct CSVReaderErrorTests {
    @Test func raggedRows() throws {
        expectError(CSVError.self, containing: ["rows.csv, line 4 (byte 18)", "expected 3 fields", "found 4"]) {
            _ = try CSVReader.read(string: "a,b,c\n1,2,3\n4,5,6\n7,8,9,10\n", source: "rows.csv")
        }
        // Line numbers count line breaks inside quoted fields and skipped empty lines.
        expectError(CSVError.self, containing: ["rows.csv, line 6", "expected 2 fields", "found 1"]) {
            _ = try CSVReader.read(string: "a,b\n\"x\ny\",1\n\n2,3\nlonely\n", source: "rows.csv")
        }
        do {
            _ = try CSVReader.read(string: "a,b\n1\n")
            Issue.record("no error")
        } catch let error as CSVError {
            #expect(error == CSVError(source: "CSV data", line: 2, byteOffset: 4, kind: .raggedRow(expected: 2, found: 1)))
        }
    }

    @Test func unterminatedQuote() {
        expectError(CSVError.self, containing: ["q.csv, line 3 (byte 10)", "never closed"]) {
            _ = try CSVReader.read(string: "a,b\n1,2\n3,\"open\n4,5\n", source: "q.csv")
        }
    }

    @Test func invalidUTF8() throws {
        let bytes: [UInt8] = Array("a,b\n1,ok\n2,".utf8) + [0xC3, 0x28] + Array("\n".utf8)
        expectError(CSVError.self, containing: ["bad.csv, line 3 (byte 9)", "field 2", "not valid UTF-8"]) {
            _ = try CSVReader.read(bytes: bytes, source: "bad.csv")
        }
        for invalid: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82]] {
            #expect(throws: CSVError.self) { try CSVReader.read(bytes: Array("a\n".utf8) + invalid) }
        }
        #expect(try CSVReader.read(bytes: Array("a\n".utf8) + [0xF0, 0x9F, 0x90, 0xA7])["a"] == .categorical(["🐧"]))
    }

    @Test func valueThatDoesNotParseForADeclaredKind() {
        expectError(CSVError.self, containing: ["d.csv, line 3", "column 'x'", "\"n/a!\"", "not a number"]) {
            _ = try CSVReader.read(string: "x\n1\nn/a!\n", source: "d.csv", options: CSVOptions(columnTypes: ["x": .numeric]))
        }
    }

    @Test func optionsThatDoNotFitTheFile() {
        expectError(CSVError.self, containing: ["columnTypes", "'z'", "a, b"]) {
            _ = try CSVReader.read(string: "a,b\n1,2\n", options: CSVOptions(columnTypes: ["z": .numeric]))
        }
        expectError(CSVError.self, containing: ["columnNames gives 3 names", "2 columns"]) {
            _ = try CSVReader.read(string: "1,2\n", options: CSVOptions(hasHeader: false, columnNames: ["a", "b", "c"]))
        }
        expectError(CSVError.self, containing: ["empty.csv", "empty"]) {
            _ = try CSVReader.read(string: "\n\n", source: "empty.csv")
        }
    }

    @Test func truncatedGzipAndMissingFile() throws {
        let packed = Compression.deflate(Array("a,b\n1,2\n3,4\n".utf8), format: .gzip)
        try TabularFixtures.withTemporaryDirectory { dir in
            try TabularFixtures.write(Array(packed.prefix(packed.count - 6)), to: dir + "/cut.csv.gz")
            expectError(CompressionError.self, containing: ["cut.csv.gz", "ends early"]) { _ = try CSVReader.read(dir + "/cut.csv.gz") }
            expectError(FileError.self, containing: ["open", dir + "/none.csv", "No such file"]) { _ = try CSVReader.read(dir + "/none.csv") }
        }
    }

    @Test func errorsRepeatAfterTheFirst() throws {
        let reader = try CSVReader(bytes: Array("a\n1\n\"x\n".utf8), chunkRows: 1)
        #expect(try reader.next()?["a"] == .numeric([1]))
        #expect(throws: CSVError.self) { try reader.next() }
        #expect(throws: CSVError.self) { try reader.next() }
    }
}
