import Foundation
import Kiln
import Testing
@testable import KilnIO

/// TFRecord reading and writing against files written by TensorFlow 2.21's `tf.io.TFRecordWriter`
/// (Tests/Fixtures/tfrecord/make_fixtures.py, whose values are written out in `TFRecordReference`),
/// the FORMATS.md test vectors, and the published CRC-32C check values.
@Suite struct TFRecordTests {
    // MARK: CRC-32C

    /// The check value of FORMATS.md 5.2 and the iSCSI test vectors of RFC 3720 (B.4).
    @Test func crc32cKnownValues() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
        #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
        #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
        #expect(CRC32C.checksum((0..<32).map { UInt8(31 - $0) }) == 0x113F_DB5C)
    }

    @Test func crc32cInPiecesAndMask() {
        let data = (0..<1000).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 3) }
        let whole = CRC32C.checksum(data)
        for cut in [0, 1, 7, 8, 9, 500, 999, 1000] {
            let first = data[..<cut].withUnsafeBytes { CRC32C.checksum($0) }
            #expect(data[cut...].withUnsafeBytes { CRC32C.checksum($0, continuing: first) } == whole)
        }
        // masked = ((crc >> 15) | (crc << 17)) + 0xA282EAD8, written out for one value.
        #expect(CRC32C.masked(0xE306_9283) == ((0xE306_9283 >> 15) | (0xE306_9283 << 17 & 0xFFFF_FFFF)) &+ 0xA282_EAD8)
        for crc: UInt32 in [0, 1, 0xE306_9283, .max] {
            #expect(CRC32C.unmasked(CRC32C.masked(crc)) == crc)
        }
    }

    // MARK: Framing

    /// FORMATS.md 5.3: the TFRecord of the TensorBoard event `Event(wall_time=1.0, step=1,
    /// summary={value:[{tag:"loss", simple_value:0.5}]})`, byte for byte, written and read.
    @Test func tensorBoardRecordVector() throws {
        let event = bytes(hex: "09000000000000f03f 1001 2a0d 0a0b 0a046c6f7373 150000003f")
        let record = bytes(hex: "1a00000000000000 129bd82d 09000000000000f03f10012a0d0a0b0a046c6f7373150000003f 27f95db1")
        #expect(TFRecordWriter.frame(event) == record)
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/events.out.tfevents.1.host.1.0"
            let writer = try TFRecordWriter(path: path)
            try writer.write(event)
            try writer.close()
            #expect(try TestFiles.bytes(path) == record)
            #expect(try TFRecordReader.records(at: path) == [event])
        }
    }

    // MARK: Files written by TensorFlow

    @Test(arguments: [("examples.tfrecord", nil), ("examples.tfrecord.gz", nil), ("examples.tfrecord.gz", .gzip),
                      ("examples.zlib.tfrecord", .zlib)] as [(String, TFRecordCompression?)])
    func readsTensorFlowExamples(_ name: String, _ compression: TFRecordCompression?) throws {
        let reader = try TFRecordReader(path: FormatFixtures.tfrecord(name), compression: compression)
        #expect(reader.compression == (name == "examples.tfrecord" ? .none : compression ?? .gzip))
        var examples: [Example] = []
        while let example = try reader.nextExample() { examples.append(example) }
        #expect(examples == TFRecordReference.examples)
        #expect(reader.index == 3)
        #expect(try reader.next() == nil)

        let second = examples[1]
        #expect(try second.tensor("image", shape: [2, 2, 3]).scalars(as: UInt8.self) == (0..<12).map(UInt8.init))
        #expect(try second.tensor("label").scalars(as: Int64.self) == [-1, 1 << 40, .min, .max])
        #expect(try second.tensor("weights").scalars(as: Float.self) == [0.1, 3e-8, -0.0, 1e30])
        #expect(try examples[2].tensor("empty_floats").shape == [0])
        #expect(examples[2]["text"] == .bytes([[0x68, 0xC3, 0xA9, 0x6C, 0x6C, 0x6F]]))
    }

    @Test func readsTensorFlowRawRecords() throws {
        let records = try TFRecordReader.records(at: FormatFixtures.tfrecord("raw.tfrecord"))
        #expect(records == TFRecordReference.raw)
    }

    /// Kiln frames records exactly as TensorFlow does: the same records give TensorFlow's file.
    @Test func writesWhatTensorFlowWrites() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let writer = try TFRecordWriter(path: directory + "/raw.tfrecord")
            for record in TFRecordReference.raw { try writer.write(record) }
            #expect(writer.count == 4)
            try writer.close()
            #expect(try TestFiles.bytes(directory + "/raw.tfrecord") == (try TestFiles.bytes(FormatFixtures.tfrecord("raw.tfrecord"))))
        }
    }

    /// Kiln's files for check_kiln_tfrecord.py (to KILN_TFRECORD_OUT when set), read back here.
    @Test(arguments: TFRecordCompression.allCases)
    func writesExamples(_ compression: TFRecordCompression) throws {
        let directory = try FormatFixtures.outputDirectory(environment: "KILN_TFRECORD_OUT")
        let path = directory + "/kiln_examples_\(compression.rawValue).tfrecord"
        let writer = try TFRecordWriter(path: path, compression: compression)
        for example in TFRecordReference.examples { try writer.write(example) }
        try writer.write(TFRecordReference.raw[3])  // a large record through the buffer
        try writer.close()
        let file = try TestFiles.bytes(path)
        switch compression {
        case .none: #expect(Array(file.prefix(8)) == [64, 0, 0, 0, 0, 0, 0, 0])
        case .gzip: #expect(Compression.isGzip(file))
        case .zlib: #expect(file.first == 0x78)
        }
        if let format = compression.format {
            // The compressed file is the plain framing, compressed: check it with zlib itself.
            let plain = try Compression.inflate(file, format: format)
            let expected = TFRecordReference.examples.flatMap { TFRecordWriter.frame($0.serializedBytes()) }
                + TFRecordWriter.frame(TFRecordReference.raw[3])
            #expect(plain == expected)
        }
        let reader = try TFRecordReader(path: path, compression: compression == .zlib ? .zlib : nil)
        for example in TFRecordReference.examples {
            #expect(try reader.nextExample() == example)
        }
        #expect(try reader.next() == TFRecordReference.raw[3])
        #expect(try reader.next() == nil)
        if ProcessInfo.processInfo.environment["KILN_TFRECORD_OUT"] == nil {
            try FileManager.default.removeItem(atPath: directory)
        }
    }

    // MARK: Reader and writer behaviour

    @Test func asyncIteration() async throws {
        var count = 0
        for try await record in try TFRecordReader(path: FormatFixtures.tfrecord("raw.tfrecord")) {
            #expect(record == TFRecordReference.raw[count])
            count += 1
        }
        #expect(count == 4)
    }

    /// A plain file whose first record is 35,615 bytes long starts with 1f 8b, like gzip; the
    /// valid length CRC tells them apart.
    @Test func plainFileThatLooksLikeGzip() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/tricky.tfrecord"
            let record = [UInt8](repeating: 9, count: 0x8B1F)
            let writer = try TFRecordWriter(path: path)
            try writer.write(record)
            try writer.close()
            #expect(Array(try TestFiles.bytes(path).prefix(2)) == [0x1F, 0x8B])
            let reader = try TFRecordReader(path: path)
            #expect(reader.compression == TFRecordCompression.none)
            #expect(try reader.next() == record)
        }
    }

    @Test func writerIsAtomic() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/data.tfrecord"
            do {
                let writer = try TFRecordWriter(path: path)
                try writer.write([1, 2, 3])
                // Dropped without close(): nothing appears.
            }
            #expect(try TestFiles.contents(of: directory) == [])
            let discarded = try TFRecordWriter(path: path, compression: .gzip)
            try discarded.write([1])
            discarded.discard()
            #expect(try TestFiles.contents(of: directory) == [])

            try TestFiles.write([7], to: path)
            let writer = try TFRecordWriter(path: path)
            try writer.write([4, 5])
            #expect(try TestFiles.bytes(path) == [7], "the old file stays until close()")
            try writer.close()
            try writer.close()  // a second close does nothing
            #expect(try TestFiles.contents(of: directory) == ["data.tfrecord"])
            #expect(try TFRecordReader.records(at: path) == [[4, 5]])
            #expect(throws: FileError.self) { try TFRecordWriter(path: directory + "/missing/x.tfrecord") }
            #expect(throws: FileError.self) { try TFRecordReader(path: directory + "/none.tfrecord") }
        }
    }

    @Test func emptyFiles() throws {
        try TestFiles.withTemporaryDirectory { directory in
            for compression in TFRecordCompression.allCases {
                let path = directory + "/empty_\(compression.rawValue)"
                let writer = try TFRecordWriter(path: path, compression: compression)
                try writer.close()
                #expect(try TFRecordReader.records(at: path, compression: compression) == [])
            }
            #expect(try TestFiles.bytes(directory + "/empty_none") == [])
        }
    }
}

/// The records make_fixtures.py wrote with TensorFlow (its EXAMPLES and RAW), written out.
enum TFRecordReference {
    static let examples: [Example] = [
        Example(features: [
            "name": .bytes([Array("first".utf8), [0x00, 0xFF]]),
            "score": .floats([1.5, -2.25]),
            "label": .int64s([7]),
        ]),
        Example(features: [
            "image": .bytes([(0..<12).map(UInt8.init)]),
            "shape": .int64s([2, 2, 3]),
            "weights": .floats([0.1, 3e-8, -0.0, 1e30]),
            "label": .int64s([-1, 1 << 40, .min, .max]),
        ]),
        Example(features: [
            "empty_floats": .floats([]),
            "text": .strings(["héllo"]),
        ]),
    ]

    static let raw: [[UInt8]] = [[], [0x2A], (0..<300).map { UInt8($0 % 251) }, (0..<70000).map { UInt8($0 % 251) }]
}
