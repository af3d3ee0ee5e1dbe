import Foundation
import Kiln
import KilnIO
import Testing
@testable import kiln

/// `kiln inspect RUN`: the checkpoints with their epoch and step, `latest` (a one-line file) and
/// `best` (a symbolic link), then the latest checkpoint.
@Suite struct RunInspectionTests {
    @Test func runWithThreeCheckpoints() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CheckpointFixture.writeRun(at: run)
            let report = try RunInspection(path: run)
            #expect(report.files == ["checkpoints", "config.yaml", "metrics.csv"])
            // Numeric order: epoch-10 after epoch-9.
            #expect(report.checkpoints == [.init(name: "epoch-2", epoch: 2, step: 100),
                                           .init(name: "epoch-9", epoch: 9, step: 450),
                                           .init(name: "epoch-10", epoch: 10, step: 500)])
            #expect(report.latest == "epoch-10")
            #expect(report.best == "epoch-9")
            #expect(report.latestCheckpoint?.path == run + "/checkpoints/epoch-10")
            #expect(report.latestCheckpoint?.epochAndStep.epoch == 10)
            #expect(report.latestCheckpoint?.epochAndStep.step == 500)

            let text = report.text
            #expect(text.hasPrefix("""
                run  \(run)

                files: checkpoints, config.yaml, metrics.csv

                checkpoints (3)
                  name      epoch  step
                  epoch-2       2   100
                  epoch-9       9   450  best
                  epoch-10     10   500  latest

                latest      epoch-10
                best        epoch-9
                index.json  {3 keys: checkpoints, mode, monitor}

                latest checkpoint  \(run)/checkpoints/epoch-10

                """))

            let json = report.json
            #expect(json["format"] == "run")
            #expect(json["latest"] == "epoch-10")
            #expect(json["best"] == "epoch-9")
            #expect(json["checkpoints"]?.arrayCount == 3)
            #expect(json["index"]?["monitor"] == "val_accuracy")
            #expect(json["latest_checkpoint"]?["state"]?["step"] == 500)
        }
    }

    /// A checkpoint directory in progress (no state.json yet) or with a damaged state.json is
    /// listed with the problem; the run is still shown.
    @Test func checkpointsWithProblems() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CheckpointFixture.writeRun(at: run)
            try FileManager.default.removeItem(atPath: run + "/checkpoints/epoch-2/state.json")
            try CLITestFiles.write("{", to: run + "/checkpoints/epoch-9/state.json")
            // The writer's temporary directories are hidden and not listed.
            try CLITestFiles.makeDirectory(run + "/checkpoints/.epoch-11.tmp")
            let report = try RunInspection(path: run)
            #expect(report.checkpoints == [.init(name: "epoch-2", problem: "no state.json"),
                                           .init(name: "epoch-9", problem: "unreadable state.json"),
                                           .init(name: "epoch-10", epoch: 10, step: 500)])
            #expect(report.text.contains("  epoch-2       ?     ?  no state.json\n"))
            #expect(report.text.contains("  epoch-9       ?     ?  best, unreadable state.json\n"))
        }
    }

    @Test func noCheckpointsYet() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CLITestFiles.makeDirectory(run + "/checkpoints")
            let report = try RunInspection(path: run)
            #expect(report.checkpoints.isEmpty && report.latest == nil && report.latestCheckpoint == nil)
            #expect(report.text.hasSuffix("checkpoints (0)\n\nlatest  none\nbest    none"))
            #expect(report.json["latest_checkpoint"] == .null)
        }
    }

    @Test func latestNamesNoCheckpoint() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CheckpointFixture.writeRun(at: run)
            try CLITestFiles.write("epoch-11\n", to: run + "/checkpoints/latest")
            #expect(throws: CommandError("\(run)/checkpoints/latest names \"epoch-11\", but \(run)/checkpoints/epoch-11 "
                                         + "is not a checkpoint directory")) {
                try RunInspection(path: run)
            }
            try CLITestFiles.write("\n", to: run + "/checkpoints/latest")
            #expect(throws: CommandError("\(run)/checkpoints/latest: empty; it should name a checkpoint directory")) {
                try RunInspection(path: run)
            }
        }
    }
}
