import Foundation
import KilnIO

/// A checkpoint directory, `RUN/checkpoints/<name>/`: the model's tensors (`model.safetensors`),
/// the optimizer's tensors (`optimizer.safetensors`) and hyper-parameters (`optimizer.json`), and
/// the training state (`state.json`: epoch, step, scheduler, RNG, …). Only the model is
/// required; a missing part is reported as missing, a damaged one is an error.
struct CheckpointInspection: InspectionReport {
    var path: String
    var model: SafeTensorsInspection
    var optimizer: SafeTensorsInspection?
    /// `optimizer.json` as written.
    var optimizerSettings: JSONValue?
    /// `state.json` as written.
    var state: JSONValue?

    init(path: String) throws {
        self.path = path
        let manager = FileManager.default
        func part(_ name: String) -> String? {
            let file = path + "/" + name
            return manager.fileExists(atPath: file) ? file : nil
        }
        guard let modelPath = part("model.safetensors") else {
            throw CommandError("\(path): not a checkpoint directory (it has no model.safetensors)")
        }
        model = try SafeTensorsInspection(path: modelPath)
        optimizer = try part("optimizer.safetensors").map { try SafeTensorsInspection(path: $0) }
        optimizerSettings = try part("optimizer.json").map { try Self.readJSON($0) }
        state = try part("state.json").map { try Self.readJSON($0) }
    }

    static func readJSON(_ path: String) throws -> JSONValue {
        let file = try InputFile(path)
        return try JSONValue(parsing: Data(try file.readExactly(file.size)), source: path)
    }

    /// The optimizer's parameter groups: `param_groups` of `optimizer.json` (PyTorch's
    /// `optimizer.state_dict()` layout), or `groups`, or the file itself when it is a list.
    var parameterGroups: [[String: JSONValue]] {
        let list: JSONValue? = optimizerSettings?["param_groups"] ?? optimizerSettings?["groups"] ?? optimizerSettings
        guard case .array(let items) = list else { return [] }
        return items.compactMap { if case .object(let members) = $0 { members } else { nil } }
    }

    /// The top-level entries of `optimizer.json` other than the groups and per-parameter state.
    var otherOptimizerSettings: [String: JSONValue] {
        guard case .object(let members) = optimizerSettings else { return [:] }
        return members.filter { !["param_groups", "groups", "state"].contains($0.key) }
    }

    var json: JSONValue {
        [
            "format": "checkpoint", "path": .string(path), "model": model.json, "optimizer": optimizer?.json ?? .null,
            "optimizer_settings": optimizerSettings ?? .null,
            "param_groups": .array(parameterGroups.map { .object($0) }), "state": state ?? .null,
        ]
    }

    var text: String {
        var lines = ["checkpoint  \(path)"]
        lines += ["", "state (state.json)"]
        switch state {
        case .object(let members)?:
            lines.append(TextTable.pairs(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value.compact()) }, indent: "  "))
        case let other?:
            lines.append("  " + other.compact())
        case nil:
            lines.append("  none (no state.json)")
        }

        lines += ["", "model (model.safetensors, \(Format.bytes(model.fileSize)))",
                  SafeTensorsInspection.metadataLine(model.metadata, indent: "  "), model.tensors.text(indent: "  ")]

        lines += ["", "optimizer"]
        if let optimizer {
            lines.append("  tensors (optimizer.safetensors, \(Format.bytes(optimizer.fileSize)))")
            lines.append(optimizer.tensors.text(indent: "    "))
        } else {
            lines.append("  tensors: none (no optimizer.safetensors)")
        }
        if optimizerSettings == nil {
            lines.append("  param groups: none (no optimizer.json)")
        } else {
            let groups = parameterGroups
            lines.append("  param groups (optimizer.json): \(groups.count)")
            if !groups.isEmpty { lines.append(Self.groupTable(groups).rendered(indent: "    ")) }
            let other = otherOptimizerSettings
            if !other.isEmpty {
                lines.append(TextTable.pairs(other.sorted { $0.key < $1.key }.map { ($0.key, $0.value.compact()) }, indent: "  "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One row per hyper-parameter, one column per group, the parameter count first. Options
    /// that are null in every group (PyTorch's unset `foreach`, `fused`) are left out.
    static func groupTable(_ groups: [[String: JSONValue]]) -> TextTable {
        let names = Set(groups.flatMap(\.keys)).subtracting(["params"])
            .filter { name in groups.contains { $0[name] != nil && $0[name] != .null } }.sorted()
        var table = TextTable(["hyper-parameter"] + groups.indices.map { "group \($0)" })
        table.append(["params"] + groups.map { group in
            switch group["params"] {
            case .array(let items)?: "\(items.count)"
            case let other?: other.compact(limit: 16)
            case nil: "-"
            }
        })
        for name in names {
            table.append([name] + groups.map { $0[name]?.compact(limit: 24) ?? "-" })
        }
        return table
    }

    /// The epoch and step recorded in `state.json`, for listings.
    var epochAndStep: (epoch: Int64?, step: Int64?) {
        (state?["epoch"]?.integerValue, state?["step"]?.integerValue)
    }
}
