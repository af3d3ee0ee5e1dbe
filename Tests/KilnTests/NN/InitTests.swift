import Testing
@testable import Kiln

// Initialisation rules against PyTorch's formulas (torch/nn/init.py, nn.Linear/Conv2d
// reset_parameters): the bounds are exact, the spreads are statistical over many draws.

private func sampleStd(_ t: Tensor) -> Double {
    let v = t.scalars(as: Double.self)
    let mean = v.reduce(0, +) / Double(v.count)
    return (v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(v.count)).squareRoot()
}

@Suite struct InitTests {
    @Test func gainsMatchPyTorch() {
        #expect(Init.calculateGain(.linear) == 1)
        #expect(Init.calculateGain(.relu) == 1.4142135623730951)
        #expect(Init.calculateGain(.tanh) == 5.0 / 3)
        #expect(Init.calculateGain(.selu) == 0.75)
        #expect(Swift.abs(Init.calculateGain(.leakyRelu(negativeSlope: 0.2)) - 1.3867504905630728) < 1e-15)
        #expect(Init.fans(of: [8, 3, 5, 5]) == (75, 200))
    }

    @Test func linearAndConvDefaultsAreUniformOverOneOverSqrtFanIn() {
        GlobalRandom.seed(3)
        let linear = Linear(400, 300)
        let bound = 1 / 400.0.squareRoot()
        let w = linear.weight.value.scalars(as: Double.self)
        #expect(w.allSatisfy { Swift.abs($0) <= bound })
        #expect(Swift.abs(sampleStd(linear.weight.value) - bound / 3.0.squareRoot()) < 0.02 * bound)
        #expect(linear.bias!.value.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= bound })

        let conv = Conv2d(16, 64, kernelSize: 3, groups: 2)  // fan in = 8 · 3 · 3
        let convBound = 1 / 72.0.squareRoot()
        #expect(conv.weight.value.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= convBound })
        #expect(Swift.abs(sampleStd(conv.weight.value) - convBound / 3.0.squareRoot()) < 0.05 * convBound)
    }

    @Test func initFunctionsHaveTheirSpreads() {
        GlobalRandom.seed(4)
        let p = Parameter(Tensor.zeros([200, 300]))
        Init.xavierUniform(p, gain: 2)
        let xavierBound = 2 * (6.0 / 500).squareRoot()
        #expect(p.value.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= xavierBound })
        #expect(Swift.abs(sampleStd(p.value) - xavierBound / 3.0.squareRoot()) < 0.02 * xavierBound)
        Init.xavierNormal(p)
        #expect(Swift.abs(sampleStd(p.value) - (2.0 / 500).squareRoot()) < 0.02 * (2.0 / 500).squareRoot())
        Init.kaimingNormal(p, mode: .fanOut, nonlinearity: .relu)
        #expect(Swift.abs(sampleStd(p.value) - (2.0 / 200).squareRoot()) < 0.02 * (2.0 / 200).squareRoot())
        Init.kaimingUniform(p, nonlinearity: .relu)
        let kaimingBound = (6.0 / 300).squareRoot()
        #expect(p.value.scalars(as: Double.self).allSatisfy { Swift.abs($0) <= kaimingBound })
        Init.normal(p, mean: 3, std: 0.5)
        let mean = p.value.mean().item()
        #expect(Swift.abs(mean - 3) < 0.01 && Swift.abs(sampleStd(p.value) - 0.5) < 0.01)
        Init.uniform(p, low: -2, high: -1)
        #expect(p.value.scalars(as: Double.self).allSatisfy { $0 >= -2 && $0 < -1 })
        Init.ones(p)
        #expect(p.value.sum().item() == 60_000)
        Init.zeros(p)
        #expect(p.value.sum().item() == 0)
    }

    @Test func seedingMakesModelsReproducible() {
        // In a generator of this test's own: other tests draw from the global one in parallel.
        GlobalRandom.withGenerator(seed: 0) {
            GlobalRandom.seed(42)
            let a = Linear(10, 10).weight.value.scalars(as: Float.self)
            GlobalRandom.seed(42)
            let b = Linear(10, 10).weight.value.scalars(as: Float.self)
            #expect(a == b)
        }
    }
}
