import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Unwritable places and damaged files give a `CheckpointError` naming the path and the reason,
/// and change nothing on disk.
@Suite struct CheckpointErrorTests {
    // MARK: Writing

    @Test func readOnlyRunDirectoryIsAClearErrorAndNothingChanges() throws {
        try TestFiles.withTemporaryDirectory { run in
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: run)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: run) }
            let manager = CheckpointManager(directory: run + "/checkpoints")
            try CheckpointTesting.withoutRootPrivileges { () throws in
                let preflight = #expect(throws: CheckpointError.self) { try manager.checkWritable() }
                #expect(preflight?.kind == .notWritable && preflight?.code == EACCES)
                #expect(preflight?.description == "checkpoint: \(run)/checkpoints: cannot create the checkpoint directory: Permission denied")
                let save = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1) }
                #expect(save?.kind == .notWritable && save?.code == EACCES && save?.path == run + "/checkpoints")
                #expect(try manager.loadLatest() == nil)
            }
            #expect(CheckpointTesting.listing(run).isEmpty)
        }
    }

    /// A checkpoint directory that became read-only after a first save: the next save fails
    /// before writing, and `latest`, `index.json` and the checkpoint stay as they were.
    @Test func readOnlyCheckpointDirectoryKeepsTheLastCheckpoint() throws {
        try TestFiles.withTemporaryDirectory { run in
            let directory = run + "/checkpoints"
            let manager = CheckpointManager(directory: directory)
            try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1)
            try FileManager.default.createDirectory(atPath: directory + "/.tmp-epoch-0000-7", withIntermediateDirectories: false)
            let before = try CheckpointTesting.snapshot(directory)
            try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: directory)
            defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory) }
            try CheckpointTesting.withoutRootPrivileges { () throws in
                let preflight = #expect(throws: CheckpointError.self) { try manager.checkWritable() }
                #expect(preflight?.kind == .notWritable && preflight?.code == EACCES && preflight?.path == directory)
                #expect(preflight?.description.hasSuffix("cannot write files here: Permission denied") == true)
                let save = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(manager, "epoch-0002", seed: 2, epoch: 2) }
                #expect(save?.kind == .notWritable && save?.code == EACCES && save?.path == directory + "/epoch-0002")
                #expect(save?.description.hasPrefix("checkpoint: \(directory)/epoch-0002: cannot write: Permission denied") == true)
                #expect(try manager.latestName() == "epoch-0001")
            }
            #expect(try CheckpointTesting.snapshot(directory) == before)
        }
    }

    @Test func aFileWhereADirectoryShouldBe() throws {
        try TestFiles.withTemporaryDirectory { run in
            // The run directory is a file.
            try TestFiles.write(Array("not a directory".utf8), to: run + "/run")
            let below = CheckpointManager(directory: run + "/run/checkpoints")
            let error = #expect(throws: CheckpointError.self) { try below.checkWritable() }
            #expect(error?.kind == .notWritable && error?.code == ENOTDIR && error?.path == run + "/run/checkpoints")
            #expect(error?.description.hasSuffix("\(run)/run is not a directory") == true)
            #expect(throws: CheckpointError.self) { try CheckpointTesting.save(below, "epoch-0001", seed: 1, epoch: 1) }
            // The checkpoint directory is a file.
            let manager = CheckpointManager(directory: run + "/run")
            let save = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1) }
            #expect(save?.kind == .notWritable && save?.code == ENOTDIR)
            #expect(save?.description == "checkpoint: \(run)/run: is a file, not a directory")
            #expect(try CheckpointTesting.text(run + "/run") == "not a directory")
            #expect(CheckpointTesting.listing(run) == ["run"])
            // A file where a checkpoint directory of that name would go.
            try FileManager.default.createDirectory(atPath: run + "/checkpoints", withIntermediateDirectories: false)
            try TestFiles.write([1, 2, 3], to: run + "/checkpoints/epoch-0001")
            let blocked = CheckpointManager(directory: run + "/checkpoints")
            let taken = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(blocked, "epoch-0001", seed: 1, epoch: 1) }
            #expect(taken?.kind == .notWritable && taken?.code == ENOTDIR && taken?.path == run + "/checkpoints/epoch-0001")
            #expect(CheckpointTesting.listing(run + "/checkpoints") == ["epoch-0001"])
            #expect(try TestFiles.bytes(run + "/checkpoints/epoch-0001") == [1, 2, 3])
        }
    }

    @Test func missingRunDirectoryIsNamed() throws {
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/missing/checkpoints/")
            #expect(manager.directory == run + "/missing/checkpoints")
            let error = #expect(throws: CheckpointError.self) { try manager.checkWritable() }
            #expect(error?.kind == .notWritable && error?.code == ENOENT)
            #expect(error?.description == "checkpoint: \(run)/missing/checkpoints: cannot create the checkpoint directory: the run directory \(run)/missing does not exist")
            #expect(CheckpointTesting.listing(run).isEmpty)
        }
    }

    @Test func preflightCreatesTheDirectoryAndChecksFreeSpace() throws {
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints")
            try manager.checkWritable(requiredBytes: 1)
            #expect(CheckpointTesting.listing(run) == ["checkpoints"])
            #expect(CheckpointTesting.listing(run + "/checkpoints").isEmpty)
            let error = #expect(throws: CheckpointError.self) { try manager.checkWritable(requiredBytes: Int.max) }
            #expect(error?.kind == .notWritable && error?.code == ENOSPC && error?.path == run + "/checkpoints")
            #expect(error?.description.contains("needs \(Int.max) bytes free") == true)
        }
    }

    /// A state that cannot be encoded fails before anything is written.
    @Test func unencodableStateWritesNothing() throws {
        struct Refuses: Encodable {
            func encode(to encoder: Encoder) throws {
                throw EncodingError.invalidValue(0, .init(codingPath: [], debugDescription: "no JSON form"))
            }
        }
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints")
            let error = #expect(throws: CheckpointError.self) {
                try manager.save(name: "epoch-0001", model: CheckpointTesting.weights(1), state: Refuses(), step: 1, epoch: 1)
            }
            #expect(error?.kind == .unencodable && error?.path == run + "/checkpoints/epoch-0001/state.json")
            #expect(error?.description.contains("no JSON form") == true)
            #expect(CheckpointTesting.listing(run).isEmpty)
        }
    }

    // MARK: Reading

    /// A complete checkpoint with an optimizer, copied into a scratch directory for damaging.
    private func withCheckpoint(_ body: (CheckpointManager, String) throws -> Void) throws {
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints", monitor: .init(metric: "loss", mode: .min))
            let (model, optimizer) = try CheckpointFixtures.initialModel()
            try CheckpointFixtures.train(model, optimizer, steps: 1)
            let path = try manager.save(name: "epoch-0001", model: model.stateDict(), optimizer: optimizer.stateDict(),
                                        state: CheckpointTesting.progress(1), step: 1, epoch: 1, metric: 1)
            try body(manager, path)
        }
    }

    private func expectLoadError(_ manager: CheckpointManager, _ kind: CheckpointError.Kind, path: String,
                                 containing text: String, summaryFails: Bool = true, sourceLocation: SourceLocation = #_sourceLocation) {
        let error = #expect(throws: CheckpointError.self, sourceLocation: sourceLocation) { try manager.loadLatest() }
        #expect(error?.kind == kind, "\(String(describing: error))", sourceLocation: sourceLocation)
        #expect(error?.path == path, sourceLocation: sourceLocation)
        #expect(error?.description.contains(text) == true, "\(String(describing: error))", sourceLocation: sourceLocation)
        // The summary reads the same files and refuses them the same way.
        guard summaryFails else { return }
        #expect(throws: CheckpointError.self, sourceLocation: sourceLocation) {
            try CheckpointSummary(directory: manager.directory + "/epoch-0001")
        }
    }

    @Test func truncatedModelFile() throws {
        try withCheckpoint { manager, path in
            let bytes = try TestFiles.bytes(path + "/model.safetensors")
            try TestFiles.write(Array(bytes.prefix(bytes.count - 3)), to: path + "/model.safetensors")
            expectLoadError(manager, .malformed, path: path + "/model.safetensors", containing: "not a valid safetensors file")
        }
    }

    @Test func optimizerTensorsThatAreNotSafetensors() throws {
        try withCheckpoint { manager, path in
            try TestFiles.write(Array("{\"state\": {}}".utf8), to: path + "/optimizer.safetensors")
            expectLoadError(manager, .malformed, path: path + "/optimizer.safetensors", containing: "not a valid safetensors file")
        }
    }

    @Test func malformedStateJSON() throws {
        try withCheckpoint { manager, path in
            try TestFiles.write(Array("{\"epoch\": 1,".utf8), to: path + "/state.json")
            expectLoadError(manager, .malformed, path: path + "/state.json", containing: "not valid JSON")
        }
    }

    @Test func malformedOptimizerJSON() throws {
        try withCheckpoint { manager, path in
            try TestFiles.write(Array("[1, 2".utf8), to: path + "/optimizer.json")
            expectLoadError(manager, .malformed, path: path + "/optimizer.json", containing: "not valid JSON")
            try TestFiles.write(Array("{\"param_groups\": [{\"lr\": 0.1}]}".utf8), to: path + "/optimizer.json")
            expectLoadError(manager, .malformed, path: path + "/optimizer.json", containing: "missing key \"params\"")
        }
    }

    @Test func missingFiles() throws {
        try withCheckpoint { manager, path in
            try FileManager.default.removeItem(atPath: path + "/optimizer.safetensors")
            expectLoadError(manager, .notFound, path: path + "/optimizer.safetensors", containing: "No such file or directory")
            try FileManager.default.removeItem(atPath: path + "/optimizer.json")
            #expect(try manager.loadLatest()?.optimizer == nil)  // no optimizer files: a checkpoint without one
            try TestFiles.write(SafeTensors.encode([:]), to: path + "/optimizer.safetensors")
            expectLoadError(manager, .notFound, path: path + "/optimizer.json", containing: "incomplete checkpoint")
            try FileManager.default.removeItem(atPath: path + "/state.json")
            try FileManager.default.removeItem(atPath: path + "/optimizer.safetensors")
            expectLoadError(manager, .notFound, path: path + "/state.json", containing: "missing")
            try FileManager.default.removeItem(atPath: path + "/model.safetensors")
            expectLoadError(manager, .notFound, path: path + "/model.safetensors", containing: "missing")
        }
    }

    @Test func latestNamingAMissingOrInvalidCheckpoint() throws {
        try withCheckpoint { manager, path in
            let directory = manager.directory
            try TestFiles.write(Array("epoch-0009\n".utf8), to: directory + "/latest")
            expectLoadError(manager, .notFound, path: directory + "/epoch-0009", containing: "\(directory)/latest names this checkpoint", summaryFails: false)
            for garbage in ["../../etc\n", "epoch-0001\nepoch-0002\n", "", ".tmp-epoch-0001-4\n"] {
                try TestFiles.write(Array(garbage.utf8), to: directory + "/latest")
                let error = #expect(throws: CheckpointError.self) { try manager.latestName() }
                #expect(error?.kind == .malformed && error?.path == directory + "/latest", "\(garbage.debugDescription)")
            }
            try TestFiles.write([0xFF, 0xFE, 0x0A], to: directory + "/best")
            #expect(throws: CheckpointError.self) { try manager.bestName() }
            // A directory given as a checkpoint that is none, or a file.
            let empty = #expect(throws: CheckpointError.self) { try Checkpoint.load(from: directory + "/nothing") }
            #expect(empty?.kind == .notFound && empty?.path == directory + "/nothing")
            let file = #expect(throws: CheckpointError.self) { try Checkpoint.load(from: path + "/state.json") }
            #expect(file?.kind == .malformed && file?.path == path + "/state.json")
        }
    }

    /// A damaged index stops a save before it writes anything: retention must not act on it.
    @Test func malformedIndexStopsTheSaveAndChangesNothing() throws {
        try withCheckpoint { manager, _ in
            let directory = manager.directory
            for index in ["{", "{\"name\": \"epoch-0001\"}", "[{\"name\": \"../../home\", \"step\": 1, \"epoch\": 1}]",
                          "[{\"name\": \"a\", \"step\": 1, \"epoch\": 1}, {\"name\": \"a\", \"step\": 2, \"epoch\": 1}]"] {
                try TestFiles.write(Array(index.utf8), to: directory + "/index.json")
                let before = try CheckpointTesting.snapshot(directory)
                let error = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(manager, "epoch-0002", seed: 2, epoch: 2) }
                #expect(error?.kind == .malformed && error?.path == directory + "/index.json", "\(index)")
                #expect(throws: CheckpointError.self) { try manager.checkWritable() }
                #expect(try CheckpointTesting.snapshot(directory) == before)
            }
        }
    }

    @Test func stateOfAnotherTypeNamesTheField() throws {
        try withCheckpoint { manager, path in
            let checkpoint = try #require(try manager.loadLatest())
            let error = #expect(throws: CheckpointError.self) { try checkpoint.decodeState(FixtureState.self) }
            #expect(error?.kind == .malformed && error?.path == path + "/state.json")
            #expect(error?.description.contains("missing key \"loss\"") == true)
        }
    }
}
