import Foundation

/// Anneals each group's learning rate from its initial value to `etaMin` along half a cosine over
/// `tMax` steps, then back up (PyTorch's `CosineAnnealingLR`, with its chainable form):
/// lr = etaMin + (initial − etaMin) · (1 + cos(π · epoch / tMax)) / 2.
public final class CosineAnnealingLR: LRScheduler {
    public let tMax: Int
    public let etaMin: Double

    public init(_ optimizer: Optimizer, tMax: Int, etaMin: Double = 0) {
        require(tMax > 0, "CosineAnnealingLR: tMax must be positive, got \(tMax)")
        self.tMax = tMax
        self.etaMin = etaMin
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        let tMax = Double(self.tMax), epoch = Double(lastEpoch)
        if isInitial { return currentLRs }
        if stepCount == 1 && lastEpoch > 0 {
            return baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(epoch * Double.pi / tMax)) / 2 }
        }
        if floorMod(lastEpoch - 1 - self.tMax, 2 * self.tMax) == 0 {
            return zip(baseLRs, currentLRs).map { base, lr in
                lr + (base - etaMin) * (1 - cos(Double.pi / tMax)) / 2
            }
        }
        return currentLRs.map { lr in
            (1 + cos(Double.pi * epoch / tMax)) / (1 + cos(Double.pi * (epoch - 1) / tMax)) * (lr - etaMin) + etaMin
        }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * Double(lastEpoch) / Double(tMax))) / 2 }
    }
}
