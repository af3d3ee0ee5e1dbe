import Foundation

/// Runs the training loop: epochs of zeroGrad → step (forward + loss) → backward → clip →
/// optimizer step → scheduler, validation after every epoch, early stopping, metrics, callbacks;
/// it can stop after any step and resume from its `state` exactly where it stopped.
///
/// ```swift
/// let trainer = Trainer(model: model, optimizer: Adam(model.parameters(), lr: 1e-3),
///                       metrics: [Accuracy()]) { model, batch in
///     let (x, y) = batch
///     let logits = model(x)
///     return StepOutput(loss: crossEntropy(logits: logits, labels: y), outputs: logits, targets: y)
/// }
/// trainer.scheduling = .perEpoch(StepLR(trainer.optimizer, stepSize: 5, gamma: 0.5))
/// trainer.earlyStopping = EarlyStopping(patience: 3)
/// let history = try trainer.fit(trainLoader, validation: testLoader, epochs: 20)
/// print(history.last("val_accuracy")!)
/// ```
///
/// The same steps written by hand are as short (see the README); the trainer adds the
/// bookkeeping: epoch averages, validation, resumable state, and the hooks that logging,
/// progress bars and checkpoints attach to.
public final class Trainer<Batch>: TrainingLoop {
    public let model: Module
    public let optimizer: Optimizer
    /// When the learning-rate scheduler is stepped; nil for a constant rate.
    public var scheduling: LRScheduling?
    /// Clips the gradients' total 2-norm to this before each optimizer step.
    public var maxGradNorm: Double?
    /// Ends training when `monitor` stops improving (checked after every epoch).
    public var earlyStopping: EarlyStopping?
    /// The epoch figure early stopping and `ReduceLROnPlateau` watch: `val_loss` by default,
    /// `train_loss` when there is no validation data and the name starts with `val_`.
    public var monitor = "val_loss"
    /// Metrics computed every epoch on training and validation batches (their state is reset
    /// each epoch; the loss is always computed).
    public var metrics: [any Metric]
    public var callbacks: [any TrainingCallback] = []
    public let stopRequest = StopRequest()
    public private(set) var epochs = 0
    public private(set) var stepsPerEpoch = 0

    private let step: (Module, Batch) throws -> StepOutput
    private var progress = TrainingState()
    /// The epoch in progress: loss and metric accumulators and the time it has taken so far.
    private var epochLoss = MeanMetric()
    private var epochMetrics: [any Metric] = []
    private var epochSeconds = 0.0

    /// - Parameter step: computes a batch's loss (and outputs/targets for the metrics) with the
    ///   model; called in training mode for training and in eval mode under `noGrad` for validation.
    public init(model: Module, optimizer: Optimizer, metrics: [any Metric] = [],
                step: @escaping (Module, Batch) throws -> StepOutput) {
        self.model = model
        self.optimizer = optimizer
        self.metrics = metrics
        self.step = step
    }

    /// The run's state now, for checkpoints: position, scheduler, early stopping, the default
    /// random generator, the unfinished epoch's sums, the history.
    public var state: TrainingState {
        var s = progress
        s.scheduler = scheduling?.scheduler.stateDict()
        s.earlyStopping = earlyStopping?.state
        s.random = GlobalRandom.generator
        s.partialEpoch = s.batchInEpoch == 0 ? nil : TrainingState.PartialEpoch(
            sums: Dictionary(uniqueKeysWithValues: [("loss", epochLoss.state)] + epochMetrics.map { ($0.name, $0.state) }),
            seconds: epochSeconds)
        return s
    }

    /// Continues from a saved state: the next `fit` starts at its epoch and batch. Load the model
    /// and optimizer from the same checkpoint; the scheduler and early stopping must be set up
    /// as in the saved run before this call.
    public func restore(_ saved: TrainingState) throws {
        if let s = saved.scheduler {
            guard let scheduler = scheduling?.scheduler else {
                throw TrainingStateError("the checkpoint has learning-rate scheduler state (\(s.kind)) but the trainer has no scheduler")
            }
            try scheduler.loadStateDict(s)
        }
        if let e = saved.earlyStopping { earlyStopping?.load(e) }
        if let partial = saved.partialEpoch {
            var loss = MeanMetric()
            try loss.load(state: partial.sums["loss"] ?? [])
            var restored = metrics
            for i in restored.indices {
                restored[i].reset()
                guard let sums = partial.sums[restored[i].name] else {
                    throw TrainingStateError("the checkpoint has no running sums for metric '\(restored[i].name)'")
                }
                try restored[i].load(state: sums)
            }
            (epochLoss, epochMetrics, epochSeconds) = (loss, restored, partial.seconds)
        }
        GlobalRandom.generator = saved.random
        progress = saved
        progress.partialEpoch = nil
    }

    /// Trains until `epochs` epochs are complete (counting those of a restored state), early
    /// stopping fires, or a stop is requested.
    @discardableResult
    public func fit(_ train: some BatchSource<Batch>, validation: (any BatchSource<Batch>)? = nil,
                    epochs: Int) throws -> TrainingHistory {
        precondition(epochs >= 0, "Trainer.fit: epochs must not be negative, got \(epochs)")
        self.epochs = epochs
        stepsPerEpoch = train.count
        stopRequest.reset()
        for c in callbacks { try c.trainingWillBegin(trainer: self) }
        var interrupted = false
        while progress.epoch < epochs && !progress.stoppedEarly {
            if progress.batchInEpoch == 0 { startEpoch() }
            try trainEpoch(train)
            if progress.batchInEpoch < train.count {  // stopped mid-epoch
                interrupted = true
                break
            }
            try finishEpoch(validation: validation)
            if stopRequest.isRequested {
                interrupted = progress.epoch < epochs && !progress.stoppedEarly
                break
            }
        }
        let history = TrainingHistory(epochs: progress.history, stoppedEarly: progress.stoppedEarly,
                                      interrupted: interrupted)
        for c in callbacks { try c.trainingDidEnd(history, trainer: self) }
        return history
    }

    /// The loss and metrics over `data` in eval mode without gradients (keys `loss`, metric names).
    public func evaluate(_ data: any BatchSource<Batch>) throws -> [String: Double] {
        let wasTraining = model.training
        model.eval()
        defer { if wasTraining { model.train() } }
        var loss = MeanMetric()
        var scores = metrics.map { m in var m = m; m.reset(); return m }
        try noGrad {
            try data.forEachBatch(epoch: 0, from: 0) { batch in
                let out = try step(model, batch)
                loss.update(out.loss.item(), weight: Double(out.sampleCount))
                Self.update(&scores, with: out)
                return true
            }
        }
        return Dictionary(uniqueKeysWithValues: [("loss", loss.compute())] + scores.map { ($0.name, $0.compute()) })
    }

    private func startEpoch() {
        epochLoss = MeanMetric()
        epochMetrics = metrics.map { m in var m = m; m.reset(); return m }
        epochSeconds = 0
    }

    private func trainEpoch(_ train: some BatchSource<Batch>) throws {
        let epoch = progress.epoch + 1
        for c in callbacks { try c.epochWillBegin(epoch, trainer: self) }
        model.train()
        var clock = ContinuousClock.now
        try train.forEachBatch(epoch: progress.epoch, from: progress.batchInEpoch) { batch in
            let lr = optimizer.paramGroups.first?.lr ?? 0
            optimizer.zeroGrad()
            let out = try step(model, batch)
            out.loss.backward()
            let gradNorm = maxGradNorm.map { clipGradNorm(model.parameters(), maxNorm: $0) }
            optimizer.step()
            if case .perStep(let scheduler) = scheduling { scheduler.step() }
            let loss = out.loss.item()
            epochLoss.update(loss, weight: Double(out.sampleCount))
            Self.update(&epochMetrics, with: out)
            progress.batchInEpoch += 1
            progress.globalStep += 1
            let now = ContinuousClock.now
            epochSeconds += Self.seconds(clock.duration(to: now))
            clock = now
            let record = StepRecord(epoch: epoch, batch: progress.batchInEpoch, globalStep: progress.globalStep,
                                    loss: loss, sampleCount: out.sampleCount, lr: lr, gradNorm: gradNorm,
                                    running: runningFigures())
            for c in callbacks { try c.stepDidEnd(record, trainer: self) }
            return !stopRequest.isRequested
        }
    }

    private func finishEpoch(validation: (any BatchSource<Batch>)?) throws {
        let start = ContinuousClock.now
        var figures = runningFigures()
        if let validation {
            for (name, value) in try evaluate(validation) { figures["val_" + name] = value }
        }
        let lr = optimizer.paramGroups.first?.lr ?? 0
        let watched = figures[monitor] ?? (monitor.hasPrefix("val_") ? figures["train_" + monitor.dropFirst(4)] : nil)
        switch scheduling {
        case .perEpoch(let scheduler): scheduler.step()
        case .onPlateau(let scheduler):
            guard let watched else { throw TrainingStateError("ReduceLROnPlateau monitors '\(monitor)', which this run does not compute (it has: \(figures.keys.sorted().joined(separator: ", ")))") }
            scheduler.step(metric: watched)
        case .perStep, nil: break
        }
        if let earlyStopping {
            guard let watched else { throw TrainingStateError("early stopping monitors '\(monitor)', which this run does not compute (it has: \(figures.keys.sorted().joined(separator: ", ")))") }
            if try earlyStopping.step(watched, model: model) { progress.stoppedEarly = true }
        }
        epochSeconds += Self.seconds(start.duration(to: .now))
        let record = EpochRecord(epoch: progress.epoch + 1, step: progress.globalStep, lr: lr,
                                 metrics: figures, seconds: epochSeconds)
        progress.history.append(record)
        progress.epoch += 1
        progress.batchInEpoch = 0
        for c in callbacks { try c.epochDidEnd(record, trainer: self) }
    }

    /// The epoch's running train loss and metrics.
    private func runningFigures() -> [String: Double] {
        var figures = ["train_loss": epochLoss.compute()]
        for m in epochMetrics { figures["train_" + m.name] = m.compute() }
        return figures
    }

    private static func update(_ metrics: inout [any Metric], with out: StepOutput) {
        guard !metrics.isEmpty, let outputs = out.outputs, let targets = out.targets else { return }
        for i in metrics.indices { metrics[i].update(outputs: outputs, targets: targets) }
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}

/// A saved training state that does not fit the trainer it is restored into, or a monitored
/// metric the run does not compute.
public struct TrainingStateError: Error, CustomStringConvertible, Sendable {
    public let description: String
    init(_ description: String) { self.description = description }
}
