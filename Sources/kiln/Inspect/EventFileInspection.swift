import Foundation
import KilnIO

/// A TensorBoard event file: its file version, how many events, and each tag with its kind
/// (scalar, histogram, image, text, tensor), how many values, the step range and, for scalars,
/// the last value. Every record is checked against its CRCs.
struct EventFileInspection: InspectionReport {
    struct TagSummary: Equatable {
        var tag: String
        var kind: String
        var count = 0
        var firstStep = Int.max
        var lastStep = Int.min
        var lastValue: Double?
    }

    var path: String
    var fileVersion: String?
    var eventCount = 0
    var tags: [TagSummary] = []

    init(path: String) throws {
        self.path = path
        var byTag: [String: TagSummary] = [:]
        for event in try EventFileReader.events(at: path) {
            eventCount += 1
            if case .fileVersion(let version) = event.kind { fileVersion = version }
            for value in event.values {
                var summary = byTag[value.tag] ?? TagSummary(tag: value.tag, kind: Self.kind(of: value.content))
                summary.count += 1
                summary.firstStep = min(summary.firstStep, event.step)
                summary.lastStep = max(summary.lastStep, event.step)
                if case .scalar(let x) = value.content { summary.lastValue = x }
                byTag[value.tag] = summary
            }
        }
        tags = byTag.values.sorted { $0.tag < $1.tag }
    }

    private static func kind(of content: TensorBoardEvent.Content) -> String {
        switch content {
        case .scalar: "scalar"
        case .histogram: "histogram"
        case .image: "image"
        case .text: "text"
        case .tensor: "tensor"
        case .other: "other"
        }
    }

    var json: JSONValue {
        [
            "format": "tensorboard-events", "path": .string(path),
            "file_version": fileVersion.map(JSONValue.string) ?? .null, "events": JSONValue(eventCount),
            "tags": .array(tags.map { t in
                ["tag": .string(t.tag), "kind": .string(t.kind), "count": JSONValue(t.count),
                 "first_step": JSONValue(t.firstStep), "last_step": JSONValue(t.lastStep),
                 "last_value": t.lastValue.map { JSONValue.number($0) } ?? .null]
            }),
        ]
    }

    var text: String {
        var lines = ["tensorboard events  \(path)", ""]
        lines.append(TextTable.pairs([
            ("file version", fileVersion ?? "(none)"),
            ("events", Format.grouped(eventCount)),
            ("tags", Format.grouped(tags.count)),
        ]))
        if !tags.isEmpty {
            lines.append("")
            var table = TextTable(["tag", "kind", "values", "steps", "last"], rightAligned: ["values", "last"])
            for t in tags {
                table.append([t.tag, t.kind, Format.grouped(t.count), "\(t.firstStep)…\(t.lastStep)",
                              t.lastValue.map { String(format: "%.6g", $0) } ?? ""])
            }
            lines.append(table.rendered(indent: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
