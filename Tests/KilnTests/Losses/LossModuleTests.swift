import Testing
@testable import Kiln

/// The module forms give the function forms' results (checked against PyTorch's through the
/// reference literals) with their stored options, and serve as `any Loss`.
struct LossModuleTests {
    typealias CE = CrossEntropyLossReference
    typealias Reg = RegressionLossReference
    typealias BCE = BinaryCrossEntropyLossReference
    typealias KL = KLDivergenceLossReference

    let x = opTensor([5, 4], mul: 7, mod: 11, offset: 5, scale: 0.5)
    let ignored = Tensor([0, -100, 1, 2, -100] as [Int64])
    let weight = Tensor([0.5, 1, 2, 1.5] as [Float])

    @Test func regressionModules() {
        let a = opTensor([3, 4], mul: 5, mod: 11, offset: 5, scale: 0.25)
        let b = opTensor([3, 4], mul: 7, mod: 13, offset: 6, scale: 0.5)
        expectApprox(MSELoss()(a, b), Reg.mseMeanValue, shape: [])
        expectApprox(MSELoss(reduction: .none)(a, b), Reg.mseNoneValue, shape: [3, 4])
        expectApprox(L1Loss(reduction: .sum)(a, b), Reg.l1SumValue, shape: [])
        expectApprox(HuberLoss(delta: 0.5, reduction: .sum)(a, b), Reg.huberDelta0p5SumValue, shape: [])
        expectApprox(SmoothL1Loss(beta: 2)(a, b), Reg.smoothL1Beta2MeanValue, shape: [])
    }

    /// The target's dtype picks class indices or probabilities, as in PyTorch.
    @Test func crossEntropyModuleDispatchesOnTheTargetDType() {
        let loss = CrossEntropyLoss(weight: weight, labelSmoothing: 0.2)
        expectLoss(at: x, CE.smoothedWeightedIgnored[Reduction.mean], valueShape: []) { loss($0, ignored) }
        let probabilities = Tensor(CE.probabilitiesTarget, shape: [5, 4])
        let soft = CrossEntropyLoss(weight: weight, labelSmoothing: 0.1, reduction: .sum)
        expectLoss(at: x, CE.probabilitiesSmoothedWeighted[Reduction.sum], valueShape: []) { soft($0, probabilities) }
        let custom = CrossEntropyLoss(weight: weight, ignoreIndex: 3, reduction: .none)
        expectApprox(custom(x, Tensor([0, 3, 1, 2, 3] as [Int64])), CE.ignoreClass3WeightedNoneValue, shape: [5])
    }

    @Test func nllModule() {
        let logp = Tensor(CE.logProbabilities, shape: [5, 4])
        expectApprox(NLLLoss(weight: weight)(logp, ignored), CE.nllWeightedIgnoredMeanValue, shape: [])
        expectApprox(NLLLoss(reduction: .sum)(logp, Tensor([0, 3, 1, 2, 3] as [Int64])), CE.nllSumValue, shape: [])
    }

    @Test func binaryModules() {
        let p = Tensor([[0, 0.125, 0.25, 0.5], [0.75, 0.875, 1, 0.0625], [0.375, 0.625, 0.9375, 0.03125]] as [[Float]])
        let y = Tensor([[0, 1, 0, 1], [1, 0.5, 1, 1], [0.25, 0, 1, 0.75]] as [[Float]])
        expectApprox(BCELoss(weight: weight)(p, y), BCE.bceWeightedMeanValue, shape: [])
        let logits = opTensor([3, 4], mul: 5, mod: 13, offset: 6, scale: 0.5)
        let loss = BCEWithLogitsLoss(weight: weight, posWeight: Tensor([2, 0.5, 1, 3] as [Float]), reduction: .sum)
        expectApprox(loss(logits, y), BCE.logitsWeightedPosWeightSumValue, shape: [])
    }

    @Test func klModule() {
        let input = Tensor(KL.input, shape: [3, 4])
        let logTarget = Tensor(KL.logTarget, shape: [3, 4])
        expectApprox(KLDivLoss(reduction: .batchMean, logTarget: true)(input, logTarget), KL.klLogTargetBatchMeanValue, shape: [])
    }

    /// A training loop can hold any loss.
    @Test func anyLoss() {
        let a = opTensor([3, 4], mul: 5, mod: 11, offset: 5, scale: 0.25)
        let b = opTensor([3, 4], mul: 7, mod: 13, offset: 6, scale: 0.5)
        let losses: [any Loss] = [MSELoss(), L1Loss(), HuberLoss(), SmoothL1Loss()]
        let expected = [Reg.mseMeanValue, Reg.l1MeanValue, Reg.huberMeanValue, Reg.smoothL1MeanValue]
        for (loss, value) in zip(losses, expected) {
            expectApprox(loss(a, b), value, shape: [], "\(type(of: loss))")
        }
    }
}
