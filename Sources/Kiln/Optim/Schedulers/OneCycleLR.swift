import Foundation

/// The 1cycle policy (Smith & Topin), as PyTorch's `OneCycleLR`, stepped once per batch: the
/// learning rate rises from `maxLR / divFactor` to `maxLR` over the first `pctStart` of
/// `totalSteps`, then anneals to `maxLR / divFactor / finalDivFactor` (with `threePhase`, it first
/// comes back down to the start value). With `cycleMomentum` the momentum (SGD, RMSprop) or Adam's
/// β1 moves the opposite way between `maxMomentum` and `baseMomentum`.
///
/// As PyTorch does, it stores `initial_lr`, `max_lr`, `min_lr` (and `max_momentum`,
/// `base_momentum`) in each parameter group.
public final class OneCycleLR: LRScheduler {
    public enum AnnealStrategy: String, Sendable { case cos, linear }

    private struct Phase {
        let endStep: Double
        let startLR, endLR, startMomentum, endMomentum: String
    }

    public let totalSteps: Int
    public let annealStrategy: AnnealStrategy
    public let cycleMomentum: Bool
    /// Whether the momentum lives in `betas` (Adam) rather than `momentum`.
    private let usesBeta1: Bool
    private let phases: [Phase]

    public convenience init(_ optimizer: Optimizer, maxLR: Double, totalSteps: Int, pctStart: Double = 0.3,
                            annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
                            baseMomentum: Double = 0.85, maxMomentum: Double = 0.95, divFactor: Double = 25,
                            finalDivFactor: Double = 1e4, threePhase: Bool = false) {
        let groups = optimizer.paramGroups.count
        self.init(optimizer, maxLRs: Array(repeating: maxLR, count: groups), totalSteps: totalSteps, pctStart: pctStart,
                  annealStrategy: annealStrategy, cycleMomentum: cycleMomentum,
                  baseMomentums: Array(repeating: baseMomentum, count: groups),
                  maxMomentums: Array(repeating: maxMomentum, count: groups), divFactor: divFactor,
                  finalDivFactor: finalDivFactor, threePhase: threePhase)
    }

    /// The same with one maximum learning rate and momentum range per parameter group.
    public init(_ optimizer: Optimizer, maxLRs: [Double], totalSteps: Int, pctStart: Double = 0.3,
                annealStrategy: AnnealStrategy = .cos, cycleMomentum: Bool = true,
                baseMomentums: [Double], maxMomentums: [Double], divFactor: Double = 25,
                finalDivFactor: Double = 1e4, threePhase: Bool = false) {
        let groups = optimizer.paramGroups.count
        require(totalSteps > 0, "OneCycleLR: totalSteps must be positive, got \(totalSteps)")
        require(pctStart >= 0 && pctStart <= 1, "OneCycleLR: pctStart must be in [0, 1], got \(pctStart)")
        require(maxLRs.count == groups && baseMomentums.count == groups && maxMomentums.count == groups,
                "OneCycleLR: expected one maxLR and momentum per parameter group (\(groups)), got \(maxLRs.count), \(baseMomentums.count), \(maxMomentums.count)")
        self.totalSteps = totalSteps
        self.annealStrategy = annealStrategy
        self.cycleMomentum = cycleMomentum
        let steps = Double(totalSteps)
        phases = threePhase ? [
            Phase(endStep: pctStart * steps - 1, startLR: "initial_lr", endLR: "max_lr",
                  startMomentum: "max_momentum", endMomentum: "base_momentum"),
            Phase(endStep: 2 * pctStart * steps - 2, startLR: "max_lr", endLR: "initial_lr",
                  startMomentum: "base_momentum", endMomentum: "max_momentum"),
            Phase(endStep: steps - 1, startLR: "initial_lr", endLR: "min_lr",
                  startMomentum: "max_momentum", endMomentum: "max_momentum"),
        ] : [
            Phase(endStep: pctStart * steps - 1, startLR: "initial_lr", endLR: "max_lr",
                  startMomentum: "max_momentum", endMomentum: "base_momentum"),
            Phase(endStep: steps - 1, startLR: "max_lr", endLR: "min_lr",
                  startMomentum: "base_momentum", endMomentum: "max_momentum"),
        ]
        for i in 0..<groups {
            let initial = maxLRs[i] / divFactor
            optimizer.paramGroups[i].initialLR = initial
            optimizer.paramGroups[i]["max_lr"] = .number(maxLRs[i])
            optimizer.paramGroups[i]["min_lr"] = .number(initial / finalDivFactor)
        }
        usesBeta1 = optimizer.defaults["betas"] != nil
        if cycleMomentum {
            require(optimizer.defaults["momentum"] != nil || usesBeta1,
                    "OneCycleLR: the optimizer must have a momentum or betas for cycleMomentum (pass cycleMomentum: false)")
            for i in 0..<groups {
                OneCycleLR.setMomentum(maxMomentums[i], of: &optimizer.paramGroups[i], usesBeta1: usesBeta1)
                optimizer.paramGroups[i]["max_momentum"] = .number(maxMomentums[i])
                optimizer.paramGroups[i]["base_momentum"] = .number(baseMomentums[i])
            }
        }
        super.init(optimizer: optimizer)
    }

    private static func setMomentum(_ momentum: Double, of group: inout ParameterGroup, usesBeta1: Bool) {
        if usesBeta1 {
            var betas = group.numbers("betas")
            betas[0] = momentum
            group["betas"] = .numbers(betas)
        } else {
            group["momentum"] = .number(momentum)
        }
    }

    private func anneal(_ start: Double, _ end: Double, _ pct: Double) -> Double {
        switch annealStrategy {
        case .cos: end + (start - end) / 2.0 * (cos(Double.pi * pct) + 1)
        case .linear: (end - start) * pct + start
        }
    }

    override public func computeLR() -> [Double] {
        let stepNumber = Double(lastEpoch)
        require(lastEpoch <= totalSteps,
                "OneCycleLR: tried to step \(lastEpoch) times; the specified number of total steps is \(totalSteps)")
        var lrs: [Double] = []
        for g in optimizer.paramGroups.indices {
            let group = optimizer.paramGroups[g]
            var start = 0.0
            for (i, phase) in phases.enumerated() {
                if stepNumber <= phase.endStep || i == phases.count - 1 {
                    let pct = (stepNumber - start) / (phase.endStep - start)
                    lrs.append(anneal(group.number(phase.startLR), group.number(phase.endLR), pct))
                    if cycleMomentum {
                        let momentum = anneal(group.number(phase.startMomentum), group.number(phase.endMomentum), pct)
                        OneCycleLR.setMomentum(momentum, of: &optimizer.paramGroups[g], usesBeta1: usesBeta1)
                    }
                    break
                }
                start = phase.endStep
            }
        }
        return lrs
    }
}
