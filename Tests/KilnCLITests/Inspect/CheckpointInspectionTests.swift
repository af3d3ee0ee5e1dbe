import Foundation
import Kiln
import KilnIO
import Testing
@testable import kiln

/// `kiln inspect` on checkpoint directories (`CheckpointFixture` lays them out with PyTorch's
/// Adam `param_groups`).
@Suite struct CheckpointInspectionTests {
    @Test func fullCheckpoint() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/epoch-3"
            try CheckpointFixture.writeCheckpoint(at: path, epoch: 3, step: 150)
            let report = try CheckpointInspection(path: path)
            #expect(report.model.tensors.entries.map(\.name) == ["0.bias", "0.weight"])
            #expect(report.model.tensors.parameterCount == 9)
            #expect(report.optimizer?.tensors.entries.count == 6)
            #expect(report.optimizer?.tensors.parameterCount == (1 + 6 + 6) + (1 + 3 + 3))
            #expect(report.epochAndStep == (3, 150))
            #expect(report.parameterGroups.count == 1)
            #expect(report.parameterGroups.first?["lr"] == .number(0.001))
            #expect(report.parameterGroups.first?["betas"] == [.number(0.9), .number(0.999)])

            let text = report.text
            #expect(text.hasPrefix("checkpoint  \(path)\n\nstate (state.json)\n"))
            #expect(text.contains("\n  epoch      3\n"))
            #expect(text.contains("\n  step       150\n"))
            #expect(text.contains("\n  metrics    {\"val_accuracy\":0.9,\"val_loss\":0.25}\n"))
            #expect(text.contains("\n  config     {7 keys: batch_size, data, epochs, lr, model, optimizer, …}\n"))
            #expect(text.contains("\n  scheduler  null\n"))
            #expect(text.contains("model (model.safetensors, "))
            #expect(text.contains("  metadata: format=pt\n"))
            #expect(text.contains("  total: 2 tensors, 9 parameters, 36 bytes (36 B)"))
            #expect(text.contains("    state.0.exp_avg     F32    [3, 2]           6     24"))
            #expect(text.contains("""
                  param groups (optimizer.json): 1
                    hyper-parameter         group 0
                    params                  2
                    amsgrad                 false
                    betas                   [0.9,0.999]
                    capturable              false
                    decoupled_weight_decay  false
                    differentiable          false
                    eps                     1e-08
                    lr                      0.001
                    maximize                false
                    weight_decay            0
                """))
            #expect(!text.contains("foreach"))

            let json = report.json
            #expect(json["format"] == "checkpoint")
            #expect(json["state"]?["epoch"] == 3)
            #expect(json["param_groups"] == .array([try #require(report.parameterGroups.first).asJSON]))
            #expect(json["model"]?["total"] == ["tensors": 2, "parameters": 9, "bytes": 36])
            #expect(json["optimizer_settings"]?["param_groups"]?.arrayCount == 1)
        }
    }

    /// Only the model is required; missing parts are said to be missing.
    @Test func modelOnly() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            try SafeTensors.save(["w": Tensor.zeros([2])], to: directory + "/model.safetensors")
            let report = try CheckpointInspection(path: directory)
            #expect(report.optimizer == nil && report.state == nil && report.optimizerSettings == nil)
            #expect(report.text.contains("  none (no state.json)"))
            #expect(report.text.contains("  tensors: none (no optimizer.safetensors)"))
            #expect(report.text.contains("  param groups: none (no optimizer.json)"))
            #expect(report.json["optimizer"] == .null)
            #expect(report.json["state"] == .null)
        }
    }

    @Test func damagedParts() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            try CheckpointFixture.writeCheckpoint(at: directory, epoch: 1, step: 10)
            try CLITestFiles.write(#"{"epoch": 1, "step": "#, to: directory + "/state.json")
            let error = #expect(throws: CommandError.self) { try CheckpointInspection(path: directory) }
            #expect(error?.message.hasPrefix("\(directory)/state.json: not valid JSON (") == true)
            #expect(error?.message.contains("\n") == false)

            try CheckpointFixture.writeCheckpoint(at: directory, epoch: 1, step: 10)
            let model = try CLITestFiles.bytes(directory + "/model.safetensors")
            try CLITestFiles.write(Array(model.dropLast(4)), to: directory + "/model.safetensors")
            let cut = #expect(throws: SafeTensorsError.self) { try CheckpointInspection(path: directory) }
            #expect(cut?.kind == .incompleteBuffer)
        }
    }

    @Test func noModel() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            #expect(throws: CommandError("\(directory): not a checkpoint directory (it has no model.safetensors)")) {
                try CheckpointInspection(path: directory)
            }
        }
    }
}

extension [String: JSONValue] {
    var asJSON: JSONValue { .object(self) }
}

extension JSONValue {
    var arrayCount: Int? {
        if case .array(let items) = self { return items.count }
        return nil
    }
}
