import Foundation
import Kiln
import KilnData
import KilnIO

/// One `kiln train` invocation: the run directory, the resolved config, the model and trainer
/// (restored from the latest checkpoint when resuming), and the callbacks that write progress,
/// TensorBoard events, metrics.csv and checkpoints.
final class TrainingRun {
    enum Outcome { case finished, interrupted }

    let directory: String
    let config: RunConfig
    let setup: TrainingSetup
    let checkpoints: CheckpointManager

    private init(directory: String, config: RunConfig, setup: TrainingSetup, checkpoints: CheckpointManager) {
        (self.directory, self.config, self.setup, self.checkpoints) = (directory, config, setup, checkpoints)
    }

    /// Works out the config and directory from the command, checks the directory can be written
    /// before any training, and builds (or restores) the model and trainer.
    static func prepare(command: TrainCommand) throws -> TrainingRun {
        var requested = command.commandLineConfig
        if let path = command.config { requested = try RunConfig.load(from: path).overridden(by: requested) }
        try requested.validate()

        let directory: String
        let config: RunConfig
        var resuming = false
        if command.resume {
            guard let dir = command.runDir else { throw CommandError("--resume needs --run-dir DIR, the run to continue") }
            let saved = try RunConfig.load(from: RunFiles.config(in: dir))
            try checkResumeOptions(requested, against: saved)
            config = try saved.overridden(by: RunConfig(epochs: requested.epochs, workers: requested.workers)).resolved()
            directory = dir
            resuming = true
        } else {
            config = try requested.resolved()
            directory = command.runDir ?? RunFiles.defaultDirectory(config)
            if RunFiles.holdsRun(directory) {
                throw CommandError("\(directory) already holds a run; continue it with --resume or choose another --run-dir")
            }
        }
        // Data and model first: a mistake there leaves no half-made run directory behind. A
        // resumed run prepares its table with the preprocessing it saved.
        let savedPreprocessing = RunFiles.preprocessing(in: directory)
        let preprocessing = resuming && FileManager.default.fileExists(atPath: savedPreprocessing)
            ? try TablePipeline.load(from: savedPreprocessing) : nil
        let setup = try TrainingSetup(config: config, preprocessing: preprocessing)
        try RunFiles.createDirectory(directory)
        let checkpoints = CheckpointManager(directory: RunFiles.checkpoints(in: directory),
                                            keepLast: config.keepCheckpoints ?? 3,
                                            monitor: .init(metric: "val_loss", mode: .min))
        try checkpoints.checkWritable()
        let run = TrainingRun(directory: directory, config: config, setup: setup, checkpoints: checkpoints)
        if resuming { try run.restoreLatestCheckpoint() }
        try AtomicFile.write(Array(try config.yaml().utf8), to: RunFiles.config(in: directory))
        if let prep = setup.data.preprocessing, preprocessing == nil { try prep.save(to: savedPreprocessing) }
        return run
    }

    /// With --resume only --epochs (to extend the run) and --workers (which does not change the
    /// batches) may differ from the saved config.
    private static func checkResumeOptions(_ requested: RunConfig, against saved: RunConfig) throws {
        var others = requested
        others.epochs = nil
        others.workers = nil
        let given = try others.yaml().split(separator: "\n").filter { !$0.hasPrefix("{}") }
        let savedLines = Set(try saved.resolved().yaml().split(separator: "\n"))
        let differing = given.filter { !savedLines.contains($0) }
        if !differing.isEmpty {
            throw CommandError("--resume continues the run with its saved config.yaml; these options differ from it: \(differing.joined(separator: ", ")) (only --epochs and --workers may change)")
        }
    }

    private func restoreLatestCheckpoint() throws {
        guard let checkpoint = try checkpoints.loadLatest() else {
            print("no checkpoint in \(checkpoints.directory) yet: starting the run from the beginning")
            return
        }
        try setup.model.loadStateDict(checkpoint.model)
        if let optimizer = checkpoint.optimizer { try setup.trainer.optimizer.loadStateDict(optimizer) }
        let state = try checkpoint.decodeState(TrainingState.self)
        try setup.trainer.restore(state)
        print("resuming \(directory) from \(checkpoint.path): epoch \(state.epoch + 1), step \(state.globalStep)")
    }

    /// Trains to the configured epochs (or until early stopping or a stop signal), then scores
    /// the test split and writes metrics.json.
    func train() throws -> Outcome {
        let trainer = setup.trainer
        let events = try SummaryWriter(logDirectory: directory)
        defer { try? events.close() }
        let checkpointer = CheckpointSaver(manager: checkpoints, everySteps: config.checkpointEvery, runConfig: config)
        trainer.callbacks = [
            ProgressReporter(), TensorBoardLogger(writer: events),
            CSVLogger(path: RunFiles.metricsCSV(in: directory)), checkpointer,
        ]
        let signals = StopSignals(stopping: trainer.stopRequest)
        defer { signals.restore() }

        let history = try trainer.fit(setup.data.train, validation: setup.data.test, epochs: config.epochs ?? 1)
        if history.interrupted {
            let path = try checkpointer.saveNow(trainer)
            print("interrupted: checkpoint \(path); continue with: kiln train --run-dir \(directory) --resume")
            return .interrupted
        }
        let test = try trainer.evaluate(setup.data.test)
        let summary = RunSummary(testAccuracy: test["accuracy"] ?? .nan, testLoss: test["loss"] ?? .nan,
                                 epochs: history.epochs.count, stoppedEarly: history.stoppedEarly,
                                 trainSeconds: history.epochs.reduce(0) { $0 + $1.seconds },
                                 steps: trainer.state.globalStep)
        try summary.write(to: RunFiles.metricsJSON(in: directory))
        print(String(format: "test accuracy %.4f, test loss %.4f after %d epochs (%.1f s); run: %@",
                     summary.testAccuracy, summary.testLoss, summary.epochs, summary.trainSeconds, directory))
        return .finished
    }
}

/// The final figures of a run (`metrics.json`).
struct RunSummary: Codable {
    var testAccuracy: Double
    var testLoss: Double
    var epochs: Int
    var stoppedEarly: Bool
    var trainSeconds: Double
    var steps: Int

    enum CodingKeys: String, CodingKey {
        case testAccuracy = "test_accuracy", testLoss = "test_loss", epochs, stoppedEarly = "stopped_early"
        case trainSeconds = "train_seconds", steps
    }

    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(Array(try encoder.encode(self)) + [0x0A], to: path)
    }
}
