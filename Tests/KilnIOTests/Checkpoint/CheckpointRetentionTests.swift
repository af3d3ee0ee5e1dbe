import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Retention keeps the last K checkpoints plus the best by the monitored metric; the expected
/// sets are worked out by hand from the metric sequences.
@Suite struct CheckpointRetentionTests {
    /// Saves epoch-0001… with `metrics` and returns the directory's checkpoint folders.
    private func run(keepLast: Int, monitor: CheckpointManager.Monitor?, metrics: [Double?],
                     check: (CheckpointManager, [String]) throws -> Void) throws {
        try TestFiles.withTemporaryDirectory { run in
            let manager = CheckpointManager(directory: run + "/checkpoints", keepLast: keepLast, monitor: monitor)
            for (i, metric) in metrics.enumerated() {
                try CheckpointTesting.save(manager, String(format: "epoch-%04d", i + 1), seed: Float(i), epoch: i + 1, metric: metric)
            }
            let folders = CheckpointTesting.listing(manager.directory).filter { $0.hasPrefix("epoch-") }
            try check(manager, folders)
        }
    }

    @Test func keepsTheLastKWithoutAMonitor() throws {
        try run(keepLast: 3, monitor: nil, metrics: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]) { manager, folders throws in
            #expect(folders == ["epoch-0004", "epoch-0005", "epoch-0006"])
            #expect(try manager.entries().map(\.name) == folders)
            #expect(try manager.entries().map(\.epoch) == [4, 5, 6])
            #expect(try manager.latestName() == "epoch-0006")
            #expect(try manager.bestName() == nil)
            #expect(!CheckpointTesting.listing(manager.directory).contains("best"))
        }
    }

    @Test func keepsTheLastKPlusTheLowestInMinMode() throws {
        let monitor = CheckpointManager.Monitor(metric: "val_loss", mode: .min)
        try run(keepLast: 2, monitor: monitor, metrics: [0.5, 0.3, 0.4, 0.6, 0.3, 0.8]) { manager, folders throws in
            // 0.3 first reached at epoch 2; the tie at epoch 5 does not replace it.
            #expect(folders == ["epoch-0002", "epoch-0005", "epoch-0006"])
            #expect(try manager.bestName() == "epoch-0002")
            #expect(try CheckpointTesting.text(manager.directory + "/best") == "epoch-0002\n")
            #expect(try manager.entries().map(\.name) == ["epoch-0002", "epoch-0005", "epoch-0006"])
            #expect(try manager.entries().map(\.metric) == [0.3, 0.3, 0.8])
            #expect(try manager.load(name: "epoch-0002").decodeState(TrainingProgress.self) == CheckpointTesting.progress(2))
        }
    }

    @Test func keepsTheLastKPlusTheHighestInMaxMode() throws {
        let monitor = CheckpointManager.Monitor(metric: "val_accuracy", mode: .max)
        try run(keepLast: 1, monitor: monitor, metrics: [0.50, 0.91, nil, .nan, 0.90, 0.70]) { manager, folders throws in
            // A missing or NaN metric never becomes the best.
            #expect(folders == ["epoch-0002", "epoch-0006"])
            #expect(try manager.bestName() == "epoch-0002")
        }
        try run(keepLast: 2, monitor: monitor, metrics: [0.5, 0.6, 0.7]) { manager, folders throws in
            // The best is also among the last K: nothing extra is kept.
            #expect(folders == ["epoch-0002", "epoch-0003"])
            #expect(try manager.bestName() == "epoch-0003")
        }
    }

    @Test func keepLastZeroKeepsEverything() throws {
        try run(keepLast: 0, monitor: .init(metric: "loss", mode: .min), metrics: [3, 2, 1, 2, 3]) { manager, folders throws in
            #expect(folders == (1...5).map { String(format: "epoch-%04d", $0) })
            #expect(try manager.bestName() == "epoch-0003")
        }
    }

    /// A new manager (a resumed run) continues from index.json: the best survives and the count
    /// of kept checkpoints stays K plus the best.
    @Test func retentionContinuesAcrossManagers() throws {
        try TestFiles.withTemporaryDirectory { run in
            let monitor = CheckpointManager.Monitor(metric: "val_loss", mode: .min)
            let first = CheckpointManager(directory: run + "/checkpoints", keepLast: 2, monitor: monitor)
            try CheckpointTesting.save(first, "epoch-0001", seed: 1, epoch: 1, metric: 0.2)
            try CheckpointTesting.save(first, "epoch-0002", seed: 2, epoch: 2, metric: 0.5)
            let resumed = CheckpointManager(directory: run + "/checkpoints", keepLast: 2, monitor: monitor)
            try CheckpointTesting.save(resumed, "epoch-0003", seed: 3, epoch: 3, metric: 0.6)
            try CheckpointTesting.save(resumed, "epoch-0004", seed: 4, epoch: 4, metric: 0.1)
            #expect(CheckpointTesting.listing(run + "/checkpoints").filter { $0.hasPrefix("epoch") } == ["epoch-0003", "epoch-0004"])
            #expect(try resumed.bestName() == "epoch-0004")

            // Without a monitor, a best chosen earlier is still never deleted.
            let unmonitored = CheckpointManager(directory: run + "/checkpoints", keepLast: 1)
            try CheckpointTesting.save(unmonitored, "epoch-0005", seed: 5, epoch: 5)
            try CheckpointTesting.save(unmonitored, "epoch-0006", seed: 6, epoch: 6)
            #expect(CheckpointTesting.listing(run + "/checkpoints").filter { $0.hasPrefix("epoch") } == ["epoch-0004", "epoch-0006"])
            #expect(try unmonitored.bestName() == "epoch-0004")
        }
    }

    @Test func retentionPlanIsPure() {
        typealias Entry = CheckpointManager.Entry
        let entries = [Entry(name: "a", step: 1, epoch: 1, metric: 0.4), Entry(name: "b", step: 2, epoch: 2, metric: 0.2),
                       Entry(name: "c", step: 3, epoch: 3, metric: 0.3), Entry(name: "d", step: 4, epoch: 4)]
        let min = CheckpointRetention(entries, keepLast: 1, monitor: .init(metric: "m", mode: .min))
        #expect(min.kept.map(\.name) == ["b", "d"] && min.removed.map(\.name) == ["a", "c"] && min.best?.name == "b")
        let max = CheckpointRetention(entries, keepLast: 2, monitor: .init(metric: "m", mode: .max))
        #expect(max.kept.map(\.name) == ["a", "c", "d"] && max.best?.name == "a")
        let pinned = CheckpointRetention(entries, keepLast: 1, monitor: nil, pinned: "a")
        #expect(pinned.kept.map(\.name) == ["a", "d"] && pinned.best == nil)
        #expect(CheckpointRetention([], keepLast: 3, monitor: nil).kept.isEmpty)
    }
}
