import Testing
@testable import Kiln

@Suite struct EarlyStoppingTests {
    /// The index of the call that returned true, or nil.
    private func stopIndex(_ stopper: EarlyStopping, _ metrics: [Double]) throws -> Int? {
        for (i, m) in metrics.enumerated() where try stopper.step(m) { return i }
        return nil
    }

    @Test func minModeStopsAfterPatienceEpochsWithoutImprovement() throws {
        let stopper = EarlyStopping(mode: .min, patience: 3)
        #expect(try stopIndex(stopper, [1.0, 0.9, 0.95, 0.91, 0.92, 0.5]) == 4)
        #expect(stopper.best == 0.9 && stopper.bestStep == 1 && stopper.shouldStop)
    }

    @Test func improvementsSmallerThanMinDeltaDoNotCount() throws {
        let stopper = EarlyStopping(mode: .min, patience: 2, minDelta: 0.02)
        #expect(try stopIndex(stopper, [1.0, 0.99, 0.97, 0.985, 0.96, 0.9]) == 4)  // 0.96 is only 0.01 better than 0.97
        #expect(stopper.best == 0.97)
    }

    @Test func maxModeAndNaN() throws {
        let stopper = EarlyStopping(mode: .max, patience: 2)
        #expect(try stopIndex(stopper, [0.5, 0.7, .nan, 0.8, 0.6, 0.8]) == 5)
        #expect(stopper.best == 0.8 && stopper.bestStep == 3)
        #expect(try stopIndex(EarlyStopping(patience: 5), [3, 2, 1, 0]) == nil)
    }

    @Test func restoresTheBestWeightsWhenItStops() throws {
        let model = Linear(3, 2)
        let stopper = EarlyStopping(mode: .min, patience: 2, restoreBestWeights: true)
        var weightsAtBest: [Float] = []
        for (epoch, loss) in [0.8, 0.5, 0.6, 0.7].enumerated() {
            model.weight.value = Tensor.full([2, 3], Double(epoch))
            if epoch == 1 { weightsAtBest = model.weight.value.scalars() }
            if try stopper.step(loss, model: model) { break }
        }
        #expect(stopper.shouldStop)
        #expect(model.weight.value.scalars(as: Float.self) == weightsAtBest)
    }

    @Test func stateRoundTripResumesTheSameDecisions() throws {
        let a = EarlyStopping(patience: 3)
        for m in [1.0, 0.8, 0.9] { try a.step(m) }
        let b = EarlyStopping(patience: 3)
        b.load(a.state)
        #expect(b.state == a.state)
        #expect(try b.step(0.85) == false)
        #expect(try b.step(0.81) == true)
    }
}
