// The Kullback–Leibler divergence of a target distribution from the input's, PyTorch's `kl_div`.

/// How `klDivergence` reduces: as `Reduction`, plus `batchMean`, the sum divided by the batch
/// size (PyTorch's 'batchmean', the one that equals the mathematical KL divergence per sample;
/// `.mean` divides by the number of elements).
public enum KLReduction: String, Sendable {
    case mean, sum, none
    case batchMean = "batchmean"
}

/// The pointwise KL divergence target·(log target − input), where `input` holds
/// log-probabilities and `target` probabilities (or log-probabilities when `logTarget`), PyTorch's
/// `kl_div`. Terms with target 0 are 0.
public func klDivergence(
    _ input: Tensor, _ target: Tensor, reduction: KLReduction = .mean, logTarget: Bool = false
) -> Tensor {
    let op = "klDivergence"
    requireSameShape(input, target, loss: op)
    requireFloatingPoint(input, loss: op)
    var type = input.dtype.promoted(with: target.dtype)
    if !type.isFloatingPoint { type = .float32 }
    let x = input.cast(to: type), t = target.cast(to: type)
    let xd = x.detach(), td = t.detach()
    let pointwise: Tensor
    if logTarget {
        pointwise = exp(td) * (td - xd)
    } else {
        // xlogy(t, t) − t·x, with 0·log 0 = 0.
        pointwise = Tensor.where(td .== 0, Tensor.zeros([], dtype: type), td * log(td)) - td * xd
    }
    let losses = Tensor.record(op, pointwise, inputs: [x, t]) { g, needs in
        if logTarget {
            let p = exp(td)
            return [needs[0] ? -(g * p) : nil, needs[1] ? g * p * (td - xd + 1) : nil]
        }
        let gt: Tensor? = needs[1]
            ? Tensor.where(td .== 0, Tensor.zeros([], dtype: type), g * (log(td) + 1 - xd)) : nil
        return [needs[0] ? -(g * td) : nil, gt]
    }
    switch reduction {
    case .none: return losses
    case .sum: return losses.sum()
    case .mean: return losses.mean()
    case .batchMean: return input.rank == 0 ? losses.sum() : losses.sum() / Double(input.shape[0])
    }
}
