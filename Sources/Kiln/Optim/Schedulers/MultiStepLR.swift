import Foundation

/// Multiplies each group's learning rate by `gamma` at every milestone step (PyTorch's
/// `MultiStepLR`); a milestone listed twice multiplies by `gamma²`.
public final class MultiStepLR: LRScheduler {
    /// How often each milestone was listed.
    public let milestones: [Int: Int]
    public let gamma: Double

    public init(_ optimizer: Optimizer, milestones: [Int], gamma: Double = 0.1) {
        self.milestones = milestones.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        self.gamma = gamma
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        guard let count = milestones[lastEpoch] else { return currentLRs }
        return currentLRs.map { $0 * Foundation.pow(gamma, Double(count)) }
    }

    override public func closedFormLR() -> [Double]? {
        let passed = milestones.reduce(0) { $0 + ($1.key <= lastEpoch ? $1.value : 0) }
        return baseLRs.map { $0 * Foundation.pow(gamma, Double(passed)) }
    }
}
