import Foundation
import Kiln
import Testing
@testable import KilnIO

/// What a checkpoint holds comes back exactly, its files are what PyTorch writes for the same
/// tensors, and a checkpoint PyTorch wrote in this layout loads and resumes here.
/// References: Tests/Fixtures/checkpoint/make_checkpoint.py (check_checkpoint.py checks the reverse).
@Suite struct CheckpointRoundTripTests {
    @Test func modelOptimizerAndStateRoundTripAfterAdamSteps() throws {
        let (model, optimizer) = try CheckpointFixtures.initialModel()
        let loss = try CheckpointFixtures.train(model, optimizer, steps: 3)
        var progress = CheckpointTesting.progress(1)
        progress.losses = [loss, .nan, .infinity]  // a diverged loss must not stop a checkpoint
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints")
            let path = try manager.save(name: "epoch-0001", model: model.stateDict(), optimizer: optimizer.stateDict(),
                                        state: progress, step: 3, epoch: 1)
            #expect(path == run + "/checkpoints/epoch-0001")
            #expect(CheckpointTesting.listing(path) == ["model.safetensors", "optimizer.json", "optimizer.safetensors", "state.json"])
            #expect(try manager.latestName() == "epoch-0001")
            #expect(try CheckpointTesting.text(run + "/checkpoints/latest") == "epoch-0001\n")
            #expect(try manager.bestName() == nil)

            let checkpoint = try #require(try manager.loadLatest())
            #expect(checkpoint.path == path)
            #expect(CheckpointTesting.same(checkpoint.model, model.stateDict()))
            let saved = try #require(checkpoint.optimizer)
            #expect(CheckpointTesting.same(saved.tensors, optimizer.stateDict().tensors))
            #expect(saved.groups == optimizer.stateDict().groups)
            let restored = try checkpoint.decodeState(TrainingProgress.self)
            #expect(restored.epoch == 1 && restored.step == 10 && restored.seed == 42 && restored.note == "epoch 1")
            #expect(restored.losses[0] == loss && restored.losses[1].isNaN && restored.losses[2] == .infinity)

            // Resuming: a fresh model and optimizer loaded from the checkpoint take the same next
            // steps as the ones that kept going.
            let resumedModel = CheckpointFixtures.makeModel()
            try resumedModel.loadStateDict(checkpoint.model)
            let resumedOptimizer = CheckpointFixtures.makeOptimizer(resumedModel)
            try resumedOptimizer.loadStateDict(saved)
            try CheckpointFixtures.train(model, optimizer, steps: 2)
            try CheckpointFixtures.train(resumedModel, resumedOptimizer, steps: 2)
            #expect(CheckpointTesting.same(resumedModel.stateDict(), model.stateDict()))
        }
    }

    /// Kiln's three Adam steps from PyTorch's initial weights reach PyTorch's checkpoint.
    @Test func kilnTrainingReachesPyTorchsCheckpoint() throws {
        let (model, optimizer) = try CheckpointFixtures.initialModel()
        let loss = try CheckpointFixtures.train(model, optimizer, steps: 3)
        let reference = try Checkpoint.load(from: CheckpointFixtures.pytorchCheckpoint)
        #expect(Swift.abs(loss - (try reference.decodeState(FixtureState.self)).loss) < 1e-6)
        func expectClose(_ got: StateDict, _ want: StateDict) {
            #expect(got.keys.sorted() == want.keys.sorted())
            for (key, w) in want {
                guard let g = got[key] else { continue }
                #expect(g.shape == w.shape, "\(key)")
                for (a, b) in zip(g.scalars(as: Double.self), w.scalars(as: Double.self)) {
                    #expect(Swift.abs(a - b) <= 1e-6 + 1e-5 * Swift.abs(b), "\(key): Kiln \(a), PyTorch \(b)")
                }
            }
        }
        expectClose(model.stateDict(), reference.model)
        expectClose(optimizer.stateDict().tensors, try #require(reference.optimizer).tensors)

        // For check_checkpoint.py (PyTorch reads Kiln's checkpoint): the run, when asked for.
        if let out = ProcessInfo.processInfo.environment["KILN_CHECKPOINT_OUT"] {
            let manager = CheckpointManager(directory: out + "/checkpoints")
            try manager.save(name: "epoch-0001", model: model.stateDict(), optimizer: optimizer.stateDict(),
                             state: FixtureState(epoch: 1, step: 3, loss: loss), step: 3, epoch: 1)
        }
    }

    /// PyTorch's checkpoint loads, resumes, and saved again is PyTorch's bytes: equal weights give
    /// equal files.
    @Test func pytorchCheckpointLoadsAndSavesToTheSameBytes() throws {
        let reference = try Checkpoint.load(from: CheckpointFixtures.pytorchCheckpoint)
        let state = try reference.decodeState(FixtureState.self)
        #expect(state.epoch == 1 && state.step == 3)
        let groups = try #require(reference.optimizer).groups
        #expect(groups.map(\.params) == [[0, 1, 2, 3]])
        #expect(groups[0].hyperparameters["lr"] == 0.01 && groups[0].hyperparameters["betas"] == [0.9, 0.99])
        #expect(groups[0].hyperparameters["weight_decay"] == 0.001)

        let model = CheckpointFixtures.makeModel()
        try model.loadStateDict(reference.model)
        let optimizer = CheckpointFixtures.makeOptimizer(model)
        try optimizer.loadStateDict(try #require(reference.optimizer))
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints")
            let path = try manager.save(name: "epoch-0001", model: model.stateDict(), optimizer: optimizer.stateDict(),
                                        state: state, step: 3, epoch: 1)
            for file in ["model.safetensors", "optimizer.safetensors"] {
                #expect(try TestFiles.bytes(path + "/" + file) == TestFiles.bytes(CheckpointFixtures.pytorchCheckpoint + "/" + file), "\(file)")
            }
        }
    }

    @Test func modelFileIsTheSafetensorsEncodingWithFormatPtOnly() throws {
        let (model, optimizer) = try CheckpointFixtures.initialModel()
        try CheckpointFixtures.train(model, optimizer, steps: 2)
        try TestFiles.withTemporaryDirectory { run in
            let first = CheckpointManager(directory: run + "/a/checkpoints")
            let second = CheckpointManager(directory: run + "/b/checkpoints", keepLast: 0)
            try FileManager.default.createDirectory(atPath: run + "/a", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: run + "/b", withIntermediateDirectories: false)
            let a = try first.save(name: "epoch-0002", model: model.stateDict(), optimizer: optimizer.stateDict(),
                                   state: CheckpointTesting.progress(2), step: 20, epoch: 2, metric: 0.5)
            // Equal weights, another run, name, step and state: the tensor files are the same bytes.
            let copy = CheckpointFixtures.makeModel()
            try copy.loadStateDict(model.stateDict())
            let b = try second.save(name: "step-00000007", model: copy.stateDict(), optimizer: optimizer.stateDict(),
                                    state: CheckpointTesting.progress(9), step: 7, epoch: 0)
            let expected = SafeTensors.encode(model.stateDict(), metadata: ["format": "pt"])
            #expect(try TestFiles.bytes(a + "/model.safetensors") == expected)
            #expect(try TestFiles.bytes(b + "/model.safetensors") == expected)
            #expect(try SafeTensors.read(a + "/model.safetensors").metadata == ["format": "pt"])
            #expect(try TestFiles.bytes(a + "/optimizer.safetensors")
                    == SafeTensors.encode(optimizer.stateDict().tensors, metadata: ["format": "pt"]))
            #expect(try TestFiles.bytes(b + "/optimizer.safetensors") == TestFiles.bytes(a + "/optimizer.safetensors"))
        }
    }

    /// The JSON files are pretty-printed with sorted keys; `optimizer.json` is PyTorch's
    /// {"param_groups": […]} and `index.json` the documented list.
    @Test func jsonFilesHaveTheDocumentedForm() throws {
        let (model, optimizer) = try CheckpointFixtures.initialModel()
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints", monitor: .init(metric: "val_loss", mode: .min))
            let path = try manager.save(name: "epoch-0001", model: model.stateDict(), optimizer: optimizer.stateDict(),
                                        state: FixtureState(epoch: 1, step: 3, loss: 0.5), step: 3, epoch: 1, metric: 0.25)
            try manager.save(name: "epoch-0002", model: model.stateDict(), state: FixtureState(epoch: 2, step: 6, loss: 0.75),
                             step: 6, epoch: 2)
            #expect(try CheckpointTesting.text(path + "/state.json") == """
                {
                  "epoch" : 1,
                  "loss" : 0.5,
                  "step" : 3
                }

                """)
            let groups = try JSONSerialization.jsonObject(with: Data(TestFiles.bytes(path + "/optimizer.json"))) as? [String: Any]
            let group = try #require((groups?["param_groups"] as? [[String: Any]])?.first)
            #expect(group["params"] as? [Int] == [0, 1, 2, 3])
            #expect(group["lr"] as? Double == 0.01 && group["betas"] as? [Double] == [0.9, 0.99])
            #expect(group["amsgrad"] as? Bool == false)
            #expect(try CheckpointTesting.text(run + "/checkpoints/index.json") == """
                [
                  {
                    "epoch" : 1,
                    "metric" : 0.25,
                    "name" : "epoch-0001",
                    "step" : 3
                  },
                  {
                    "epoch" : 2,
                    "name" : "epoch-0002",
                    "step" : 6
                  }
                ]

                """)
            #expect(try manager.entries() == [.init(name: "epoch-0001", step: 3, epoch: 1, metric: 0.25),
                                              .init(name: "epoch-0002", step: 6, epoch: 2)])
            // Without an optimizer there are no optimizer files, and none come back.
            #expect(CheckpointTesting.listing(run + "/checkpoints/epoch-0002") == ["model.safetensors", "state.json"])
            #expect(try manager.load(name: "epoch-0002").optimizer == nil)
            #expect(try manager.latestName() == "epoch-0002")
            #expect(try manager.bestName() == "epoch-0001")
        }
    }

    /// `kiln inspect`'s view: names, dtypes and shapes in file order, hyperparameters, state JSON.
    @Test func summaryListsTheTensorsOfPyTorchsCheckpoint() throws {
        let summary = try CheckpointSummary(directory: CheckpointFixtures.pytorchCheckpoint)
        #expect(summary.model == [
            .init(name: "0.bias", dtype: .float32, shape: [3]), .init(name: "0.weight", dtype: .float32, shape: [3, 4]),
            .init(name: "2.bias", dtype: .float32, shape: [2]), .init(name: "2.weight", dtype: .float32, shape: [2, 3]),
        ])
        let optimizer = try #require(summary.optimizer)
        #expect(optimizer.count == 12)
        #expect(optimizer.contains(.init(name: "state.0.exp_avg", dtype: .float32, shape: [3, 4])))
        #expect(optimizer.contains(.init(name: "state.3.step", dtype: .float32, shape: [])))
        #expect(summary.parameterGroups?.first?.hyperparameters["eps"] == 1e-8)
        #expect(String(decoding: summary.stateJSON, as: UTF8.self).contains("\"step\": 3"))
        #expect(Checkpoint.isCheckpointDirectory(CheckpointFixtures.pytorchCheckpoint))
        #expect(!Checkpoint.isCheckpointDirectory(CheckpointFixtures.directory))
        #expect(!Checkpoint.isCheckpointDirectory(CheckpointFixtures.directory + "/initial.safetensors"))
    }
}
