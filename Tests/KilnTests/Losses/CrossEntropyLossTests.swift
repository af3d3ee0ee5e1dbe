import Testing
@testable import Kiln

/// Cross-entropy (class indices and probabilities) and NLL against PyTorch: value and input
/// gradient for every reduction (`CrossEntropyLossReference` below).
struct CrossEntropyLossTests {
    typealias R = CrossEntropyLossReference
    /// [5, 4] logits in -2.5 … 2.5.
    let x = opTensor([5, 4], mul: 7, mod: 11, offset: 5, scale: 0.5)
    let labels = Tensor([0, 3, 1, 2, 3] as [Int64])
    let ignored = Tensor([0, -100, 1, 2, -100] as [Int64])
    let weight = Tensor([0.5, 1, 2, 1.5] as [Float])
    /// [N, C, H, W] = [2, 3, 2, 2] logits with [2, 2, 2] labels (one ignored).
    let x4 = opTensor([2, 3, 2, 2], mul: 5, mod: 13, offset: 6, scale: 0.25)
    let labels4 = Tensor([0, 2, 1, -100, 2, 2, 0, 1] as [Int64], shape: [2, 2, 2])
    let weight3 = Tensor([1.5, 0.5, 1] as [Float])

    @Test func plain() {
        expectLossForEveryReduction(at: x, R.plain, noneShape: [5]) { crossEntropy(logits: $0, labels: labels, reduction: $1) }
        expectApprox(crossEntropy(logits: x, labels: labels), R.plainMeanValue, shape: [], rtol: 1e-6)
    }

    @Test func classWeights() {
        expectLossForEveryReduction(at: x, R.weighted, noneShape: [5]) {
            crossEntropy(logits: $0, labels: labels, weight: weight, reduction: $1)
        }
    }

    @Test func ignoreIndex() {
        expectLossForEveryReduction(at: x, R.ignored, noneShape: [5]) {
            crossEntropy(logits: $0, labels: ignored, reduction: $1)
        }
        expectLossForEveryReduction(at: x, R.weightedIgnored, noneShape: [5], "weighted") {
            crossEntropy(logits: $0, labels: ignored, weight: weight, reduction: $1)
        }
        // An ignore index that is a class: the rows labelled 3 drop out of the loss and the mean.
        expectLossForEveryReduction(at: x, R.ignoreClass3Weighted, noneShape: [5], "ignoreIndex 3") {
            crossEntropy(logits: $0, labels: labels, weight: weight, ignoreIndex: 3, reduction: $1)
        }
    }

    @Test func labelSmoothing() {
        expectLossForEveryReduction(at: x, R.smoothed, noneShape: [5]) {
            crossEntropy(logits: $0, labels: labels, labelSmoothing: 0.1, reduction: $1)
        }
        expectLossForEveryReduction(at: x, R.smoothedIgnored, noneShape: [5], "ignored") {
            crossEntropy(logits: $0, labels: ignored, labelSmoothing: 0.2, reduction: $1)
        }
        expectLossForEveryReduction(at: x, R.smoothedWeightedIgnored, noneShape: [5], "weighted, ignored") {
            crossEntropy(logits: $0, labels: ignored, weight: weight, labelSmoothing: 0.2, reduction: $1)
        }
    }

    @Test func spatialLogits() {
        expectLossForEveryReduction(at: x4, R.spatial, noneShape: [2, 2, 2]) {
            crossEntropy(logits: $0, labels: labels4, reduction: $1)
        }
        expectLossForEveryReduction(at: x4, R.spatialSmoothedWeighted, noneShape: [2, 2, 2], "smoothed, weighted") {
            crossEntropy(logits: $0, labels: labels4, weight: weight3, labelSmoothing: 0.15, reduction: $1)
        }
    }

    /// One sample: [C] logits and a 0-d label.
    @Test func singleSample() {
        let logits = Tensor([0.5, -1, 2, 0.25] as [Float])
        expectLossForEveryReduction(at: logits, R.single, noneShape: []) {
            crossEntropy(logits: $0, labels: Tensor([2] as [Int64], shape: []), reduction: $1)
        }
    }

    @Test func float64() {
        expectLossForEveryReduction(at: x.cast(to: .float64), R.smoothedWeightedIgnoredFloat64, noneShape: [5],
                                    rtol: 1e-12, atol: 1e-14) {
            crossEntropy(logits: $0, labels: ignored, weight: weight.cast(to: .float64), labelSmoothing: 0.2, reduction: $1)
        }
    }

    @Test func largeLogitsStayFinite() {
        let big = Tensor([[1000, 1001, 1002], [-1000, -1000, -1000], [50, -50, 0]] as [[Float]])
        expectLossForEveryReduction(at: big, R.large, noneShape: [3]) {
            crossEntropy(logits: $0, labels: Tensor([0, 1, 1] as [Int64]), reduction: $1)
        }
    }

    /// The mean over no labelled rows is 0 / 0, as in PyTorch.
    @Test func allIgnoredMeanIsNaN() {
        expectApprox(crossEntropy(logits: x, labels: Tensor.full([5], -100, dtype: .int64)), R.allIgnoredMean, shape: [])
    }

    /// Any integer dtype holds labels; the result is the same as with int64.
    @Test func int32Labels() {
        expectApprox(crossEntropy(logits: x, labels: labels.cast(to: .int32), reduction: .none), R.plainNoneValue,
                     shape: [5], rtol: 1e-6)
    }

    @Test func probabilityTargets() {
        let probabilities = Tensor(R.probabilitiesTarget, shape: [5, 4])
        expectLossForEveryReduction(at: x, R.probabilities, noneShape: [5]) {
            crossEntropy(logits: $0, probabilities: probabilities, reduction: $1)
        }
        expectLossForEveryReduction(at: x, R.probabilitiesSmoothedWeighted, noneShape: [5], "smoothed, weighted") {
            crossEntropy(logits: $0, probabilities: probabilities, weight: weight, labelSmoothing: 0.1, reduction: $1)
        }
        let spatial = Tensor(R.spatialProbabilitiesTarget, shape: [2, 3, 2, 2])
        expectLossForEveryReduction(at: x4, R.spatialProbabilities, noneShape: [2, 2, 2], "spatial") {
            crossEntropy(logits: $0, probabilities: spatial, reduction: $1)
        }
    }

    @Test func nll() {
        let logp = Tensor(R.logProbabilities, shape: [5, 4])
        expectLossForEveryReduction(at: logp, R.nll, noneShape: [5]) {
            nllLoss(logProbabilities: $0, labels: labels, reduction: $1)
        }
        expectLossForEveryReduction(at: logp, R.nllWeightedIgnored, noneShape: [5], "weighted, ignored") {
            nllLoss(logProbabilities: $0, labels: ignored, weight: weight, reduction: $1)
        }
        let logp4 = Tensor(R.spatialLogProbabilities, shape: [2, 3, 2, 2])
        expectLossForEveryReduction(at: logp4, R.nllSpatialWeighted, noneShape: [2, 2, 2], "spatial") {
            nllLoss(logProbabilities: $0, labels: labels4, weight: weight3, reduction: $1)
        }
    }

    /// nllLoss of logSoftmax is crossEntropy, gradient included (autograd through logSoftmax).
    @Test func nllOfLogSoftmaxIsCrossEntropy() {
        expectLoss(at: x, LossReference(value: R.weightedIgnoredMeanValue, gradient: R.weightedIgnoredMeanGradient),
                   valueShape: []) {
            nllLoss(logProbabilities: $0.logSoftmax(axis: 1), labels: ignored, weight: weight)
        }
    }

    /// Enough rows to split across the worker pool: the fused kernel agrees with the loss composed
    /// of logSoftmax, gather and sums (value and autograd gradient).
    @Test func parallelRowsMatchComposedOps() {
        let (n, c) = (64, 1024)
        let logits = opTensor([n, c], mul: 37, mod: 101, offset: 50, scale: 1.0 / 32)
        let labels = Tensor((0..<n).map { Int64(($0 * 53) % c) })
        let weight = opTensor([c], mul: 7, mod: 9, offset: -1, scale: 0.25)
        let eps = 0.1
        func composed(_ x: Tensor) -> Tensor {
            let nll = -x.logSoftmax(axis: 1).gathering(alongAxis: 1, index: labels.reshaped([n, 1])).reshaped([n])
            let wy = weight.indexSelect(axis: 0, indices: labels)
            let smooth = -(x.logSoftmax(axis: 1) * weight).sum(axis: 1)
            return ((1 - eps) * wy * nll + eps / Double(c) * smooth).sum() / wy.sum()
        }
        let (value, grad) = valueAndGrad(at: logits) {
            crossEntropy(logits: $0, labels: labels, weight: weight, labelSmoothing: eps)
        }
        let (expectedValue, expectedGrad) = valueAndGrad(at: logits, of: composed)
        expectApprox(value, expectedValue.scalars(as: Float.self), shape: [], rtol: 1e-5)
        expectApprox(grad, expectedGrad.scalars(as: Float.self), shape: [n, c], rtol: 1e-4, atol: 1e-9)
    }

    /// Non-contiguous logits (a transposed view) give the same result.
    @Test func transposedLogits() {
        let xt = x.transposed(0, 1).contiguous().transposed(0, 1)
        #expect(!xt.isContiguous)
        expectLoss(at: xt, R.smoothedWeightedIgnored[Reduction.none], valueShape: [5]) {
            crossEntropy(logits: $0, labels: ignored, weight: weight, labelSmoothing: 0.2, reduction: .none)
        }
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_loss_literals.py (CrossEntropyLoss); do not edit by hand.

enum CrossEntropyLossReference {
    /// shape [5]
    static let plainNoneValue: [Float] = [5.231164, 2.3283415, 0.16877048, 0.32834136, 4.1687703]
    /// shape [5, 4]
    static let plainNoneGradient: [Float] = [
        1.491979, -0.2656173, -0.035947397, -1.1904142, 0.0, 0.0, 0.0, -0.0,
        0.03826172, -0.23294583, 0.17147712, 0.02320691, -0.08033993, -0.010872826, 0.13994142, -0.048728622,
        0.025507811, 0.8447028, 0.11431808, -0.9845287,
    ]
    /// shape [1]
    static let plainMeanValue: [Float] = [2.4450774]
    /// shape [5, 4]
    static let plainMeanGradient: [Float] = [
        -0.19893055, 0.035415646, 0.004792986, 0.15872191, 0.032135975, 0.0043491307, 0.14402343, -0.18050855,
        0.0051015625, -0.031059444, 0.022863617, 0.0030942548, 0.032135975, 0.0043491307, -0.05597657, 0.019491449,
        0.0051015625, 0.16894056, 0.022863617, -0.19690575,
    ]
    /// shape [1]
    static let plainSumValue: [Float] = [12.225388]
    /// shape [5, 4]
    static let plainSumGradient: [Float] = [
        -0.9946527, 0.17707822, 0.02396493, 0.7936095, 0.16067986, 0.021745652, 0.72011715, -0.90254277,
        0.025507811, -0.15529722, 0.11431808, 0.015471273, 0.16067986, 0.021745652, -0.27988285, 0.097457245,
        0.025507811, 0.8447028, 0.11431808, -0.9845287,
    ]
    /// by reduction
    static let plain: [Reduction: LossReference<Float>] = [
        .none: .init(value: plainNoneValue, gradient: plainNoneGradient),
        .mean: .init(value: plainMeanValue, gradient: plainMeanGradient),
        .sum: .init(value: plainSumValue, gradient: plainSumGradient),
    ]
    /// shape [5]
    static let weightedNoneValue: [Float] = [2.615582, 3.4925122, 0.16877048, 0.6566827, 6.2531557]
    /// shape [5, 4]
    static let weightedNoneGradient: [Float] = [
        0.7459895, -0.13280866, -0.017973699, -0.5952071, 0.0, 0.0, 0.0, -0.0,
        0.03826172, -0.23294583, 0.17147712, 0.02320691, -0.16067986, -0.021745652, 0.27988285, -0.097457245,
        0.03826172, 1.2670542, 0.17147712, -1.476793,
    ]
    /// shape [1]
    static let weightedMeanValue: [Float] = [2.0287235]
    /// shape [5, 4]
    static let weightedMeanGradient: [Float] = [
        -0.07651175, 0.013621402, 0.0018434563, 0.061046887, 0.03707997, 0.0050182277, 0.1661809, -0.20827912,
        0.003924279, -0.023891881, 0.017587397, 0.002380196, 0.04943996, 0.00669097, -0.086117804, 0.029986845,
        0.0058864183, 0.19493142, 0.026381098, -0.22719896,
    ]
    /// shape [1]
    static let weightedSumValue: [Float] = [13.186703]
    /// shape [5, 4]
    static let weightedSumGradient: [Float] = [
        -0.49732634, 0.08853911, 0.011982465, 0.39680475, 0.24101979, 0.032618478, 1.0801758, -1.3538141,
        0.025507811, -0.15529722, 0.11431808, 0.015471273, 0.32135972, 0.043491304, -0.5597657, 0.19491449,
        0.03826172, 1.2670542, 0.17147712, -1.476793,
    ]
    /// by reduction
    static let weighted: [Reduction: LossReference<Float>] = [
        .none: .init(value: weightedNoneValue, gradient: weightedNoneGradient),
        .mean: .init(value: weightedMeanValue, gradient: weightedMeanGradient),
        .sum: .init(value: weightedSumValue, gradient: weightedSumGradient),
    ]
    /// shape [5]
    static let ignoredNoneValue: [Float] = [5.231164, 0.0, 0.16877048, 0.32834136, 0.0]
    /// shape [5, 4]
    static let ignoredNoneGradient: [Float] = [
        1.491979, -0.2656173, -0.035947397, -1.1904142, 0.0, 0.0, 0.0, 0.0,
        0.03826172, -0.23294583, 0.17147712, 0.02320691, -0.08033993, -0.010872826, 0.13994142, -0.048728622,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let ignoredMeanValue: [Float] = [1.9094253]
    /// shape [5, 4]
    static let ignoredMeanGradient: [Float] = [
        -0.3315509, 0.059026074, 0.00798831, 0.2645365, 0.0, 0.0, 0.0, 0.0,
        0.008502604, -0.05176574, 0.038106028, 0.005157091, 0.053559955, 0.0072485507, -0.093294285, 0.03248575,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let ignoredSumValue: [Float] = [5.728276]
    /// shape [5, 4]
    static let ignoredSumGradient: [Float] = [
        -0.9946527, 0.17707822, 0.02396493, 0.7936095, 0.0, 0.0, 0.0, 0.0,
        0.025507811, -0.15529722, 0.11431808, 0.015471273, 0.16067986, 0.021745652, -0.27988285, 0.097457245,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let ignored: [Reduction: LossReference<Float>] = [
        .none: .init(value: ignoredNoneValue, gradient: ignoredNoneGradient),
        .mean: .init(value: ignoredMeanValue, gradient: ignoredMeanGradient),
        .sum: .init(value: ignoredSumValue, gradient: ignoredSumGradient),
    ]
    /// shape [5]
    static let weightedIgnoredNoneValue: [Float] = [2.615582, 0.0, 0.16877048, 0.6566827, 0.0]
    /// shape [5, 4]
    static let weightedIgnoredNoneGradient: [Float] = [
        0.7459895, -0.13280866, -0.017973699, -0.5952071, 0.0, 0.0, 0.0, 0.0,
        0.03826172, -0.23294583, 0.17147712, 0.02320691, -0.16067986, -0.021745652, 0.27988285, -0.097457245,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let weightedIgnoredMeanValue: [Float] = [0.9831529]
    /// shape [5, 4]
    static let weightedIgnoredMeanGradient: [Float] = [
        -0.14209326, 0.02529689, 0.0034235616, 0.11337279, 0.0, 0.0, 0.0, 0.0,
        0.0072879465, -0.044370636, 0.03266231, 0.004420364, 0.091817066, 0.012426088, -0.15993306, 0.055689856,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let weightedIgnoredSumValue: [Float] = [3.4410353]
    /// shape [5, 4]
    static let weightedIgnoredSumGradient: [Float] = [
        -0.49732634, 0.08853911, 0.011982465, 0.39680475, 0.0, 0.0, 0.0, 0.0,
        0.025507811, -0.15529722, 0.11431808, 0.015471273, 0.32135972, 0.043491304, -0.5597657, 0.19491449,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let weightedIgnored: [Reduction: LossReference<Float>] = [
        .none: .init(value: weightedIgnoredNoneValue, gradient: weightedIgnoredNoneGradient),
        .mean: .init(value: weightedIgnoredMeanValue, gradient: weightedIgnoredMeanGradient),
        .sum: .init(value: weightedIgnoredSumValue, gradient: weightedIgnoredSumGradient),
    ]
    /// shape [5]
    static let smoothedNoneValue: [Float] = [4.981164, 2.3033416, 0.40627044, 0.5033414, 4.0062704]
    /// shape [5, 4]
    static let smoothedNoneGradient: [Float] = [
        1.3794789, -0.22811732, 0.001552606, -1.1529143, 0.0, 0.0, 0.0, -0.0,
        0.0007617157, -0.12044576, 0.13397712, -0.014293091, -0.06783993, 0.0016271749, 0.10244142, -0.03622862,
        0.0005078096, 0.81970274, 0.089318074, -0.9095287,
    ]
    /// shape [1]
    static let smoothedMeanValue: [Float] = [2.4400773]
    /// shape [5, 4]
    static let smoothedMeanGradient: [Float] = [
        -0.18393053, 0.03041564, -0.00020701447, 0.15372188, 0.02713597, -0.00065086974, 0.13902342, -0.16550854,
        0.000101561716, -0.016059455, 0.017863613, -0.0019057457, 0.02713597, -0.00065086974, -0.040976565, 0.014491448,
        0.0001015621, 0.16394055, 0.017863614, -0.18190573,
    ]
    /// shape [1]
    static let smoothedSumValue: [Float] = [12.200387]
    /// shape [5, 4]
    static let smoothedSumGradient: [Float] = [
        -0.91965264, 0.1520782, -0.001035073, 0.7686094, 0.13567986, -0.0032543498, 0.6951171, -0.8275427,
        0.00050780806, -0.08029728, 0.08931807, -0.009528729, 0.13567986, -0.0032543498, -0.20488285, 0.07245724,
        0.0005078096, 0.81970274, 0.089318074, -0.9095287,
    ]
    /// by reduction
    static let smoothed: [Reduction: LossReference<Float>] = [
        .none: .init(value: smoothedNoneValue, gradient: smoothedNoneGradient),
        .mean: .init(value: smoothedMeanValue, gradient: smoothedMeanGradient),
        .sum: .init(value: smoothedSumValue, gradient: smoothedSumGradient),
    ]
    /// shape [5]
    static let smoothedIgnoredNoneValue: [Float] = [4.731164, 0.0, 0.64377046, 0.6783414, 0.0]
    /// shape [5, 4]
    static let smoothedIgnoredNoneGradient: [Float] = [
        1.2669791, -0.19061737, 0.039052602, -1.1154144, 0.0, 0.0, 0.0, 0.0,
        -0.03673828, -0.007945724, 0.09647714, -0.05179309, -0.055339932, 0.014127174, 0.064941436, -0.023728622,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedIgnoredMeanValue: [Float] = [2.0177586]
    /// shape [5, 4]
    static let smoothedIgnoredMeanGradient: [Float] = [
        -0.2815509, 0.042359415, -0.008678356, 0.2478699, 0.0, 0.0, 0.0, 0.0,
        -0.008164062, -0.001765709, 0.021439368, -0.011509576, 0.036893293, -0.009418116, -0.04329428, 0.015819084,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedIgnoredSumValue: [Float] = [6.053276]
    /// shape [5, 4]
    static let smoothedIgnoredSumGradient: [Float] = [
        -0.8446527, 0.12707822, -0.02603507, 0.7436095, 0.0, 0.0, 0.0, 0.0,
        -0.02449219, -0.0052972436, 0.064318076, -0.03452873, 0.110679865, -0.028254349, -0.12988287, 0.047457244,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let smoothedIgnored: [Reduction: LossReference<Float>] = [
        .none: .init(value: smoothedIgnoredNoneValue, gradient: smoothedIgnoredNoneGradient),
        .mean: .init(value: smoothedIgnoredMeanValue, gradient: smoothedIgnoredMeanGradient),
        .sum: .init(value: smoothedIgnoredSumValue, gradient: smoothedIgnoredSumGradient),
    ]
    /// shape [5]
    static let smoothedWeightedIgnoredNoneValue: [Float] = [2.7002566, 0.0, 0.76470906, 0.96993154, 0.0]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredNoneGradient: [Float] = [
        0.6322864, -0.09765127, 0.1266342, -0.6612693, 0.0, 0.0, 0.0, 0.0,
        0.0026748027, 0.055406824, 0.030050976, -0.08813275, -0.13612889, 0.0048852707, 0.18389161, -0.052647956,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedWeightedIgnoredMeanValue: [Float] = [1.2671134]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredMeanGradient: [Float] = [
        -0.1204355, 0.01860024, -0.024120798, 0.12595606, 0.0, 0.0, 0.0, 0.0,
        0.00050948653, 0.010553701, 0.0057239966, -0.01678719, 0.07778793, -0.002791584, -0.10508094, 0.030084543,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedWeightedIgnoredSumValue: [Float] = [4.4348974]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredSumGradient: [Float] = [
        -0.42152426, 0.06510085, -0.0844228, 0.4408462, 0.0, 0.0, 0.0, 0.0,
        0.0017832035, 0.036937956, 0.020033991, -0.058755167, 0.27225778, -0.009770541, -0.36778322, 0.10529591,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let smoothedWeightedIgnored: [Reduction: LossReference<Float>] = [
        .none: .init(value: smoothedWeightedIgnoredNoneValue, gradient: smoothedWeightedIgnoredNoneGradient),
        .mean: .init(value: smoothedWeightedIgnoredMeanValue, gradient: smoothedWeightedIgnoredMeanGradient),
        .sum: .init(value: smoothedWeightedIgnoredSumValue, gradient: smoothedWeightedIgnoredSumGradient),
    ]
    /// shape [5]
    static let ignoreClass3WeightedNoneValue: [Float] = [2.615582, 0.0, 0.16877048, 0.6566827, 0.0]
    /// shape [5, 4]
    static let ignoreClass3WeightedNoneGradient: [Float] = [
        0.7459895, -0.13280866, -0.017973699, -0.5952071, 0.0, 0.0, 0.0, 0.0,
        0.03826172, -0.23294583, 0.17147712, 0.02320691, -0.16067986, -0.021745652, 0.27988285, -0.097457245,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let ignoreClass3WeightedMeanValue: [Float] = [0.9831529]
    /// shape [5, 4]
    static let ignoreClass3WeightedMeanGradient: [Float] = [
        -0.14209326, 0.02529689, 0.0034235616, 0.11337279, 0.0, 0.0, 0.0, 0.0,
        0.0072879465, -0.044370636, 0.03266231, 0.004420364, 0.091817066, 0.012426088, -0.15993306, 0.055689856,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let ignoreClass3WeightedSumValue: [Float] = [3.4410353]
    /// shape [5, 4]
    static let ignoreClass3WeightedSumGradient: [Float] = [
        -0.49732634, 0.08853911, 0.011982465, 0.39680475, 0.0, 0.0, 0.0, 0.0,
        0.025507811, -0.15529722, 0.11431808, 0.015471273, 0.32135972, 0.043491304, -0.5597657, 0.19491449,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let ignoreClass3Weighted: [Reduction: LossReference<Float>] = [
        .none: .init(value: ignoreClass3WeightedNoneValue, gradient: ignoreClass3WeightedNoneGradient),
        .mean: .init(value: ignoreClass3WeightedMeanValue, gradient: ignoreClass3WeightedMeanGradient),
        .sum: .init(value: ignoreClass3WeightedSumValue, gradient: ignoreClass3WeightedSumGradient),
    ]
    /// shape [2, 2, 2]
    static let spatialNoneValue: [Float] = [2.0842586, 1.8342586, 2.419149, 0.0, 0.66914886, 1.8342586, 2.0842586, 2.419149]
    /// shape [2, 3, 2, 2]
    static let spatialNoneGradient: [Float] = [
        1.313401, 0.0, 0.5982876, 0.0, -1.0738031, 0.0, -1.366504, 0.0,
        -0.23959784, -0.0, 0.7682165, 0.0, 0.39885837, -0.12439932, -0.43780035, -0.5982876,
        0.08899733, -0.7158687, 0.35793436, 1.366504, -0.48785567, 0.84026814, 0.07986595, -0.7682165,
    ]
    /// shape [1]
    static let spatialMeanValue: [Float] = [1.9063547]
    /// shape [2, 3, 2, 2]
    static let spatialMeanGradient: [Float] = [
        -0.12508582, 0.017771332, 0.056979768, 0.0, 0.10226696, 0.10226696, -0.13014324, 0.0,
        0.022818843, -0.12003831, 0.07316348, 0.0, 0.056979768, 0.017771332, -0.12508582, 0.056979768,
        0.0127139045, 0.10226696, 0.10226696, -0.13014324, -0.06969367, -0.12003831, 0.022818843, 0.07316348,
    ]
    /// shape [1]
    static let spatialSumValue: [Float] = [13.344482]
    /// shape [2, 3, 2, 2]
    static let spatialSumGradient: [Float] = [
        -0.8756007, 0.12439932, 0.39885837, 0.0, 0.7158687, 0.7158687, -0.9110027, 0.0,
        0.1597319, -0.84026814, 0.5121443, 0.0, 0.39885837, 0.12439932, -0.8756007, 0.39885837,
        0.08899733, 0.7158687, 0.7158687, -0.9110027, -0.48785567, -0.84026814, 0.1597319, 0.5121443,
    ]
    /// by reduction
    static let spatial: [Reduction: LossReference<Float>] = [
        .none: .init(value: spatialNoneValue, gradient: spatialNoneGradient),
        .mean: .init(value: spatialMeanValue, gradient: spatialMeanGradient),
        .sum: .init(value: spatialSumValue, gradient: spatialSumGradient),
    ]
    /// shape [2, 2, 2]
    static let spatialSmoothedWeightedNoneValue: [Float] = [2.9138184, 1.8155086, 1.1910106, 0.0, 0.7316489, 1.8155086, 2.9138184, 1.1910106]
    /// shape [2, 3, 2, 2]
    static let spatialSmoothedWeightedNoneGradient: [Float] = [
        1.7590965, 0.0, 0.23151536, 0.0, -1.4926693, 0.0, -0.5982399, 0.0,
        -0.26642692, -0.0, 0.36672452, 0.0, 0.32385838, -0.049399316, -0.5863656, -0.23151536,
        0.06399733, -0.69086874, 0.49755648, 0.5982399, -0.3878557, 0.7402681, 0.08880898, -0.36672452,
    ]
    /// shape [1]
    static let spatialSmoothedWeightedMeanValue: [Float] = [1.7960463]
    /// shape [2, 3, 2, 2]
    static let spatialSmoothedWeightedMeanGradient: [Float] = [
        -0.167533, 0.007057046, 0.02204908, 0.0, 0.142159, 0.09869553, -0.056975223, 0.0,
        0.025373995, -0.105752595, 0.034926143, 0.0, 0.046265483, 0.007057046, -0.167533, 0.02204908,
        0.009142476, 0.09869553, 0.142159, -0.056975223, -0.055407956, -0.105752595, 0.025373995, 0.034926143,
    ]
    /// shape [1]
    static let spatialSmoothedWeightedSumValue: [Float] = [12.572325]
    /// shape [2, 3, 2, 2]
    static let spatialSmoothedWeightedSumGradient: [Float] = [
        -1.1727312, 0.049399316, 0.15434358, 0.0, 0.99511296, 0.69086874, -0.39882654, 0.0,
        0.17761797, -0.7402681, 0.24448301, 0.0, 0.32385838, 0.049399316, -1.1727312, 0.15434358,
        0.06399733, 0.69086874, 0.99511296, -0.39882654, -0.3878557, -0.7402681, 0.17761797, 0.24448301,
    ]
    /// by reduction
    static let spatialSmoothedWeighted: [Reduction: LossReference<Float>] = [
        .none: .init(value: spatialSmoothedWeightedNoneValue, gradient: spatialSmoothedWeightedNoneGradient),
        .mean: .init(value: spatialSmoothedWeightedMeanValue, gradient: spatialSmoothedWeightedMeanGradient),
        .sum: .init(value: spatialSmoothedWeightedSumValue, gradient: spatialSmoothedWeightedSumGradient),
    ]
    /// shape [1]
    static let singleNoneValue: [Float] = [0.3692791]
    /// shape [4]
    static let singleNoneGradient: [Float] = [0.1542348, 0.034414437, -0.30876756, 0.120118186]
    /// shape [1]
    static let singleMeanValue: [Float] = [0.3692791]
    /// shape [4]
    static let singleMeanGradient: [Float] = [0.1542348, 0.034414437, -0.30876756, 0.120118186]
    /// shape [1]
    static let singleSumValue: [Float] = [0.3692791]
    /// shape [4]
    static let singleSumGradient: [Float] = [0.1542348, 0.034414437, -0.30876756, 0.120118186]
    /// by reduction
    static let single: [Reduction: LossReference<Float>] = [
        .none: .init(value: singleNoneValue, gradient: singleNoneGradient),
        .mean: .init(value: singleMeanValue, gradient: singleMeanGradient),
        .sum: .init(value: singleSumValue, gradient: singleSumGradient),
    ]
    /// shape [5]
    static let smoothedWeightedIgnoredFloat64NoneValue: [Double] = [
        2.7002564025659925, 0.0, 0.7647089283361955, 0.9699313846975908,
        0.0,
    ]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredFloat64NoneGradient: [Double] = [
        0.6322863834274698, -0.09765126913866724, 0.12663419158995784, -0.6612693058787605,
        0.0, 0.0, 0.0, 0.0,
        0.0026748084338806236, 0.05540693864184074, 0.03005099986104829, -0.08813274693676973,
        -0.13612887819343159, 0.00488526867255193, 0.18389158106389022, -0.052647971543010694,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedWeightedIgnoredFloat64MeanValue: [Double] = [1.2671133473142226]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredFloat64MeanGradient: [Double] = [
        -0.12043550160523235, 0.018600241740698523, -0.024120798398087208, 0.12595605826262105,
        0.0, 0.0, 0.0, 0.0,
        0.0005094873207391646, 0.010553702598445782, 0.0057239999735329995, -0.016787189892718043,
        0.07778793039624664, -0.002791582098601101, -0.10508090346508006, 0.030084555167434694,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let smoothedWeightedIgnoredFloat64SumValue: [Double] = [4.43489671559978]
    /// shape [5, 4]
    static let smoothedWeightedIgnoredFloat64SumGradient: [Double] = [
        -0.4215242556183132, 0.06510084609244483, -0.08442279439330522, 0.4408462039191737,
        0.0, 0.0, 0.0, 0.0,
        0.001783205622587079, 0.0369379590945603, 0.02003399990736551, -0.058755164624513155,
        0.27225775638686317, -0.00977053734510386, -0.36778316212778045, 0.10529594308602139,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let smoothedWeightedIgnoredFloat64: [Reduction: LossReference<Double>] = [
        .none: .init(value: smoothedWeightedIgnoredFloat64NoneValue, gradient: smoothedWeightedIgnoredFloat64NoneGradient),
        .mean: .init(value: smoothedWeightedIgnoredFloat64MeanValue, gradient: smoothedWeightedIgnoredFloat64MeanGradient),
        .sum: .init(value: smoothedWeightedIgnoredFloat64SumValue, gradient: smoothedWeightedIgnoredFloat64SumGradient),
    ]
    /// shape [3]
    static let largeNoneValue: [Float] = [2.407606, 1.0986123, 100.0]
    /// shape [3, 3]
    static let largeNoneGradient: [Float] = [
        1.3649541, -0.36709273, -0.9978615, 0.0, -0.0, 0.0, 1.5, -1.5,
        2.8931248e-22,
    ]
    /// shape [1]
    static let largeMeanValue: [Float] = [34.50207]
    /// shape [3, 3]
    static let largeMeanGradient: [Float] = [
        -0.30332315, 0.08157617, 0.22174701, 0.111111104, -0.22222224, 0.111111104, 0.33333334, -0.33333334,
        6.4291665e-23,
    ]
    /// shape [1]
    static let largeSumValue: [Float] = [103.50622]
    /// shape [3, 3]
    static let largeSumGradient: [Float] = [
        -0.90996945, 0.24472849, 0.665241, 0.3333333, -0.6666667, 0.3333333, 1.0, -1.0,
        1.9287499e-22,
    ]
    /// by reduction
    static let large: [Reduction: LossReference<Float>] = [
        .none: .init(value: largeNoneValue, gradient: largeNoneGradient),
        .mean: .init(value: largeMeanValue, gradient: largeMeanGradient),
        .sum: .init(value: largeSumValue, gradient: largeSumGradient),
    ]
    /// shape [1]
    static let allIgnoredMean: [Float] = [.nan]
    /// shape [5, 4]
    static let probabilitiesTarget: [Float] = [
        0.03535379, 0.1584447, 0.7100999, 0.09610157, 0.54826033, 0.07419897, 0.3325367, 0.045003947,
        0.113552466, 0.50890684, 0.06887305, 0.3086676, 0.113552466, 0.50890684, 0.06887305, 0.3086676,
        0.54826033, 0.07419897, 0.3325367, 0.045003947,
    ]
    /// shape [5]
    static let probabilitiesNoneValue: [Float] = [3.1309493, 1.5004363, 1.9386206, 2.8971791, 2.9327712]
    /// shape [5, 4]
    static let probabilitiesNoneGradient: [Float] = [
        0.04500974, -0.027950272, 1.0292023, -1.0462619, 0.0, 0.0, 0.0, 0.0,
        -0.132067, 0.5036938, 0.06816754, -0.43979448, -0.023563692, 0.2435806, -0.32562202, 0.10560518,
        -0.5227525, 0.77050376, -0.21821862, -0.029532675,
    ]
    /// shape [1]
    static let probabilitiesMeanValue: [Float] = [2.4799914]
    /// shape [5, 4]
    static let probabilitiesMeanGradient: [Float] = [
        -0.0060012992, 0.003726699, -0.13722698, 0.13950157, -0.077516094, -0.010490663, 0.07751608, 0.010490659,
        -0.017608931, 0.067159176, 0.009089004, -0.058639266, 0.009425478, -0.09743224, 0.13024881, -0.042242073,
        -0.1045505, 0.15410075, -0.043643724, -0.005906535,
    ]
    /// shape [1]
    static let probabilitiesSumValue: [Float] = [12.399958]
    /// shape [5, 4]
    static let probabilitiesSumGradient: [Float] = [
        -0.030006494, 0.018633503, -0.68613493, 0.69750786, -0.38758048, -0.052453317, 0.38758042, 0.05245329,
        -0.08804466, 0.33579588, 0.045445025, -0.29319632, 0.047127385, -0.4871612, 0.65124404, -0.21121036,
        -0.5227525, 0.77050376, -0.21821862, -0.029532675,
    ]
    /// by reduction
    static let probabilities: [Reduction: LossReference<Float>] = [
        .none: .init(value: probabilitiesNoneValue, gradient: probabilitiesNoneGradient),
        .mean: .init(value: probabilitiesMeanValue, gradient: probabilitiesMeanGradient),
        .sum: .init(value: probabilitiesSumValue, gradient: probabilitiesSumGradient),
    ]
    /// shape [5]
    static let probabilitiesSmoothedWeightedNoneValue: [Float] = [5.4330716, 1.267022, 2.5856125, 3.0800884, 2.7826927]
    /// shape [5, 4]
    static let probabilitiesSmoothedWeightedNoneGradient: [Float] = [
        0.02904697, -0.19787177, 1.9314672, -1.7626423, 0.0, 0.0, 0.0, 0.0,
        -0.050448533, 0.7639952, -0.05950806, -0.6540387, -0.062583044, 0.22873482, -0.33600658, 0.16985485,
        -0.23121423, 0.8355505, -0.5230657, -0.081270695,
    ]
    /// shape [1]
    static let probabilitiesSmoothedWeightedMeanValue: [Float] = [3.0296972]
    /// shape [5, 4]
    static let probabilitiesSmoothedWeightedMeanGradient: [Float] = [
        -0.0038729294, 0.0263829, -0.25752896, 0.23501895, -0.016563993, -0.013581263, 0.02839824, 0.0017469901,
        -0.006726471, 0.101866014, -0.007934406, -0.08720516, 0.025033217, -0.091493934, 0.13440263, -0.06794194,
        -0.046242844, 0.16711012, -0.10461314, -0.01625414,
    ]
    /// shape [1]
    static let probabilitiesSmoothedWeightedSumValue: [Float] = [15.148486]
    /// shape [5, 4]
    static let probabilitiesSmoothedWeightedSumGradient: [Float] = [
        -0.019364646, 0.13191453, -1.2876449, 1.1750948, -0.082819976, -0.06790631, 0.14199117, 0.008734944,
        -0.033632353, 0.5093301, -0.039672036, -0.4360258, 0.12516609, -0.45746964, 0.67201316, -0.3397097,
        -0.23121423, 0.8355505, -0.5230657, -0.081270695,
    ]
    /// by reduction
    static let probabilitiesSmoothedWeighted: [Reduction: LossReference<Float>] = [
        .none: .init(value: probabilitiesSmoothedWeightedNoneValue, gradient: probabilitiesSmoothedWeightedNoneGradient),
        .mean: .init(value: probabilitiesSmoothedWeightedMeanValue, gradient: probabilitiesSmoothedWeightedMeanGradient),
        .sum: .init(value: probabilitiesSmoothedWeightedSumValue, gradient: probabilitiesSmoothedWeightedSumGradient),
    ]
    /// shape [2, 3, 2, 2]
    static let spatialProbabilitiesTarget: [Float] = [
        0.056611728, 0.1709528, 0.66524094, 0.1709528, 0.68967205, 0.062890016, 0.24472848, 0.062890016,
        0.25371617, 0.7661572, 0.09003057, 0.7661572, 0.056611728, 0.66524094, 0.056611728, 0.1709528,
        0.68967205, 0.24472848, 0.68967205, 0.062890016, 0.25371617, 0.09003057, 0.25371617, 0.7661572,
    ]
    /// shape [2, 2, 2]
    static let spatialProbabilitiesNoneValue: [Float] = [0.81390333, 1.7826618, 1.2637339, 1.7826618, 1.8902279, 1.633476, 0.81390333, 0.8219446]
    /// shape [2, 3, 2, 2]
    static let spatialProbabilitiesNoneGradient: [Float] = [
        -0.101681374, -0.0, -0.39957383, 0.023276739, -0.039294872, -0.0, -0.23359674, -0.32648936,
        0.14097643, -0.0, 0.6331706, 0.30321264, 0.34224662, 0.54084164, 0.033893794, -0.34185836,
        -0.60067475, -0.47114024, 0.013098308, -0.03916097, 0.25842813, -0.06970132, -0.04699214, 0.38101935,
    ]
    /// shape [1]
    static let spatialProbabilitiesMeanValue: [Float] = [1.350314]
    /// shape [2, 3, 2, 2]
    static let spatialProbabilitiesMeanGradient: [Float] = [
        0.008473448, -0.0058191847, -0.033297822, -0.0058191847, 0.003274577, 0.08162234, -0.019466393, 0.08162234,
        -0.011748035, -0.07580316, 0.05276422, -0.07580316, 0.042780828, -0.067605205, 0.008473448, 0.028488196,
        -0.07508434, 0.05889253, 0.003274577, 0.003263414, 0.032303516, 0.008712665, -0.011748035, -0.03175161,
    ]
    /// shape [1]
    static let spatialProbabilitiesSumValue: [Float] = [10.802512]
    /// shape [2, 3, 2, 2]
    static let spatialProbabilitiesSumGradient: [Float] = [
        0.06778759, -0.046553478, -0.26638258, -0.046553478, 0.026196616, 0.6529787, -0.15573114, 0.6529787,
        -0.09398428, -0.6064253, 0.42211375, -0.6064253, 0.34224662, -0.54084164, 0.06778759, 0.22790557,
        -0.60067475, 0.47114024, 0.026196616, 0.026107311, 0.25842813, 0.06970132, -0.09398428, -0.25401288,
    ]
    /// by reduction
    static let spatialProbabilities: [Reduction: LossReference<Float>] = [
        .none: .init(value: spatialProbabilitiesNoneValue, gradient: spatialProbabilitiesNoneGradient),
        .mean: .init(value: spatialProbabilitiesMeanValue, gradient: spatialProbabilitiesMeanGradient),
        .sum: .init(value: spatialProbabilitiesSumValue, gradient: spatialProbabilitiesSumGradient),
    ]
    /// shape [5, 4]
    static let logProbabilities: [Float] = [
        -5.231164, -1.7311637, -3.7311637, -0.23116376, -1.8283414, -3.8283415, -0.32834136, -2.3283415,
        -3.6687706, -0.16877048, -2.1687706, -4.1687703, -1.8283414, -3.8283415, -0.32834136, -2.3283415,
        -3.6687706, -0.16877048, -2.1687706, -4.1687703,
    ]
    /// shape [5]
    static let nllNoneValue: [Float] = [5.231164, 2.3283415, 0.16877048, 0.32834136, 4.1687703]
    /// shape [5, 4]
    static let nllNoneGradient: [Float] = [
        1.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.0,
        0.0, -1.5, 0.0, 0.0, 0.0, 0.0, 0.5, 0.0,
        0.0, 0.0, 0.0, -1.0,
    ]
    /// shape [1]
    static let nllMeanValue: [Float] = [2.4450774]
    /// shape [5, 4]
    static let nllMeanGradient: [Float] = [
        -0.2, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -0.2,
        0.0, -0.2, 0.0, 0.0, 0.0, 0.0, -0.2, 0.0,
        0.0, 0.0, 0.0, -0.2,
    ]
    /// shape [1]
    static let nllSumValue: [Float] = [12.225388]
    /// shape [5, 4]
    static let nllSumGradient: [Float] = [
        -1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, -1.0,
        0.0, -1.0, 0.0, 0.0, 0.0, 0.0, -1.0, 0.0,
        0.0, 0.0, 0.0, -1.0,
    ]
    /// by reduction
    static let nll: [Reduction: LossReference<Float>] = [
        .none: .init(value: nllNoneValue, gradient: nllNoneGradient),
        .mean: .init(value: nllMeanValue, gradient: nllMeanGradient),
        .sum: .init(value: nllSumValue, gradient: nllSumGradient),
    ]
    /// shape [5]
    static let nllWeightedIgnoredNoneValue: [Float] = [2.615582, 0.0, 0.16877048, 0.6566827, 0.0]
    /// shape [5, 4]
    static let nllWeightedIgnoredNoneGradient: [Float] = [
        0.75, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, -1.5, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let nllWeightedIgnoredMeanValue: [Float] = [0.9831529]
    /// shape [5, 4]
    static let nllWeightedIgnoredMeanGradient: [Float] = [
        -0.14285715, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, -0.2857143, 0.0, 0.0, 0.0, 0.0, -0.5714286, 0.0,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let nllWeightedIgnoredSumValue: [Float] = [3.4410353]
    /// shape [5, 4]
    static let nllWeightedIgnoredSumGradient: [Float] = [
        -0.5, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0,
        0.0, -1.0, 0.0, 0.0, 0.0, 0.0, -2.0, 0.0,
        0.0, 0.0, 0.0, 0.0,
    ]
    /// by reduction
    static let nllWeightedIgnored: [Reduction: LossReference<Float>] = [
        .none: .init(value: nllWeightedIgnoredNoneValue, gradient: nllWeightedIgnoredNoneGradient),
        .mean: .init(value: nllWeightedIgnoredMeanValue, gradient: nllWeightedIgnoredMeanGradient),
        .sum: .init(value: nllWeightedIgnoredSumValue, gradient: nllWeightedIgnoredSumGradient),
    ]
    /// shape [2, 3, 2, 2]
    static let spatialLogProbabilities: [Float] = [
        -2.0842586, -2.0842586, -0.91914886, -2.0842586, -0.33425853, -0.33425853, -2.419149, -0.33425853,
        -1.8342586, -1.8342586, -0.66914886, -1.8342586, -0.91914886, -2.0842586, -2.0842586, -0.91914886,
        -2.419149, -0.33425853, -0.33425853, -2.419149, -0.66914886, -1.8342586, -1.8342586, -0.66914886,
    ]
    /// shape [2, 2, 2]
    static let nllSpatialWeightedNoneValue: [Float] = [3.1263878, 1.8342586, 1.2095745, 0.0, 0.66914886, 1.8342586, 3.1263878, 1.2095745]
    /// shape [2, 3, 2, 2]
    static let nllSpatialWeightedNoneGradient: [Float] = [
        2.25, 0.0, 0.0, 0.0, 0.0, 0.0, -0.75, 0.0,
        0.0, -0.0, 0.0, 0.0, 0.0, 0.0, -0.75, 0.0,
        0.0, 0.0, 0.0, 0.75, -1.0, 1.0, 0.0, 0.0,
    ]
    /// shape [1]
    static let nllSpatialWeightedMeanValue: [Float] = [1.8585129]
    /// shape [2, 3, 2, 2]
    static let nllSpatialWeightedMeanGradient: [Float] = [
        -0.21428573, 0.0, 0.0, 0.0, 0.0, 0.0, -0.071428575, 0.0,
        0.0, -0.14285715, 0.0, 0.0, 0.0, 0.0, -0.21428573, 0.0,
        0.0, 0.0, 0.0, -0.071428575, -0.14285715, -0.14285715, 0.0, 0.0,
    ]
    /// shape [1]
    static let nllSpatialWeightedSumValue: [Float] = [13.00959]
    /// shape [2, 3, 2, 2]
    static let nllSpatialWeightedSumGradient: [Float] = [
        -1.5, 0.0, 0.0, 0.0, 0.0, 0.0, -0.5, 0.0,
        0.0, -1.0, 0.0, 0.0, 0.0, 0.0, -1.5, 0.0,
        0.0, 0.0, 0.0, -0.5, -1.0, -1.0, 0.0, 0.0,
    ]
    /// by reduction
    static let nllSpatialWeighted: [Reduction: LossReference<Float>] = [
        .none: .init(value: nllSpatialWeightedNoneValue, gradient: nllSpatialWeightedNoneGradient),
        .mean: .init(value: nllSpatialWeightedMeanValue, gradient: nllSpatialWeightedMeanGradient),
        .sum: .init(value: nllSpatialWeightedSumValue, gradient: nllSpatialWeightedSumGradient),
    ]
}
