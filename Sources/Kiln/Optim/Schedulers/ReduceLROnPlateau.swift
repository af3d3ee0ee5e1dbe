/// Reduces each group's learning rate by `factor` when a metric has stopped improving for more
/// than `patience` steps (PyTorch's `ReduceLROnPlateau`). Call `step(metric:)` after each
/// validation.
///
/// Improvement means, for `.min` mode, a value below `best · (1 − threshold)` (`.rel`) or
/// `best − threshold` (`.abs`); for `.max` mode the mirror images. After a reduction, `cooldown`
/// steps pass before bad steps count again; learning rates never go below `minLRs`, and a
/// reduction smaller than `eps` is not made.
public final class ReduceLROnPlateau: LearningRateScheduler {
    public enum Mode: String, Sendable { case min, max }
    public enum ThresholdMode: String, Sendable { case rel, abs }

    public let optimizer: Optimizer
    public let mode: Mode
    public let factor: Double
    public let patience: Int
    public let threshold: Double
    public let thresholdMode: ThresholdMode
    public let cooldown: Int
    public let eps: Double
    /// The smallest learning rate of each group.
    public var minLRs: [Double]
    private let defaultMinLR: Double?

    /// The best metric so far (infinity, or −infinity in `.max` mode, before the first step).
    public private(set) var best: Double
    public private(set) var numBadEpochs = 0
    public private(set) var cooldownCounter = 0
    public private(set) var lastEpoch = 0
    public private(set) var lastLR: [Double]

    public convenience init(_ optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
                            threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
                            minLR: Double = 0, eps: Double = 1e-8) {
        self.init(optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
                  thresholdMode: thresholdMode, cooldown: cooldown, minLRs: nil, defaultMinLR: minLR, eps: eps)
    }

    /// The same with one smallest learning rate per parameter group.
    public convenience init(_ optimizer: Optimizer, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
                            threshold: Double = 1e-4, thresholdMode: ThresholdMode = .rel, cooldown: Int = 0,
                            minLRs: [Double], eps: Double = 1e-8) {
        require(minLRs.count == optimizer.paramGroups.count,
                "ReduceLROnPlateau: expected \(optimizer.paramGroups.count) minLRs, got \(minLRs.count)")
        self.init(optimizer, mode: mode, factor: factor, patience: patience, threshold: threshold,
                  thresholdMode: thresholdMode, cooldown: cooldown, minLRs: minLRs, defaultMinLR: nil, eps: eps)
    }

    private init(_ optimizer: Optimizer, mode: Mode, factor: Double, patience: Int, threshold: Double,
                 thresholdMode: ThresholdMode, cooldown: Int, minLRs: [Double]?, defaultMinLR: Double?, eps: Double) {
        require(factor < 1, "ReduceLROnPlateau: factor must be < 1, got \(factor)")
        self.optimizer = optimizer
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.eps = eps
        self.defaultMinLR = defaultMinLR
        self.minLRs = minLRs ?? Array(repeating: defaultMinLR!, count: optimizer.paramGroups.count)
        best = mode == .min ? .infinity : -.infinity
        lastLR = optimizer.paramGroups.map(\.lr)
    }

    private var modeWorse: Double { mode == .min ? .infinity : -.infinity }

    /// Records `metric` for the next step and reduces the learning rates if it has not improved
    /// for more than `patience` steps.
    public func step(metric: Double) {
        lastEpoch += 1
        if isBetter(metric, than: best) {
            best = metric
            numBadEpochs = 0
        } else {
            numBadEpochs += 1
        }
        if cooldownCounter > 0 {
            cooldownCounter -= 1
            numBadEpochs = 0
        }
        if numBadEpochs > patience {
            reduceLRs()
            cooldownCounter = cooldown
            numBadEpochs = 0
        }
        lastLR = optimizer.paramGroups.map(\.lr)
    }

    private func reduceLRs() {
        if optimizer.paramGroups.count != minLRs.count {
            guard let defaultMinLR else {
                fatalError("ReduceLROnPlateau: the optimizer has \(optimizer.paramGroups.count) parameter groups, but minLRs has \(minLRs.count); set minLRs to match")
            }
            minLRs = Array(repeating: defaultMinLR, count: optimizer.paramGroups.count)
        }
        for i in optimizer.paramGroups.indices {
            let old = optimizer.paramGroups[i].lr
            let new = Swift.max(old * factor, minLRs[i])
            if old - new > eps { optimizer.paramGroups[i].lr = new }
        }
    }

    private func isBetter(_ a: Double, than best: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .rel): a < best * (1.0 - threshold)
        case (.min, .abs): a < best - threshold
        case (.max, .rel): a > best * (threshold + 1.0)
        case (.max, .abs): a > best + threshold
        }
    }

    // MARK: Checkpoints

    public func stateDict() -> SchedulerState {
        var values: [String: Double] = ["num_bad_epochs": Double(numBadEpochs), "cooldown_counter": Double(cooldownCounter)]
        // Infinity has no JSON form: before the first finite metric, `best` is simply absent.
        if best.isFinite { values["best"] = best }
        return SchedulerState(kind: "ReduceLROnPlateau", lastEpoch: lastEpoch, stepCount: 0, baseLRs: [], lastLR: lastLR,
                              values: values)
    }

    public func loadStateDict(_ state: SchedulerState) throws {
        guard state.kind == "ReduceLROnPlateau" else {
            throw SchedulerStateError.kindMismatch(expected: "ReduceLROnPlateau", found: state.kind)
        }
        guard state.lastLR.count == optimizer.paramGroups.count else {
            throw SchedulerStateError.groupCountMismatch(expected: optimizer.paramGroups.count, found: state.lastLR.count)
        }
        for name in ["num_bad_epochs", "cooldown_counter"] where state.values[name] == nil {
            throw SchedulerStateError.missingValue(scheduler: "ReduceLROnPlateau", name: name)
        }
        lastEpoch = state.lastEpoch
        lastLR = state.lastLR
        numBadEpochs = Int(state.values["num_bad_epochs"]!)
        cooldownCounter = Int(state.values["cooldown_counter"]!)
        best = state.values["best"] ?? modeWorse
    }
}
