/// Something that sets the learning rates (`lr`) of an optimizer's parameter groups as training
/// goes on: every `LRScheduler` (stepped once per epoch or batch) and `ReduceLROnPlateau` (stepped
/// with a metric).
public protocol LearningRateScheduler: AnyObject {
    var optimizer: Optimizer { get }
    /// The learning rate of each group after the latest step (PyTorch's `get_last_lr()`).
    var lastLR: [Double] { get }
    /// The scheduler's progress, for checkpoints.
    func stateDict() -> SchedulerState
    /// Restores progress saved by `stateDict()` of a scheduler of the same kind and configuration;
    /// the optimizer's learning rates are restored by the optimizer's own state. Throws
    /// `SchedulerStateError` and changes nothing when `state` does not fit.
    func loadStateDict(_ state: SchedulerState) throws
}

/// The base of the epoch-driven schedulers, as PyTorch's `LRScheduler`: creating one records each
/// group's `initialLR` (if no scheduler did yet) and sets `lr` to the schedule's value for step 0;
/// `step()`, called after each `optimizer.step()` (per epoch or per batch), moves to the next value.
///
/// Subclasses implement `computeLR()` (PyTorch's chainable `get_lr`, which often derives the next
/// value from the current `lr`) and, where PyTorch has one, `closedFormLR()`; both must use
/// PyTorch's formulas, because the two forms differ in the last bits.
open class LRScheduler: LearningRateScheduler {
    public let optimizer: Optimizer
    /// Each group's learning rate at the start of the schedule (`initial_lr`).
    public internal(set) var baseLRs: [Double]
    /// The index of the latest step: 0 after construction, then 1, 2, …
    public internal(set) var lastEpoch: Int
    public internal(set) var lastLR: [Double] = []
    /// Calls of `step()` so far, the one made by the initialiser included (PyTorch's `_step_count`).
    var stepCount = 0
    /// True while the initialiser takes step 0 (PyTorch's `_is_initial`).
    var isInitial = false

    public init(optimizer: Optimizer) {
        self.optimizer = optimizer
        baseLRs = LRScheduler.recordInitialLRs(of: optimizer)
        lastEpoch = -1
        initialStep()
    }

    /// For schedulers that drive others and take no step of their own when created.
    init(optimizer: Optimizer, takingInitialStep: Bool) {
        self.optimizer = optimizer
        baseLRs = LRScheduler.recordInitialLRs(of: optimizer)
        lastEpoch = -1
        if takingInitialStep { initialStep() }
    }

    private static func recordInitialLRs(of optimizer: Optimizer) -> [Double] {
        for i in optimizer.paramGroups.indices where optimizer.paramGroups[i].initialLR == nil {
            optimizer.paramGroups[i].initialLR = optimizer.paramGroups[i].lr
        }
        return optimizer.paramGroups.map { $0.initialLR! }
    }

    /// Step 0: what the initialiser does (PyTorch's `_initial_step`).
    func initialStep() {
        stepCount = 0
        isInitial = true
        step()
        isInitial = false
    }

    /// Moves the schedule one step on and sets the groups' learning rates.
    open func step() {
        stepCount += 1
        updateLR(epoch: nil)
    }

    /// Sets the learning rates for the next step (`epoch` nil: chainable form) or for `epoch`
    /// (closed form where there is one), as PyTorch's `_update_lr`.
    func updateLR(epoch: Int?) {
        let values: [Double]
        if let epoch {
            lastEpoch = epoch
            values = closedFormLR() ?? computeLR()
        } else {
            lastEpoch += 1
            values = computeLR()
        }
        setLearningRates(values)
    }

    func setLearningRates(_ values: [Double]) {
        require(values.count == optimizer.paramGroups.count,
                "\(kind): the optimizer has \(optimizer.paramGroups.count) parameter groups, the scheduler computed \(values.count) learning rates")
        for (i, lr) in values.enumerated() { optimizer.paramGroups[i].lr = lr }
        lastLR = optimizer.paramGroups.map(\.lr)
    }

    /// The learning rates for `lastEpoch`, as PyTorch's `get_lr` (often from the current `lr`).
    open func computeLR() -> [Double] {
        fatalError("\(kind) must override computeLR()")
    }

    /// The learning rates for `lastEpoch` from `baseLRs` alone, nil where PyTorch has no closed form.
    open func closedFormLR() -> [Double]? { nil }

    /// Steps back one epoch before a `SequentialLR` restarts the schedule (PyTorch's `recursive_undo`).
    func undoLastEpoch() { lastEpoch -= 1 }

    /// The learning rate each group has now.
    var currentLRs: [Double] { optimizer.paramGroups.map(\.lr) }

    var kind: String { String(describing: type(of: self)) }

    // MARK: Checkpoints

    public func stateDict() -> SchedulerState {
        SchedulerState(kind: kind, lastEpoch: lastEpoch, stepCount: stepCount, baseLRs: baseLRs, lastLR: lastLR,
                       values: stateValues(), children: childStates())
    }

    public func loadStateDict(_ state: SchedulerState) throws {
        try validate(state)
        apply(state)
    }

    /// Numbers besides the common ones that the scheduler's progress needs.
    open func stateValues() -> [String: Double] { [:] }
    /// The names `stateValues()` always has.
    open var requiredStateValues: [String] { [] }
    /// Restores what `stateValues()` returned (already checked against `requiredStateValues`).
    open func loadStateValues(_ values: [String: Double]) {}

    func childStates() -> [SchedulerState] { [] }

    func validate(_ state: SchedulerState) throws {
        guard state.kind == kind else { throw SchedulerStateError.kindMismatch(expected: kind, found: state.kind) }
        let groups = optimizer.paramGroups.count
        guard state.baseLRs.count == groups, state.lastLR.count == groups else {
            throw SchedulerStateError.groupCountMismatch(
                expected: groups, found: state.baseLRs.count == groups ? state.lastLR.count : state.baseLRs.count)
        }
        for name in requiredStateValues where state.values[name] == nil {
            throw SchedulerStateError.missingValue(scheduler: kind, name: name)
        }
    }

    func apply(_ state: SchedulerState) {
        lastEpoch = state.lastEpoch
        stepCount = state.stepCount
        baseLRs = state.baseLRs
        lastLR = state.lastLR
        loadStateValues(state.values)
    }
}

/// A scheduler's progress for checkpoints: step counters, the base and latest learning rates, and
/// the numbers particular to its kind (`T_cur`, `best`, …). The schedule's settings (step sizes,
/// milestones, factors) are not part of it: they come from the code that creates the scheduler.
public struct SchedulerState: Sendable, Equatable, Codable {
    /// The scheduler's type name, checked when loading.
    public var kind: String
    public var lastEpoch: Int
    public var stepCount: Int
    public var baseLRs: [Double]
    public var lastLR: [Double]
    public var values: [String: Double]
    /// The states of the schedulers a `SequentialLR` drives, in order.
    public var children: [SchedulerState]

    public init(kind: String, lastEpoch: Int, stepCount: Int, baseLRs: [Double], lastLR: [Double],
                values: [String: Double] = [:], children: [SchedulerState] = []) {
        self.kind = kind
        self.lastEpoch = lastEpoch
        self.stepCount = stepCount
        self.baseLRs = baseLRs
        self.lastLR = lastLR
        self.values = values
        self.children = children
    }
}

/// Why a scheduler refused a saved state; the scheduler is left unchanged.
public enum SchedulerStateError: Error, Equatable, CustomStringConvertible {
    case kindMismatch(expected: String, found: String)
    case groupCountMismatch(expected: Int, found: Int)
    case missingValue(scheduler: String, name: String)
    case childCountMismatch(expected: Int, found: Int)

    public var description: String {
        switch self {
        case let .kindMismatch(expected, found):
            "scheduler state was saved by a \(found), not a \(expected)"
        case let .groupCountMismatch(expected, found):
            "scheduler state has learning rates for \(found) parameter groups, the optimizer has \(expected)"
        case let .missingValue(scheduler, name):
            "\(scheduler) state lacks '\(name)'"
        case let .childCountMismatch(expected, found):
            "SequentialLR state has \(found) schedulers, this SequentialLR has \(expected)"
        }
    }
}

/// Python's `%` on integers: the result has the sign of the divisor.
func floorMod(_ a: Int, _ b: Int) -> Int {
    let r = a % b
    return r != 0 && (r < 0) != (b < 0) ? r + b : r
}

/// Python's `//` on integers: rounds toward negative infinity.
func floorDivide(_ a: Int, _ b: Int) -> Int {
    let q = a / b
    return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
}
