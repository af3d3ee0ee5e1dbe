/// Runs schedulers one after another, switching at the given steps (PyTorch's `SequentialLR`):
/// e.g. a `LinearLR` warm-up for 5 steps, then `CosineAnnealingLR`:
///
/// ```swift
/// let warmup = LinearLR(optimizer, startFactor: 0.1, totalIters: 5)
/// let decay = CosineAnnealingLR(optimizer, tMax: 95)
/// let scheduler = SequentialLR(optimizer, schedulers: [warmup, decay], milestones: [5])
/// ```
///
/// At a milestone the next scheduler starts from its own step 0 (its closed form, where it has one).
/// The schedulers must belong to `optimizer`.
public final class SequentialLR: LRScheduler {
    public let schedulers: [LRScheduler]
    public let milestones: [Int]

    public init(_ optimizer: Optimizer, schedulers: [LRScheduler], milestones: [Int]) {
        require(!schedulers.isEmpty, "SequentialLR: expects at least one scheduler")
        for (i, s) in schedulers.enumerated() {
            require(s.optimizer === optimizer,
                    "SequentialLR: scheduler \(i) (\(s.kind)) belongs to a different optimizer")
        }
        require(milestones.count == schedulers.count - 1,
                "SequentialLR: expects one milestone fewer than schedulers, got \(schedulers.count) schedulers and \(milestones.count) milestones")
        self.schedulers = schedulers
        self.milestones = milestones
        super.init(optimizer: optimizer, takingInitialStep: false)
        lastEpoch = 0
        for i in optimizer.paramGroups.indices {
            optimizer.paramGroups[i].lr = optimizer.paramGroups[i].initialLR!
        }
        undoLastEpoch()
        let first = schedulers[activeIndex(at: 0)]
        first.initialStep()
        lastLR = first.lastLR
    }

    /// The index of the scheduler in charge at `epoch` (Python's `bisect_right`).
    private func activeIndex(at epoch: Int) -> Int {
        milestones.firstIndex { $0 > epoch } ?? milestones.count
    }

    override public func step() {
        lastEpoch += 1
        let index = activeIndex(at: lastEpoch)
        let scheduler = schedulers[index]
        if index > 0 && milestones[index - 1] == lastEpoch {
            scheduler.updateLR(epoch: 0)
        } else {
            scheduler.step()
        }
        lastLR = scheduler.lastLR
    }

    override func undoLastEpoch() {
        for s in schedulers { s.undoLastEpoch() }
    }

    override func childStates() -> [SchedulerState] { schedulers.map { $0.stateDict() } }

    override func validate(_ state: SchedulerState) throws {
        try super.validate(state)
        guard state.children.count == schedulers.count else {
            throw SchedulerStateError.childCountMismatch(expected: schedulers.count, found: state.children.count)
        }
        for (s, child) in zip(schedulers, state.children) { try s.validate(child) }
    }

    override func apply(_ state: SchedulerState) {
        super.apply(state)
        for (s, child) in zip(schedulers, state.children) { s.apply(child) }
    }
}
