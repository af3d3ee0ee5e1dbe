import Foundation

/// Multiplies each group's learning rate by `gamma` every `stepSize` steps (PyTorch's `StepLR`):
/// lr = initial · gamma^⌊epoch / stepSize⌋.
public final class StepLR: LRScheduler {
    public let stepSize: Int
    public let gamma: Double

    public init(_ optimizer: Optimizer, stepSize: Int, gamma: Double = 0.1) {
        require(stepSize > 0, "StepLR: stepSize must be positive, got \(stepSize)")
        self.stepSize = stepSize
        self.gamma = gamma
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        if lastEpoch == 0 || floorMod(lastEpoch, stepSize) != 0 { return currentLRs }
        return currentLRs.map { $0 * gamma }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * Foundation.pow(gamma, Double(floorDivide(lastEpoch, stepSize))) }
    }
}
