import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Damaged TFRecord files (made here by flipping or cutting bytes of TensorFlow's raw.tfrecord and
/// examples files): each must throw a `TFRecordError` that names the file, the record and its byte
/// offset and says what failed; the records before the damage still read; nothing crashes.
@Suite struct TFRecordBadInputTests {
    /// raw.tfrecord's records start at these bytes (12-byte header + data + 4-byte CRC each: data
    /// of 0, 1, 300 and 70,000 bytes); the file is 70,365 bytes.
    static let recordStarts = [0, 16, 33, 349]
    static let fileSize = 70365

    /// The records read from `bytes` before the first error, and that error.
    func readAll(_ bytes: [UInt8], compression: TFRecordCompression? = nil) throws -> ([[UInt8]], TFRecordError?) {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/damaged.tfrecord"
            try TestFiles.write(bytes, to: path)
            let reader = try TFRecordReader(path: path, compression: compression)
            var records: [[UInt8]] = []
            do {
                while let record = try reader.next() { records.append(record) }
                return (records, nil)
            } catch let error as TFRecordError {
                #expect(error.file == path)
                #expect(error.description.contains(path))
                // The reader does not resume after damage: it throws the same error again.
                #expect(throws: error) { try reader.next() }
                return (records, error)
            }
        }
    }

    func raw() throws -> [UInt8] { try TestFiles.bytes(FormatFixtures.tfrecord("raw.tfrecord")) }

    @Test func fixtureLayout() throws {
        #expect(try raw().count == Self.fileSize)
    }

    /// A flipped byte in record 2's length or its CRC: a length CRC error naming record 2 and its
    /// offset; records 0 and 1 still read.
    @Test(arguments: [33, 36, 40, 41, 44])
    func flippedLengthByte(_ position: Int) throws {
        var bytes = try raw()
        bytes[position] ^= 0x10
        let (records, error) = try readAll(bytes)
        #expect(records == Array(TFRecordReference.raw.prefix(2)))
        #expect(error?.kind == .lengthChecksumMismatch)
        #expect(error?.record == 2 && error?.offset == 33)
        #expect(error?.description.contains("record 2 (at byte 33): the length field fails its CRC") == true)
    }

    /// A flipped byte in record 2's or record 3's data or data CRC (record 2's data is bytes 45..<345,
    /// its CRC 345..<349): a data CRC error naming the record.
    static let dataFlips: [(position: Int, record: Int)] = [
        (45, 2), (195, 2), (344, 2), (345, 2), (348, 2), (70360, 3), (70364, 3),
    ]

    @Test(arguments: dataFlips)
    func flippedDataByte(_ position: Int, _ record: Int) throws {
        var bytes = try raw()
        bytes[position] ^= 0x01
        let (records, error) = try readAll(bytes)
        #expect(records == Array(TFRecordReference.raw.prefix(record)))
        #expect(error?.kind == .dataChecksumMismatch)
        #expect(error?.record == record && error?.offset == Self.recordStarts[record])
        #expect(error?.description.contains("record \(record) (at byte \(Self.recordStarts[record]))") == true)
        #expect(error?.description.contains("fail their CRC") == true)
    }

    /// Every cut: the whole records before it read, then a truncation error naming the cut
    /// record, or a clean end when the cut falls between records.
    @Test func everyCutOfASmallFile() throws {
        let bytes = try raw().prefix(349)
        let ends = [16, 33, 349]
        for cut in 0...349 {
            let (records, error) = try readAll(Array(bytes.prefix(cut)))
            let whole = ends.filter { $0 <= cut }.count
            #expect(records == Array(TFRecordReference.raw.prefix(whole)), "cut at \(cut)")
            if cut == 0 || ends.contains(cut) {
                #expect(error == nil, "cut at \(cut)")
            } else {
                #expect(error?.kind == .truncated, "cut at \(cut)")
                #expect(error?.record == whole && error?.offset == Self.recordStarts[whole], "cut at \(cut)")
            }
        }
    }

    @Test func cutInsideALargeRecord() throws {
        for cut in [349 + 5, 349 + 12 + 1000, 349 + 12 + 69999, Self.fileSize - 2] {
            let (records, error) = try readAll(Array(try raw().prefix(cut)))
            #expect(records.count == 3)
            #expect(error?.kind == .truncated && error?.record == 3 && error?.offset == 349, "cut at \(cut)")
        }
        let (_, error) = try readAll(Array(try raw().prefix(349 + 12 + 1000)))
        #expect(error?.description.contains("the file ends 1000 bytes into the record's 70000 bytes of data") == true)
    }

    /// Damaged gzip files: cut anywhere, flipped bytes, trailing garbage. Each either reads fewer
    /// records and throws a TFRecordError, or (for a flip zlib cannot see before the trailer) still
    /// throws; none crashes.
    @Test func damagedGzipFiles() throws {
        let gz = try TestFiles.bytes(FormatFixtures.tfrecord("examples.tfrecord.gz"))
        for cut in stride(from: 1, to: gz.count, by: 7) {
            let (records, error) = try readAll(Array(gz.prefix(cut)), compression: .gzip)
            // Cuts in the 8-byte trailer leave every record readable; zlib then finds the end missing.
            #expect(error != nil && (records.count < 3 || cut >= gz.count - 8), "cut at \(cut)")
            #expect(error?.kind == .corruptCompression || error?.kind == .truncated, "cut at \(cut)")
        }
        let (_, cutError) = try readAll(Array(gz.dropLast(3)), compression: .gzip)
        #expect(cutError?.kind == .corruptCompression)
        #expect(cutError?.description.contains("the gzip stream ends early") == true)

        for position in stride(from: 10, to: gz.count, by: 5) {
            var flipped = gz
            flipped[position] ^= 0x04
            let (records, error) = try readAll(flipped, compression: .gzip)
            #expect(error != nil && records.count <= 3, "flip at \(position)")
        }
        let (records, trailing) = try readAll(gz + Array("junk".utf8), compression: .gzip)
        #expect(records.count == 3)
        #expect(trailing?.kind == .corruptCompression && trailing?.record == 3)
        // Two gzip members back to back (`cat a.gz a.gz`) are one stream of six records.
        #expect(try readAll(gz + gz).0.count == 6)
    }

    @Test func compressedFileReadAsPlain() throws {
        let gz = try TestFiles.bytes(FormatFixtures.tfrecord("examples.tfrecord.gz"))
        let (records, error) = try readAll(gz, compression: TFRecordCompression.none)
        #expect(records.isEmpty)
        #expect(error?.kind == .lengthChecksumMismatch && error?.record == 0)
        #expect(error?.description.contains("compressed one read as plain") == true)
    }

    @Test func recordThatIsNotAnExample() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/bad.tfrecord"
            let writer = try TFRecordWriter(path: path)
            try writer.write(Example(features: ["a": .int64s([1])]))
            try writer.write([0x2A])  // field 5, length-delimited, with no length
            try writer.close()
            let reader = try TFRecordReader(path: path)
            #expect(try reader.nextExample() == Example(features: ["a": .int64s([1])]))
            let error = #expect(throws: TFRecordError.self) { try reader.nextExample() }
            #expect(error?.kind == .invalidExample && error?.record == 1 && error?.offset == 30)
        }
    }
}
