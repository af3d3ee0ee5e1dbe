import Foundation
import KilnIO

/// A TFRecord file: how many records, their bytes, the file's compression, and — when the first
/// record is a `tf.train.Example` — its features (name, kind, number of values). Every record is
/// read and checked against its CRCs, so a damaged file is an error naming the record.
struct TFRecordInspection: InspectionReport {
    /// One feature of the first record's `tf.train.Example`.
    struct FeatureSummary: Equatable {
        var name: String
        /// `bytes`, `float` or `int64`, as TensorFlow names the lists.
        var kind: String
        var count: Int
    }

    var path: String
    var fileSize: Int
    var compression: TFRecordCompression
    var recordCount = 0
    var recordBytes = 0
    /// The features of the first record, nil when it is not a `tf.train.Example` with features.
    var firstExample: [FeatureSummary]?

    init(path: String) throws {
        let file = try InputFile(path)
        let head = try file.readExactly(min(file.size, 16))
        let named: TFRecordCompression? =
            !InspectedFormat.isPlainTFRecord(head) && InspectedFormat.isZlibHeader(head) ? .zlib : nil
        let reader = try TFRecordReader(path: path, compression: named)
        self.path = path
        fileSize = file.size
        compression = reader.compression
        while let record = try reader.next() {
            if recordCount == 0 { firstExample = Self.features(of: record) }
            recordCount += 1
            recordBytes += record.count
        }
    }

    private static func features(of record: [UInt8]) -> [FeatureSummary]? {
        guard let example = try? Example(serializedBytes: record), !example.features.isEmpty else { return nil }
        return example.features.sorted { $0.key < $1.key }.map { name, feature in
            let kind = switch feature {
            case .bytes: "bytes"
            case .floats: "float"
            case .int64s: "int64"
            }
            return FeatureSummary(name: name, kind: kind, count: feature.count)
        }
    }

    var format: String { "tfrecord" }

    var json: JSONValue {
        [
            "format": .string(format), "path": .string(path), "file_bytes": JSONValue(fileSize),
            "compression": .string(compression.rawValue), "records": JSONValue(recordCount),
            "record_bytes": JSONValue(recordBytes),
            "first_example": firstExample.map { features in
                .object(["features": .array(features.map {
                    ["name": .string($0.name), "kind": .string($0.kind), "count": JSONValue($0.count)]
                })])
            } ?? .null,
        ]
    }

    var text: String {
        var lines = ["\(format)  \(path)  (\(Format.bytes(fileSize)))", ""]
        lines.append(TextTable.pairs([
            ("compression", compression.rawValue),
            ("records", Format.grouped(recordCount)),
            ("record bytes", "\(Format.grouped(recordBytes)) (\(Format.bytes(recordBytes)))"),
        ]))
        if let firstExample {
            lines.append("")
            lines.append("first record: tf.train.Example with \(firstExample.count) feature\(firstExample.count == 1 ? "" : "s")")
            var features = TextTable(["feature", "kind", "values"], rightAligned: ["values"])
            for feature in firstExample { features.append([feature.name, feature.kind, Format.grouped(feature.count)]) }
            lines.append(features.rendered(indent: "  "))
        } else if recordCount > 0 {
            lines.append("")
            lines.append("first record: not a tf.train.Example")
        }
        return lines.joined(separator: "\n")
    }
}
