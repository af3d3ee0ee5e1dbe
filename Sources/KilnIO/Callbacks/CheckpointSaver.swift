import Kiln

/// Saves checkpoints of a `Trainer` run through a `CheckpointManager`: at the end of every epoch
/// (`epoch-0003`, scored by the manager's monitored metric) and, with `everySteps`, every N
/// optimizer steps in between (`step-00000450`). Each holds the model, the optimizer and the
/// trainer's `TrainingState` (with `runConfig` beside it under `"config"` in `state.json`), so
/// `Trainer.restore` continues exactly where it was taken.
public final class CheckpointSaver: TrainingCallback {
    public let manager: CheckpointManager
    public let everySteps: Int?
    /// What the run was started with (its options), saved in every checkpoint's state.
    public let runConfig: (any Encodable & Sendable)?
    /// The global step of the last checkpoint written, to not write the same state twice.
    private var savedStep: Int?

    public init(manager: CheckpointManager, everySteps: Int? = nil, runConfig: (any Encodable & Sendable)? = nil) {
        precondition(everySteps.map { $0 >= 1 } ?? true, "CheckpointSaver: everySteps must be at least 1")
        self.manager = manager
        self.everySteps = everySteps
        self.runConfig = runConfig
    }

    public func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) throws {
        guard let every = everySteps, step.globalStep % every == 0, step.batch < trainer.stepsPerEpoch else { return }
        try save(trainer, metric: nil)
    }

    public func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) throws {
        try save(trainer, metric: manager.monitor.flatMap { record.metrics[$0.metric] })
    }

    /// Writes a checkpoint of the trainer as it is now (after a stop request, say) unless one of
    /// this state exists; returns its path.
    @discardableResult
    public func saveNow(_ trainer: any TrainingLoop) throws -> String {
        try save(trainer, metric: nil)
    }

    @discardableResult
    private func save(_ trainer: any TrainingLoop, metric: Double?) throws -> String {
        let state = trainer.state
        let name = state.batchInEpoch == 0
            ? "epoch-" + Self.padded(state.epoch, 4)
            : "step-" + Self.padded(state.globalStep, 8)
        if savedStep == state.globalStep { return manager.path(of: name) }
        let path = try manager.save(name: name, model: trainer.model.stateDict(), optimizer: trainer.optimizer.stateDict(),
                                    state: SavedState(training: state, config: runConfig),
                                    step: state.globalStep, epoch: state.epoch, metric: metric)
        savedStep = state.globalStep
        return path
    }

    private static func padded(_ n: Int, _ width: Int) -> String {
        let digits = String(n)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

/// state.json: the training state's keys, and the run's config under `"config"`. Decoding it as a
/// `TrainingState` reads the former and skips the latter.
private struct SavedState: Encodable {
    let training: TrainingState
    let config: (any Encodable & Sendable)?

    private enum Key: String, CodingKey { case config }

    func encode(to encoder: any Encoder) throws {
        try training.encode(to: encoder)
        guard let config else { return }
        var container = encoder.container(keyedBy: Key.self)
        try config.encode(to: container.superEncoder(forKey: .config))
    }
}
