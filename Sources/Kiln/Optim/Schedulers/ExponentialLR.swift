import Foundation

/// Multiplies each group's learning rate by `gamma` every step (PyTorch's `ExponentialLR`).
public final class ExponentialLR: LRScheduler {
    public let gamma: Double

    public init(_ optimizer: Optimizer, gamma: Double) {
        self.gamma = gamma
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        isInitial ? currentLRs : currentLRs.map { $0 * gamma }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { $0 * Foundation.pow(gamma, Double(lastEpoch)) }
    }
}
