// The module forms of the losses: small values that store a loss's options, so a model's
// training setup can name its loss once and a training loop can take `any Loss`.

/// A loss as a value: the module form of a loss function, with its options stored, so a training
/// loop can take any loss.
public protocol Loss: Sendable {
    /// The loss of `input` (the model's output) against `target`.
    func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor
}

/// Mean squared error as a value (PyTorch's `nn.MSELoss`); see `mseLoss`.
public struct MSELoss: Loss {
    public var reduction: Reduction
    public init(reduction: Reduction = .mean) { self.reduction = reduction }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        mseLoss(input, target, reduction: reduction)
    }
}

/// Absolute error as a value (PyTorch's `nn.L1Loss`); see `l1Loss`.
public struct L1Loss: Loss {
    public var reduction: Reduction
    public init(reduction: Reduction = .mean) { self.reduction = reduction }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        l1Loss(input, target, reduction: reduction)
    }
}

/// Huber loss as a value (PyTorch's `nn.HuberLoss`); see `huberLoss`.
public struct HuberLoss: Loss {
    public var delta: Double
    public var reduction: Reduction
    public init(delta: Double = 1, reduction: Reduction = .mean) {
        self.delta = delta
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        huberLoss(input, target, delta: delta, reduction: reduction)
    }
}

/// Smooth L1 loss as a value (PyTorch's `nn.SmoothL1Loss`); see `smoothL1Loss`.
public struct SmoothL1Loss: Loss {
    public var beta: Double
    public var reduction: Reduction
    public init(beta: Double = 1, reduction: Reduction = .mean) {
        self.beta = beta
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        smoothL1Loss(input, target, beta: beta, reduction: reduction)
    }
}

/// Cross-entropy on logits as a value (PyTorch's `nn.CrossEntropyLoss`). As in PyTorch, the
/// target's dtype decides its meaning: integer class indices, or floating-point class
/// probabilities of the logits' shape (`ignoreIndex` applies to indices only).
public struct CrossEntropyLoss: Loss {
    /// One weight per class ([C]), or nil for equal weights.
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var labelSmoothing: Double
    public var reduction: Reduction
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, labelSmoothing: Double = 0, reduction: Reduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        if target.dtype.isFloatingPoint {
            return crossEntropy(logits: input, probabilities: target, weight: weight,
                                labelSmoothing: labelSmoothing, reduction: reduction)
        }
        return crossEntropy(logits: input, labels: target, weight: weight, ignoreIndex: ignoreIndex,
                            labelSmoothing: labelSmoothing, reduction: reduction)
    }
}

/// Negative log-likelihood of class indices as a value (PyTorch's `nn.NLLLoss`); see `nllLoss`.
public struct NLLLoss: Loss {
    public var weight: Tensor?
    public var ignoreIndex: Int
    public var reduction: Reduction
    public init(weight: Tensor? = nil, ignoreIndex: Int = -100, reduction: Reduction = .mean) {
        self.weight = weight
        self.ignoreIndex = ignoreIndex
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        nllLoss(logProbabilities: input, labels: target, weight: weight, ignoreIndex: ignoreIndex, reduction: reduction)
    }
}

/// Binary cross-entropy of probabilities as a value (PyTorch's `nn.BCELoss`); see `binaryCrossEntropy`.
public struct BCELoss: Loss {
    public var weight: Tensor?
    public var reduction: Reduction
    public init(weight: Tensor? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        binaryCrossEntropy(input, target, weight: weight, reduction: reduction)
    }
}

/// Binary cross-entropy of logits as a value (PyTorch's `nn.BCEWithLogitsLoss`); see
/// `binaryCrossEntropyWithLogits`.
public struct BCEWithLogitsLoss: Loss {
    public var weight: Tensor?
    public var posWeight: Tensor?
    public var reduction: Reduction
    public init(weight: Tensor? = nil, posWeight: Tensor? = nil, reduction: Reduction = .mean) {
        self.weight = weight
        self.posWeight = posWeight
        self.reduction = reduction
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        binaryCrossEntropyWithLogits(input, target, weight: weight, posWeight: posWeight, reduction: reduction)
    }
}

/// KL divergence as a value (PyTorch's `nn.KLDivLoss`); see `klDivergence`.
public struct KLDivLoss: Loss {
    public var reduction: KLReduction
    public var logTarget: Bool
    public init(reduction: KLReduction = .mean, logTarget: Bool = false) {
        self.reduction = reduction
        self.logTarget = logTarget
    }
    public func callAsFunction(_ input: Tensor, _ target: Tensor) -> Tensor {
        klDivergence(input, target, reduction: reduction, logTarget: logTarget)
    }
}
