/// Stops training when a monitored metric has stopped improving, like Keras's `EarlyStopping`
/// and Lightning's: call `step(_:model:)` once per epoch with the validation metric; it returns
/// true when `patience` epochs in a row brought no improvement larger than `minDelta`.
///
/// ```swift
/// let stopper = EarlyStopping(mode: .min, patience: 5, restoreBestWeights: true)
/// for epoch in 0..<100 {
///     trainOneEpoch()
///     if try stopper.step(validationLoss(), model: model) { break }  // best weights restored
/// }
/// ```
public final class EarlyStopping {
    /// Whether a lower (loss) or higher (accuracy) metric is better.
    public enum Mode: String, Codable, Sendable { case min, max }

    /// What a checkpoint needs to resume the same decisions (not the best weights themselves,
    /// which a checkpoint stores as a model).
    public struct State: Codable, Sendable, Equatable {
        public var best: Double?
        public var bestStep: Int?
        public var wait: Int
        public var steps: Int
        public var stopped: Bool
    }

    public let mode: Mode
    public let patience: Int
    public let minDelta: Double
    public let restoreBestWeights: Bool
    public private(set) var state = State(best: nil, bestStep: nil, wait: 0, steps: 0, stopped: false)
    /// A snapshot of the model when the metric was best (kept only with `restoreBestWeights`).
    public private(set) var bestWeights: StateDict?

    public init(mode: Mode = .min, patience: Int = 10, minDelta: Double = 0, restoreBestWeights: Bool = false) {
        require(patience >= 0, "EarlyStopping: patience must be non-negative, got \(patience)")
        require(minDelta >= 0, "EarlyStopping: minDelta must be non-negative, got \(minDelta)")
        (self.mode, self.patience, self.minDelta, self.restoreBestWeights) = (mode, patience, minDelta, restoreBestWeights)
    }

    /// The best metric seen so far.
    public var best: Double? { state.best }
    /// The number of the call (0-based) that saw the best metric.
    public var bestStep: Int? { state.bestStep }
    /// Whether a call has returned true.
    public var shouldStop: Bool { state.stopped }

    /// Records this epoch's metric. Returns true when training should stop; with
    /// `restoreBestWeights` the model then holds the weights of the best epoch again.
    /// A NaN metric never counts as an improvement.
    @discardableResult
    public func step(_ metric: Double, model: Module? = nil) throws -> Bool {
        defer { state.steps += 1 }
        if isImprovement(metric) {
            state.best = metric
            state.bestStep = state.steps
            state.wait = 0
            if restoreBestWeights, let model { bestWeights = model.stateDict() }
            return false
        }
        state.wait += 1
        guard state.wait >= patience else { return false }
        state.stopped = true
        if restoreBestWeights, let model { try restoreBest(into: model) }
        return true
    }

    /// Loads the best weights seen into `model` (for a run that ended for another reason).
    public func restoreBest(into model: Module) throws {
        if let bestWeights { try model.loadStateDict(bestWeights) }
    }

    /// Restores the counters from a checkpoint.
    public func load(_ saved: State) { state = saved }

    private func isImprovement(_ metric: Double) -> Bool {
        guard !metric.isNaN else { return false }
        guard let best = state.best else { return true }
        switch mode {
        case .min: return metric < best - minDelta
        case .max: return metric > best + minDelta
        }
    }
}
