/// Everything besides the weights and the optimizer's state that a run needs to resume exactly
/// where it stopped: its position (epoch, batch), the scheduler's and early stopping's progress,
/// the default random generator (dropout masks), the partial sums of the epoch in progress and
/// the history so far. Checkpoints store it as `state.json`.
public struct TrainingState: Codable, Sendable, Equatable {
    /// Epochs completed.
    public var epoch = 0
    /// Batches of epoch `epoch` already trained (0 between epochs).
    public var batchInEpoch = 0
    /// Optimizer steps taken in the whole run.
    public var globalStep = 0
    /// Whether early stopping ended the run.
    public var stoppedEarly = false
    public var scheduler: SchedulerState?
    public var earlyStopping: EarlyStopping.State?
    /// The default generator (`GlobalRandom`) when the state was taken.
    public var random = RandomGenerator(seed: 0)
    /// The epoch in progress: its loss and metrics' running sums and the seconds spent on it.
    public var partialEpoch: PartialEpoch?
    /// One record per completed epoch.
    public var history: [EpochRecord] = []

    public init() {}

    /// state.json's keys: snake_case, and `step` for the global step as in a checkpoint's index.
    enum CodingKeys: String, CodingKey {
        case epoch, scheduler, random, history
        case batchInEpoch = "batch_in_epoch", globalStep = "step", stoppedEarly = "stopped_early"
        case earlyStopping = "early_stopping", partialEpoch = "partial_epoch"
    }

    /// Running sums of an unfinished epoch (`Metric.state` by name, the loss under "loss").
    public struct PartialEpoch: Codable, Sendable, Equatable {
        public var sums: [String: [Double]]
        public var seconds: Double
    }
}

/// The figures of one epoch, as `metrics.csv` and TensorBoard show them.
public struct EpochRecord: Codable, Sendable, Equatable {
    /// 1 for the first epoch.
    public var epoch: Int
    /// Optimizer steps taken by the end of this epoch.
    public var step: Int
    /// The learning rate of the first parameter group at the end of the epoch, before the
    /// per-epoch scheduler step.
    public var lr: Double
    /// `train_loss`, `train_<metric>`, `val_loss`, `val_<metric>`.
    public var metrics: [String: Double]
    /// Wall time of the epoch's training and validation.
    public var seconds: Double

    public init(epoch: Int, step: Int, lr: Double, metrics: [String: Double], seconds: Double) {
        (self.epoch, self.step, self.lr, self.metrics, self.seconds) = (epoch, step, lr, metrics, seconds)
    }
}

/// What `Trainer.fit` returns.
public struct TrainingHistory: Sendable, Equatable {
    /// Every completed epoch of the run, resumed runs included.
    public var epochs: [EpochRecord]
    /// Whether early stopping ended the run.
    public var stoppedEarly: Bool
    /// Whether a stop request (Ctrl-C, a callback) ended the run before its last epoch.
    public var interrupted: Bool

    /// The last epoch's value of `metric` (`"val_loss"`, `"train_accuracy"`, …).
    public func last(_ metric: String) -> Double? { epochs.last?.metrics[metric] }
}
