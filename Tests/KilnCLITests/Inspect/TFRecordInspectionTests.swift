import Foundation
import KilnIO
import Testing
@testable import kiln

/// `kiln inspect` on TFRecord files written by TensorFlow 2.21 (Tests/Fixtures/tfrecord/
/// make_fixtures.py: three tf.train.Examples, plain, GZIP and ZLIB; four raw records of 0, 1, 300
/// and 70,000 bytes) and by Kiln here.
@Suite struct TFRecordInspectionTests {
    /// The first example of make_fixtures.py: name (2 byte strings), score (2 floats), label (1 int64).
    static let firstExample: [TFRecordInspection.FeatureSummary] = [
        .init(name: "label", kind: "int64", count: 1),
        .init(name: "name", kind: "bytes", count: 2),
        .init(name: "score", kind: "float", count: 2),
    ]

    @Test(arguments: [("examples.tfrecord", TFRecordCompression.none), ("examples.tfrecord.gz", .gzip),
                      ("examples.zlib.tfrecord", .zlib)])
    func examples(_ name: String, _ compression: TFRecordCompression) throws {
        let report = try TFRecordInspection(path: CLITestFiles.fixture("tfrecord/" + name))
        #expect(report.compression == compression)
        #expect(report.recordCount == 3)
        // Each record adds 16 bytes of framing (length, its CRC, the data's CRC) to its data.
        let plainSize = (try CLITestFiles.bytes(CLITestFiles.fixture("tfrecord/examples.tfrecord"))).count
        #expect(report.recordBytes == plainSize - 3 * 16)
        #expect(report.firstExample == Self.firstExample)
    }

    @Test func rawRecords() throws {
        let path = CLITestFiles.fixture("tfrecord/raw.tfrecord")
        let report = try TFRecordInspection(path: path)
        #expect(report.recordCount == 4)
        #expect(report.recordBytes == 0 + 1 + 300 + 70_000)
        // The first record is empty: no features to show.
        #expect(report.firstExample == nil)
        #expect(report.json == [
            "format": "tfrecord", "path": .string(path), "file_bytes": JSONValue(70_301 + 4 * 16),
            "compression": "none", "records": 4, "record_bytes": 70_301, "first_example": .null,
        ])
        #expect(report.text.hasSuffix("first record: not a tf.train.Example"))
    }

    @Test func textOfExamples() throws {
        let path = CLITestFiles.fixture("tfrecord/examples.tfrecord.gz")
        let text = try TFRecordInspection(path: path).text
        #expect(text == """
            tfrecord  \(path)  (257 B)

            compression   gzip
            records       3
            record bytes  237 (237 B)

            first record: tf.train.Example with 3 features
              feature  kind   values
              label    int64       1
              name     bytes       2
              score    float       2
            """)
    }

    @Test func kilnWrittenExamples() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/train.tfrecord"
            let writer = try TFRecordWriter(path: path)
            for i in 0..<5 {
                try writer.write(Example(features: ["image": .bytes([[UInt8](repeating: 7, count: 784)]),
                                                    "label": .int64s([Int64(i)]), "weights": .floats([1, 2, 3])]))
            }
            try writer.close()
            let report = try TFRecordInspection(path: path)
            #expect(report.recordCount == 5)
            #expect(report.firstExample == [.init(name: "image", kind: "bytes", count: 1),
                                            .init(name: "label", kind: "int64", count: 1),
                                            .init(name: "weights", kind: "float", count: 3)])
        }
    }

    /// A file cut inside its third record: the reader's error names the record.
    @Test func truncatedFile() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/cut.tfrecord"
            try CLITestFiles.write(Array(try CLITestFiles.bytes(CLITestFiles.fixture("tfrecord/raw.tfrecord")).prefix(100)), to: path)
            let error = #expect(throws: TFRecordError.self) { try TFRecordInspection(path: path) }
            #expect(error?.kind == .truncated)
            #expect(error?.record == 2)
        }
    }
}
