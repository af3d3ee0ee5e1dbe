import Foundation
import KilnIO

/// A run directory: its files, its checkpoints (with the epoch and step of each and which are
/// `latest` and `best`), and the latest checkpoint in full.
struct RunInspection: InspectionReport {
    struct CheckpointSummary: Equatable {
        var name: String
        var epoch: Int64?
        var step: Int64?
        /// Why its `state.json` could not be read, if it could not.
        var problem: String?
    }

    var path: String
    /// The run's top-level files and directories, sorted.
    var files: [String]
    var checkpoints: [CheckpointSummary]
    /// The checkpoint names in `checkpoints/latest` and `checkpoints/best`.
    var latest: String?
    var best: String?
    /// `checkpoints/index.json` as written.
    var index: JSONValue?
    var latestCheckpoint: CheckpointInspection?

    init(path: String) throws {
        self.path = path
        let manager = FileManager.default
        let directory = path + "/checkpoints"
        files = try Self.entries(of: path)
        var summaries: [CheckpointSummary] = []
        for name in try Self.entries(of: directory) where !name.hasPrefix(".") {
            var isDirectory: ObjCBool = false
            let checkpoint = directory + "/" + name
            // Pointers (`best` may be a symbolic link to a checkpoint) are not checkpoints themselves.
            let isLink = (try? manager.attributesOfItem(atPath: checkpoint)[.type] as? FileAttributeType) == .typeSymbolicLink
            guard !isLink, manager.fileExists(atPath: checkpoint, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            var summary = CheckpointSummary(name: name)
            if manager.fileExists(atPath: checkpoint + "/state.json") {
                do {
                    let state = try CheckpointInspection.readJSON(checkpoint + "/state.json")
                    (summary.epoch, summary.step) = (state["epoch"]?.integerValue, state["step"]?.integerValue)
                } catch {
                    summary.problem = "unreadable state.json"
                }
            } else {
                summary.problem = "no state.json"
            }
            summaries.append(summary)
        }
        checkpoints = summaries.sorted { $0.name.compare($1.name, options: .numeric) == .orderedAscending }
        latest = try Self.pointer(directory + "/latest")
        best = try Self.pointer(directory + "/best")
        if manager.fileExists(atPath: directory + "/index.json") {
            index = try CheckpointInspection.readJSON(directory + "/index.json")
        }
        if let latest {
            let target = latest.hasPrefix("/") ? latest : directory + "/" + latest
            guard manager.fileExists(atPath: target + "/model.safetensors") else {
                throw CommandError("\(directory)/latest names \"\(latest)\", but \(target) is not a checkpoint directory")
            }
            latestCheckpoint = try CheckpointInspection(path: target)
        }
    }

    /// The sorted names in `directory`.
    private static func entries(of directory: String) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw CommandError("\(directory): cannot list the directory")
        }
    }

    /// The checkpoint a pointer names: a symbolic link's target, or the first line of a file; nil
    /// when there is no pointer.
    static func pointer(_ path: String) throws -> String? {
        let manager = FileManager.default
        if let target = try? manager.destinationOfSymbolicLink(atPath: path) {
            return target
        }
        guard manager.fileExists(atPath: path) else { return nil }
        let file = try InputFile(path)
        let text = String(decoding: try file.readExactly(min(file.size, 4096)), as: UTF8.self)
        let line = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard !line.isEmpty else { throw CommandError("\(path): empty; it should name a checkpoint directory") }
        return line
    }

    var json: JSONValue {
        [
            "format": "run", "path": .string(path), "files": .array(files.map { .string($0) }),
            "latest": JSONValue(latest), "best": JSONValue(best), "index": index ?? .null,
            "checkpoints": .array(checkpoints.map { summary in
                ["name": .string(summary.name), "epoch": summary.epoch.map { .integer($0) } ?? .null,
                 "step": summary.step.map { .integer($0) } ?? .null]
            }),
            "latest_checkpoint": latestCheckpoint?.json ?? .null,
        ]
    }

    var text: String {
        var lines = ["run  \(path)", "", "files: " + files.joined(separator: ", "), ""]
        lines.append("checkpoints (\(checkpoints.count))")
        if !checkpoints.isEmpty {
            var table = TextTable(["name", "epoch", "step", ""], rightAligned: ["epoch", "step"])
            for summary in checkpoints {
                let marks = [summary.name == latest.map(Self.lastComponent) ? "latest" : nil,
                             summary.name == best.map(Self.lastComponent) ? "best" : nil, summary.problem]
                table.append([summary.name, summary.epoch.map(String.init) ?? "?", summary.step.map(String.init) ?? "?",
                              marks.compactMap { $0 }.joined(separator: ", ")])
            }
            lines.append(table.rendered(indent: "  "))
        }
        var pointers = [("latest", latest ?? "none"), ("best", best.map { name in
            checkpoints.contains { $0.name == Self.lastComponent(name) } ? name : name + " (missing)"
        } ?? "none")]
        if let index { pointers.append(("index.json", index.compact())) }
        lines += ["", TextTable.pairs(pointers)]
        if let latestCheckpoint {
            lines += ["", "latest " + latestCheckpoint.text]
        }
        return lines.joined(separator: "\n")
    }

    private static func lastComponent(_ path: String) -> String {
        URL(fileURLWithPath: path).lastPathComponent
    }
}
