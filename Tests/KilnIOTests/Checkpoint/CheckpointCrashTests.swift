import Foundation
import Kiln
import Testing
@testable import KilnIO

/// A save interrupted at any point (a crash, `kill -9`, a failed write) leaves `latest` naming a
/// complete checkpoint, readers ignore what the interrupted save left, and the next save cleans up.
@Suite struct CheckpointCrashTests {
    /// The directory as a crash after each step of a save would leave it: each copy, opened by a
    /// new manager, reads the previous checkpoint until `latest` is replaced, the new one after,
    /// and a following save succeeds and removes every leftover.
    @Test(arguments: CheckpointManager.SaveStage.allCases)
    func crashAfterEachStepLeavesTheLastCompleteCheckpoint(_ stage: CheckpointManager.SaveStage) throws {
        try TestFiles.withTemporaryDirectory { run in
            let directory = run + "/checkpoints"
            let crashed = run + "/crashed"
            var manager = CheckpointManager(directory: directory, keepLast: 1)
            try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1)
            manager.afterStage = { reached in
                // The directory as it is on disk at this moment (each step is synced before the next).
                if reached == stage { try FileManager.default.copyItem(atPath: directory, toPath: crashed) }
            }
            try CheckpointTesting.save(manager, "epoch-0002", seed: 2, epoch: 2)  // keepLast 1: prunes epoch-0001

            let survivor = CheckpointManager(directory: crashed, keepLast: 1)
            let latestMoved = [.latestUpdated, .pruned].contains(stage)
            let checkpoint = try #require(try survivor.loadLatest())
            #expect(checkpoint.path == crashed + (latestMoved ? "/epoch-0002" : "/epoch-0001"))
            #expect(CheckpointTesting.same(checkpoint.model, CheckpointTesting.weights(latestMoved ? 2 : 1)))
            #expect(try checkpoint.decodeState(TrainingProgress.self) == CheckpointTesting.progress(latestMoved ? 2 : 1))
            // A leftover temporary directory exists only before the rename; readers never list it.
            let hasTemporary = CheckpointTesting.listing(crashed).contains { $0.hasPrefix(".tmp-") }
            #expect(hasTemporary == [.written, .indexed].contains(stage))
            let listed: [String] = [.written, .indexed].contains(stage) ? ["epoch-0001"]
                : stage == .pruned ? ["epoch-0002"] : ["epoch-0001", "epoch-0002"]
            #expect(try survivor.entries().map(\.name) == listed)

            // The next save finishes the job: no leftovers, retention applied, index consistent.
            try CheckpointTesting.save(survivor, "epoch-0003", seed: 3, epoch: 3)
            #expect(CheckpointTesting.listing(crashed) == ["epoch-0003", "index.json", "latest"])
            #expect(try survivor.entries().map(\.name) == ["epoch-0003"])
        }
    }

    /// The brief's scenario by hand: a `.tmp-*` directory with a half-written model file and a
    /// half-written `latest` temporary, as `kill -9` during a save leaves them.
    @Test func halfWrittenLeftoversAreIgnoredThenRemoved() throws {
        try TestFiles.withTemporaryDirectory { run in
            let directory = run + "/checkpoints"
            let manager = CheckpointManager(directory: directory)
            try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1)
            let full = SafeTensors.encode(CheckpointTesting.weights(2), metadata: ["format": "pt"])
            try FileManager.default.createDirectory(atPath: directory + "/.tmp-epoch-0002-4242", withIntermediateDirectories: false)
            try TestFiles.write(Array(full.prefix(full.count / 2)), to: directory + "/.tmp-epoch-0002-4242/model.safetensors")
            try TestFiles.write(Array("epoch-00".utf8), to: directory + "/.latest.tmp-5d41402abc4b2a76")

            let checkpoint = try #require(try manager.loadLatest())
            #expect(checkpoint.path == directory + "/epoch-0001")
            #expect(CheckpointTesting.same(checkpoint.model, CheckpointTesting.weights(1)))
            #expect(try manager.entries().map(\.name) == ["epoch-0001"])

            try CheckpointTesting.save(manager, "epoch-0002", seed: 2, epoch: 2)
            #expect(CheckpointTesting.listing(directory) == ["epoch-0001", "epoch-0002", "index.json", "latest"])
            #expect(CheckpointTesting.same(try #require(try manager.loadLatest()).model, CheckpointTesting.weights(2)))
        }
    }

    /// A write that fails (here a full disk, injected after the files are written) throws a typed
    /// error naming the checkpoint, and leaves the directory exactly as it was.
    @Test func failedWriteChangesNothing() throws {
        try TestFiles.withTemporaryDirectory { run in
            let directory = run + "/checkpoints"
            var manager = CheckpointManager(directory: directory)
            try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1)
            let before = try CheckpointTesting.snapshot(directory)
            manager.afterStage = { reached in
                if reached == .written {
                    throw FileError(path: directory + "/.tmp-epoch-0002-1/model.safetensors", operation: "write",
                                    code: ENOSPC, reason: "No space left on device")
                }
            }
            let error = #expect(throws: CheckpointError.self) { try CheckpointTesting.save(manager, "epoch-0002", seed: 2, epoch: 2) }
            #expect(error?.kind == .notWritable && error?.code == ENOSPC)
            #expect(error?.path == directory + "/epoch-0002")
            #expect(error?.description.contains("No space left on device") == true)
            #expect(try CheckpointTesting.snapshot(directory) == before)
            #expect(try manager.latestName() == "epoch-0001")
        }
    }

    /// Saving a name again replaces that checkpoint; at no point does `latest` name a missing or
    /// partial directory, whether the file system can swap directories atomically or not.
    @Test(arguments: [true, false])
    func replacingACheckpointOfTheSameNameIsSafe(_ exchange: Bool) throws {
        try TestFiles.withTemporaryDirectory { run in
            let directory = run + "/checkpoints"
            var manager = CheckpointManager(directory: directory)
            manager.allowsExchange = exchange
            try CheckpointTesting.save(manager, "epoch-0001", seed: 1, epoch: 1)
            manager.afterStage = { reached in
                try FileManager.default.copyItem(atPath: directory, toPath: run + "/at-\(reached.rawValue)")
            }
            try CheckpointTesting.save(manager, "epoch-0001", seed: 5, epoch: 1)
            #expect(CheckpointTesting.same(try #require(try manager.loadLatest()).model, CheckpointTesting.weights(5)))
            #expect(CheckpointTesting.listing(directory) == ["epoch-0001", "index.json", "latest"])
            #expect(try manager.entries().map(\.name) == ["epoch-0001"])

            for stage in CheckpointManager.SaveStage.allCases where stage != .pruned {
                let copy = CheckpointManager(directory: run + "/at-\(stage.rawValue)")
                // Absent is allowed (the fallback removes `latest` while it swaps by hand); a
                // checkpoint it names is complete, the old one or the new one.
                guard let checkpoint = try copy.loadLatest() else {
                    #expect(!exchange, "latest vanished at \(stage)")
                    continue
                }
                let isOld = CheckpointTesting.same(checkpoint.model, CheckpointTesting.weights(1))
                let isNew = CheckpointTesting.same(checkpoint.model, CheckpointTesting.weights(5))
                #expect(isOld == [.written, .indexed].contains(stage) && isNew != isOld, "at \(stage)")
            }
        }
    }
}
