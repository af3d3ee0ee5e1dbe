import Testing
@testable import Kiln

/// Finite-difference checks (float64) of every loss's gradient, with respect to the input and,
/// where the loss has one, the target.
struct LossGradientCheckTests {
    let a = normal64([3, 4], seed: 11)
    let b = normal64([3, 4], seed: 12)
    static let reductions: [Reduction] = [.none, .mean, .sum]

    @Test func regression() {
        for r in Self.reductions {
            checkGradients("mseLoss \(r)", at: [a, b]) { mseLoss($0[0], $0[1], reduction: r) }
            checkGradients("l1Loss \(r)", at: [a, b]) { l1Loss($0[0], $0[1], reduction: r) }
            checkGradients("huberLoss \(r)", at: [a, b]) { huberLoss($0[0], $0[1], delta: 0.7, reduction: r) }
            checkGradients("smoothL1Loss \(r)", at: [a, b]) { smoothL1Loss($0[0], $0[1], beta: 0.6, reduction: r) }
        }
    }

    @Test func crossEntropyWithLabels() {
        let logits = normal64([5, 4], seed: 13)
        let labels = Tensor([0, -100, 1, 2, 3] as [Int64])
        let weight = Tensor([0.5, 1, 2, 1.5] as [Double])
        for r in Self.reductions {
            checkGradients("crossEntropy \(r)", at: logits) {
                crossEntropy(logits: $0, labels: labels, weight: weight, labelSmoothing: 0.2, reduction: r)
            }
            checkGradients("nllLoss \(r)", at: logits) {
                nllLoss(logProbabilities: $0, labels: labels, weight: weight, reduction: r)
            }
        }
        let spatial = normal64([2, 3, 2, 2], seed: 14)
        let labels4 = Tensor([0, 2, 1, -100, 2, 2, 0, 1] as [Int64], shape: [2, 2, 2])
        checkGradients("crossEntropy spatial", at: spatial) {
            crossEntropy(logits: $0, labels: labels4, weight: Tensor([1.5, 0.5, 1] as [Double]), labelSmoothing: 0.1, reduction: .none)
        }
    }

    @Test func crossEntropyWithProbabilities() {
        let logits = normal64([5, 4], seed: 15)
        let probabilities = uniform64([5, 4], 0, 1, seed: 16)
        for r in Self.reductions {
            checkGradients("crossEntropy probabilities \(r)", at: [logits, probabilities]) {
                crossEntropy(logits: $0[0], probabilities: $0[1], weight: Tensor([0.5, 1, 2, 1.5] as [Double]),
                             labelSmoothing: 0.1, reduction: r)
            }
        }
    }

    @Test func binaryCrossEntropyGradients() {
        let p = uniform64([3, 4], 0.05, 0.95, seed: 17)
        let y = uniform64([3, 4], 0, 1, seed: 18)
        let weight = Tensor([0.5, 1, 2, 1.5] as [Double])
        for r in Self.reductions {
            checkGradients("binaryCrossEntropy \(r)", at: [p, y]) {
                binaryCrossEntropy($0[0], $0[1], weight: weight, reduction: r)
            }
            checkGradients("binaryCrossEntropyWithLogits \(r)", at: [a, y]) {
                binaryCrossEntropyWithLogits($0[0], $0[1], weight: weight, reduction: r)
            }
            checkGradients("binaryCrossEntropyWithLogits posWeight \(r)", at: [a, y]) {
                binaryCrossEntropyWithLogits($0[0], $0[1], weight: weight, posWeight: Tensor([2, 0.5, 1, 3] as [Double]), reduction: r)
            }
        }
    }

    @Test func klDivergenceGradients() {
        let input = normal64([3, 4], seed: 19)
        let target = uniform64([3, 4], 0.1, 1, seed: 20)
        for r in [KLReduction.none, .mean, .sum, .batchMean] {
            checkGradients("klDivergence \(r)", at: [input, target]) { klDivergence($0[0], $0[1], reduction: r) }
            checkGradients("klDivergence logTarget \(r)", at: [input, b]) {
                klDivergence($0[0], $0[1], reduction: r, logTarget: true)
            }
        }
    }
}
