/// Scales each group's learning rate by a factor that moves linearly from `startFactor` to
/// `endFactor` over `totalIters` steps, then stays (PyTorch's `LinearLR`; the usual warm-up).
public final class LinearLR: LRScheduler {
    public let startFactor: Double
    public let endFactor: Double
    public let totalIters: Int

    public init(_ optimizer: Optimizer, startFactor: Double = 1.0 / 3, endFactor: Double = 1, totalIters: Int = 5) {
        require(startFactor > 0 && startFactor <= 1,
                "LinearLR: startFactor must be in (0, 1], got \(startFactor)")
        require(endFactor >= 0 && endFactor <= 1, "LinearLR: endFactor must be in [0, 1], got \(endFactor)")
        require(totalIters > 0, "LinearLR: totalIters must be positive, got \(totalIters)")
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIters = totalIters
        super.init(optimizer: optimizer)
    }

    override public func computeLR() -> [Double] {
        if lastEpoch == 0 { return currentLRs.map { $0 * startFactor } }
        if isInitial || lastEpoch > totalIters { return currentLRs }
        let change = endFactor - startFactor
        let factor = 1.0 + change / (Double(totalIters) * startFactor + Double(lastEpoch - 1) * change)
        return currentLRs.map { $0 * factor }
    }

    override public func closedFormLR() -> [Double]? {
        baseLRs.map {
            $0 * (startFactor + (endFactor - startFactor) * Double(Swift.min(totalIters, lastEpoch)) / Double(totalIters))
        }
    }
}
