import Foundation

/// Cosine annealing from each group's initial learning rate to `etaMin` that restarts every
/// cycle; the first cycle is `t0` steps and each next one `tMult` times longer (PyTorch's
/// `CosineAnnealingWarmRestarts`, SGDR): lr = etaMin + (initial − etaMin) · (1 + cos(π · T_cur / T_i)) / 2.
public final class CosineAnnealingWarmRestarts: LRScheduler {
    public let t0: Int
    public let tMult: Int
    public let etaMin: Double
    /// Length of the current cycle.
    public private(set) var tI: Double
    /// Steps (possibly fractional) since the last restart.
    public private(set) var tCur: Double

    public init(_ optimizer: Optimizer, t0: Int, tMult: Int = 1, etaMin: Double = 0) {
        require(t0 > 0, "CosineAnnealingWarmRestarts: t0 must be a positive integer, got \(t0)")
        require(tMult >= 1, "CosineAnnealingWarmRestarts: tMult must be an integer >= 1, got \(tMult)")
        self.t0 = t0
        self.tMult = tMult
        self.etaMin = etaMin
        tI = Double(t0)
        tCur = -1
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        baseLRs.map { etaMin + ($0 - etaMin) * (1 + cos(Double.pi * tCur / tI)) / 2 }
    }

    override public func step() {
        if lastEpoch < 0 {
            step(epoch: 0)
            return
        }
        tCur += 1
        if tCur >= tI {
            tCur = tCur.truncatingRemainder(dividingBy: tI)
            tI *= Double(tMult)
        }
        lastEpoch += 1
        setLearningRates(computeLR())
    }

    /// Moves to `epoch`, which may be fractional (e.g. `epoch + batch / batches` per batch).
    public func step(epoch: Double) {
        require(epoch >= 0, "CosineAnnealingWarmRestarts: expected a non-negative epoch, got \(epoch)")
        let t0 = Double(self.t0)
        if epoch >= t0 {
            if tMult == 1 {
                tCur = epoch.truncatingRemainder(dividingBy: t0)
            } else {
                let mult = Double(tMult)
                let n = Int(log(epoch / t0 * (mult - 1) + 1) / log(mult))
                let power = Foundation.pow(mult, Double(n))
                tCur = epoch - t0 * (power - 1) / (mult - 1)
                tI = t0 * power
            }
        } else {
            tI = t0
            tCur = epoch
        }
        lastEpoch = Int(epoch.rounded(.down))
        setLearningRates(computeLR())
    }

    override public func stateValues() -> [String: Double] { ["T_i": tI, "T_cur": tCur] }
    override public var requiredStateValues: [String] { ["T_i", "T_cur"] }
    override public func loadStateValues(_ values: [String: Double]) {
        tI = values["T_i"]!
        tCur = values["T_cur"]!
    }
}
