/// A user's hook into `Trainer.fit`: logging, checkpoints, custom stopping rules. Every method
/// has an empty default, so a callback implements only what it needs; a callback that throws
/// ends training with its error.
///
/// ```swift
/// final class PrintLR: TrainingCallback {
///     func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) {
///         print("epoch \(record.epoch): lr \(record.lr)")
///     }
/// }
/// ```
public protocol TrainingCallback: AnyObject {
    func trainingWillBegin(trainer: any TrainingLoop) throws
    /// `epoch` counts from 1; a run resumed mid-epoch calls this for the epoch it resumes.
    func epochWillBegin(_ epoch: Int, trainer: any TrainingLoop) throws
    func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) throws
    /// Called after validation and the per-epoch scheduler and early-stopping steps, when
    /// `trainer.state` is that of the completed epoch (what an end-of-epoch checkpoint saves).
    func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) throws
    /// Called when `fit` ends: finished, stopped early or interrupted (`history` says which).
    func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) throws
}

extension TrainingCallback {
    public func trainingWillBegin(trainer: any TrainingLoop) throws {}
    public func epochWillBegin(_ epoch: Int, trainer: any TrainingLoop) throws {}
    public func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) throws {}
    public func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) throws {}
    public func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) throws {}
}

/// What a callback sees of the trainer, whatever its batch type.
public protocol TrainingLoop: AnyObject {
    var model: Module { get }
    var optimizer: Optimizer { get }
    /// The run's state now (a snapshot, for checkpoints).
    var state: TrainingState { get }
    /// Epochs the current `fit` runs to.
    var epochs: Int { get }
    /// Batches per training epoch.
    var stepsPerEpoch: Int { get }
    /// Ends training after the current step; thread-safe (signal handlers, other tasks).
    var stopRequest: StopRequest { get }
}

/// One optimizer step as callbacks see it.
public struct StepRecord: Sendable {
    /// 1 for the first epoch.
    public var epoch: Int
    /// 1 for the first batch of the epoch.
    public var batch: Int
    /// Optimizer steps taken in the run, this one included.
    public var globalStep: Int
    /// This batch's loss.
    public var loss: Double
    public var sampleCount: Int
    /// The first parameter group's learning rate used by this step.
    public var lr: Double
    /// The total gradient norm before clipping, when the trainer clips.
    public var gradNorm: Double?
    /// The epoch's running train loss and metrics so far (`train_loss`, `train_accuracy`, …).
    public var running: [String: Double]
}
