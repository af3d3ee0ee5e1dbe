// Normalization layers: BatchNorm1d/2d, LayerNorm, GroupNorm, written with differentiable tensor
// ops. Statistics use the biased variance for normalizing and, in BatchNorm's running estimate,
// the unbiased one, as PyTorch does.

/// Batch normalization over the channel axis (axis 1) shared by `BatchNorm1d` and `BatchNorm2d`:
/// in training, normalizes with the batch's statistics and updates the running estimates;
/// in eval mode, normalizes with the running estimates.
open class BatchNorm: Module {
    public let weight: Parameter?
    public let bias: Parameter?
    public let runningMean: Buffer?
    public let runningVar: Buffer?
    public let numBatchesTracked: Buffer?
    public let numFeatures: Int
    public let eps: Double
    /// The weight of each new batch in the running estimates; nil for a cumulative average.
    public let momentum: Double?
    private let inputRanks: Set<Int>

    init(numFeatures: Int, eps: Double, momentum: Double?, affine: Bool, trackRunningStats: Bool, dtype: DType,
         inputRanks: Set<Int>) {
        require(numFeatures > 0, "\(Self.self): numFeatures must be positive, got \(numFeatures)")
        self.numFeatures = numFeatures
        self.eps = eps
        self.momentum = momentum
        self.inputRanks = inputRanks
        weight = affine ? Parameter(Tensor.ones([numFeatures], dtype: dtype)) : nil
        bias = affine ? Parameter(Tensor.zeros([numFeatures], dtype: dtype)) : nil
        runningMean = trackRunningStats ? Buffer(Tensor.zeros([numFeatures], dtype: dtype)) : nil
        runningVar = trackRunningStats ? Buffer(Tensor.ones([numFeatures], dtype: dtype)) : nil
        numBatchesTracked = trackRunningStats ? Buffer(Tensor(0, dtype: .int64)) : nil
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        require(inputRanks.contains(input.rank) && input.shape[1] == numFeatures,
                "\(typeName): expected input of rank \(inputRanks.sorted().map(String.init).joined(separator: " or ")) with "
                    + "\(numFeatures) channels on axis 1, got shape \(input.shape)")
        let axes = [0] + Array(2..<input.rank)
        let channelShape = [1, numFeatures] + [Int](repeating: 1, count: input.rank - 2)
        let mean: Tensor, variance: Tensor
        if training || runningMean == nil {
            let n = axes.reduce(1) { $0 * input.shape[$1] }
            require(!training || n > 1, "\(typeName): training needs more than one value per channel, got input shape \(input.shape)")
            mean = input.mean(axes: axes, keepDims: true)
            variance = square(input - mean).mean(axes: axes, keepDims: true)
            if training, let runningMean, let runningVar, let numBatchesTracked {
                noGrad {
                    numBatchesTracked.value = numBatchesTracked.value + 1
                    let factor = momentum ?? 1 / numBatchesTracked.value.item()
                    let unbiased = variance.reshaped([numFeatures]) * (Double(n) / Double(n - 1))
                    runningMean.value = runningMean.value * (1 - factor) + mean.reshaped([numFeatures]).cast(to: runningMean.value.dtype) * factor
                    runningVar.value = runningVar.value * (1 - factor) + unbiased.cast(to: runningVar.value.dtype) * factor
                }
            }
        } else {
            mean = runningMean!.value.reshaped(channelShape)
            variance = runningVar!.value.reshaped(channelShape)
        }
        var out = (input - mean) * rsqrt(variance + eps)
        if let weight, let bias { out = out * weight.value.reshaped(channelShape) + bias.value.reshaped(channelShape) }
        return out
    }

    public override var extraDescription: String {
        "\(numFeatures), eps: \(eps), momentum: \(momentum.map { "\($0)" } ?? "nil"), affine: \(weight != nil), "
            + "trackRunningStats: \(runningMean != nil)"
    }
}

/// Batch normalization of [N, C] or [N, C, L] inputs, PyTorch's `nn.BatchNorm1d`.
public final class BatchNorm1d: BatchNorm {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, dtype: DType = .float32) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, dtype: dtype, inputRanks: [2, 3])
    }
}

/// Batch normalization of [N, C, H, W] inputs, PyTorch's `nn.BatchNorm2d`.
public final class BatchNorm2d: BatchNorm {
    public init(_ numFeatures: Int, eps: Double = 1e-5, momentum: Double? = 0.1, affine: Bool = true,
                trackRunningStats: Bool = true, dtype: DType = .float32) {
        super.init(numFeatures: numFeatures, eps: eps, momentum: momentum, affine: affine,
                   trackRunningStats: trackRunningStats, dtype: dtype, inputRanks: [4])
    }
}

/// Normalizes over the last `normalizedShape.count` axes of each sample, then scales and shifts
/// elementwise, PyTorch's `nn.functional.layer_norm`.
public func layerNorm(_ input: Tensor, normalizedShape: [Int], weight: Tensor? = nil, bias: Tensor? = nil,
                      eps: Double = 1e-5) -> Tensor {
    let k = normalizedShape.count
    require(k > 0 && input.rank >= k && Array(input.shape.suffix(k)) == normalizedShape,
            "layerNorm: input shape \(input.shape) does not end with normalized shape \(normalizedShape)")
    let axes = Array((input.rank - k)..<input.rank)
    let mean = input.mean(axes: axes, keepDims: true)
    let centered = input - mean
    var out = centered * rsqrt(square(centered).mean(axes: axes, keepDims: true) + eps)
    if let weight { out = out * weight }
    if let bias { out = out + bias }
    return out
}

/// Layer normalization, PyTorch's `nn.LayerNorm`: weight ones and bias zeros of `normalizedShape`.
public final class LayerNorm: Module {
    public let normalizedShape: [Int]
    public let eps: Double
    public let weight: Parameter?
    public let bias: Parameter?

    public init(_ normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                dtype: DType = .float32) {
        self.normalizedShape = normalizedShape
        self.eps = eps
        weight = elementwiseAffine ? Parameter(Tensor.ones(normalizedShape, dtype: dtype)) : nil
        self.bias = elementwiseAffine && bias ? Parameter(Tensor.zeros(normalizedShape, dtype: dtype)) : nil
    }

    public convenience init(_ normalizedSize: Int, eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true,
                            dtype: DType = .float32) {
        self.init([normalizedSize], eps: eps, elementwiseAffine: elementwiseAffine, bias: bias, dtype: dtype)
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        layerNorm(input, normalizedShape: normalizedShape, weight: weight?.value, bias: bias?.value, eps: eps)
    }

    public override var extraDescription: String {
        "\(normalizedShape), eps: \(eps), elementwiseAffine: \(weight != nil)"
    }
}

/// Normalizes each group of `numGroups` channel groups of each sample over its channels and
/// positions, then scales and shifts per channel, PyTorch's `nn.functional.group_norm`.
public func groupNorm(_ input: Tensor, numGroups: Int, weight: Tensor? = nil, bias: Tensor? = nil, eps: Double = 1e-5) -> Tensor {
    require(input.rank >= 2 && numGroups > 0 && input.shape[1] % numGroups == 0,
            "groupNorm: \(numGroups) groups do not divide the channels of input shape \(input.shape)")
    let grouped = input.reshaped([input.shape[0], numGroups, -1])
    let mean = grouped.mean(axes: [2], keepDims: true)
    let centered = grouped - mean
    var out = (centered * rsqrt(square(centered).mean(axes: [2], keepDims: true) + eps)).reshaped(input.shape)
    let channelShape = [1, input.shape[1]] + [Int](repeating: 1, count: input.rank - 2)
    if let weight { out = out * weight.reshaped(channelShape) }
    if let bias { out = out + bias.reshaped(channelShape) }
    return out
}

/// Group normalization, PyTorch's `nn.GroupNorm`: per-channel weight ones and bias zeros.
public final class GroupNorm: Module {
    public let numGroups: Int
    public let numChannels: Int
    public let eps: Double
    public let weight: Parameter?
    public let bias: Parameter?

    public init(numGroups: Int, numChannels: Int, eps: Double = 1e-5, affine: Bool = true, dtype: DType = .float32) {
        require(numGroups > 0 && numChannels % numGroups == 0,
                "GroupNorm: \(numGroups) groups must divide \(numChannels) channels")
        (self.numGroups, self.numChannels, self.eps) = (numGroups, numChannels, eps)
        weight = affine ? Parameter(Tensor.ones([numChannels], dtype: dtype)) : nil
        bias = affine ? Parameter(Tensor.zeros([numChannels], dtype: dtype)) : nil
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        require(input.rank >= 2 && input.shape[1] == numChannels,
                "GroupNorm: expected \(numChannels) channels on axis 1, got input shape \(input.shape)")
        return groupNorm(input, numGroups: numGroups, weight: weight?.value, bias: bias?.value, eps: eps)
    }

    public override var extraDescription: String { "\(numGroups), \(numChannels), eps: \(eps), affine: \(weight != nil)" }
}
