import Foundation

/// Adam (Kingma & Ba), as PyTorch's `torch.optim.Adam`, with optional AMSGrad and L2 weight decay
/// (added to the gradient); `AdamW` decays the weights directly instead. For step t:
///
///     g = ∇ (negated when maximize) + weightDecay · p           (Adam)
///     p = p · (1 − lr · weightDecay)                              (AdamW)
///     m = lerp(m, g, 1 − β1);  v = β2 · v + (1 − β2) · g²;  v̂ = max(v̂, v) with AMSGrad
///     p = p − lr / (1 − β1ᵗ) · m / (√v / √(1 − β2ᵗ) + eps)
///
/// State per parameter: `step`, `exp_avg`, `exp_avg_sq`, and `max_exp_avg_sq` with AMSGrad.
public class Adam: Optimizer {
    public convenience init(_ parameters: [Parameter], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false) {
        require(!parameters.isEmpty, "Adam: got an empty parameter list")
        self.init(groups: [ParameterGroup(parameters)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  amsgrad: amsgrad, maximize: maximize)
    }

    /// An optimizer over several groups; what a group does not set comes from the arguments.
    public convenience init(groups: [ParameterGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 0, amsgrad: Bool = false, maximize: Bool = false) {
        self.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                  maximize: maximize, decoupledWeightDecay: false)
    }

    init(groups: [ParameterGroup], lr: Double, betas: (Double, Double), eps: Double, weightDecay: Double,
         amsgrad: Bool, maximize: Bool, decoupledWeightDecay: Bool) {
        let name = decoupledWeightDecay ? "AdamW" : "Adam"
        require(lr >= 0, "\(name): invalid learning rate \(lr)")
        require(eps >= 0, "\(name): invalid epsilon \(eps)")
        require(betas.0 >= 0 && betas.0 < 1, "\(name): invalid beta1 \(betas.0)")
        require(betas.1 >= 0 && betas.1 < 1, "\(name): invalid beta2 \(betas.1)")
        require(weightDecay >= 0, "\(name): invalid weight decay \(weightDecay)")
        super.init(groups: groups, defaults: [
            "lr": .number(lr), "betas": .numbers([betas.0, betas.1]), "eps": .number(eps),
            "weight_decay": .number(weightDecay), "amsgrad": .flag(amsgrad), "maximize": .flag(maximize),
            "decoupled_weight_decay": .flag(decoupledWeightDecay),
        ])
    }

    override public func stateNames(for group: ParameterGroup) -> [String] {
        ["step", "exp_avg", "exp_avg_sq"] + (group.flag("amsgrad") ? ["max_exp_avg_sq"] : [])
    }

    override public func step() {
        for group in paramGroups {
            let betas = group.numbers("betas")
            require(betas.count == 2, "\(typeName).step: betas must hold two numbers, not \(betas)")
            let amsgrad = group.flag("amsgrad")
            for p in group.parameters {
                guard let g = gradient(of: p) else { continue }
                let state = self.state(for: p)
                let step = (state.step ?? 0) + 1
                state.step = step
                let expAvg = stateTensor("exp_avg", of: state, like: p).tensor
                let expAvgSq = stateTensor("exp_avg_sq", of: state, like: p).tensor
                let maxExpAvgSq = amsgrad ? stateTensor("max_exp_avg_sq", of: state, like: p).tensor : nil
                let update = AdamUpdate(
                    lr: group.lr, beta1: betas[0], beta2: betas[1], eps: group.number("eps"),
                    weightDecay: group.weightDecay, decoupled: group.flag("decoupled_weight_decay"),
                    amsgrad: amsgrad, maximize: group.flag("maximize"), step: step)
                self.update(p, gradient: g, update, expAvg, expAvgSq, maxExpAvgSq)
            }
        }
    }
}

/// AdamW (Loshchilov & Hutter): Adam with weight decay applied to the weights, not the gradient,
/// as PyTorch's `torch.optim.AdamW`.
public final class AdamW: Adam {
    public convenience init(_ parameters: [Parameter], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false) {
        require(!parameters.isEmpty, "AdamW: got an empty parameter list")
        self.init(groups: [ParameterGroup(parameters)], lr: lr, betas: betas, eps: eps, weightDecay: weightDecay,
                  amsgrad: amsgrad, maximize: maximize)
    }

    /// An optimizer over several groups; what a group does not set comes from the arguments.
    public convenience init(groups: [ParameterGroup], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                            eps: Double = 1e-8, weightDecay: Double = 1e-2, amsgrad: Bool = false, maximize: Bool = false) {
        self.init(groups: groups, lr: lr, betas: betas, eps: eps, weightDecay: weightDecay, amsgrad: amsgrad,
                  maximize: maximize, decoupledWeightDecay: true)
    }
}

/// Adam's update of one parameter: `state0` = exp_avg, `state1` = exp_avg_sq, `state2` =
/// max_exp_avg_sq (AMSGrad only). The order of operations is PyTorch's single-tensor one.
struct AdamUpdate: ElementwiseUpdate {
    let lr, beta1, beta2, eps, weightDecay: Double
    let decoupled, amsgrad, maximize: Bool
    /// lr / (1 − β1ᵗ) and √(1 − β2ᵗ) for this step.
    let stepSize, biasCorrection2Sqrt: Double

    init(lr: Double, beta1: Double, beta2: Double, eps: Double, weightDecay: Double, decoupled: Bool, amsgrad: Bool,
         maximize: Bool, step: Double) {
        (self.lr, self.beta1, self.beta2, self.eps, self.weightDecay) = (lr, beta1, beta2, eps, weightDecay)
        (self.decoupled, self.amsgrad, self.maximize) = (decoupled, amsgrad, maximize)
        stepSize = lr / (1 - Foundation.pow(beta1, step))
        biasCorrection2Sqrt = Foundation.pow(1 - Foundation.pow(beta2, step), 0.5)
    }

    @inline(__always) func apply<T: UpdateElement>(_ x: inout UpdateLanes<T>) {
        var g = maximize ? -x.gradient : x.gradient
        if weightDecay != 0 {
            if decoupled { x.parameter = x.parameter * T(1 - lr * weightDecay) } else { g = g + T(weightDecay) * x.parameter }
        }
        x.state0 = lerp(x.state0, g, T(1 - beta1))
        x.state1 = x.state1 * T(beta2) + T(1 - beta2) * g * g
        var second = x.state1
        if amsgrad {
            x.state2 = maximumPropagatingNaN(x.state2, x.state1)
            second = x.state2
        }
        let denom = T.squareRoots(second) / T(biasCorrection2Sqrt) + T(eps)
        x.parameter = x.parameter + T(-stepSize) * x.state0 / denom
    }
}
