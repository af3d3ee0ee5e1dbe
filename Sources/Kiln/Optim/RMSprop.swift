/// RMSprop (Hinton), as PyTorch's `torch.optim.RMSprop`, with optional centering, momentum and
/// weight decay:
///
///     g = ∇ (negated when maximize) + weightDecay · p
///     s = α · s + (1 − α) · g²
///     a = √(s − ḡ²) + eps with ḡ = lerp(ḡ, g, 1 − α) when centered, else √s + eps
///     b = momentum · b + g / a;  p = p − lr · b        (momentum > 0)
///     p = p − lr · g / a                               (otherwise)
///
/// State per parameter: `step`, `square_avg`, `momentum_buffer` (momentum > 0), `grad_avg` (centered).
public final class RMSprop: Optimizer {
    public convenience init(_ parameters: [Parameter], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
                            weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false, maximize: Bool = false) {
        require(!parameters.isEmpty, "RMSprop: got an empty parameter list")
        self.init(groups: [ParameterGroup(parameters)], lr: lr, alpha: alpha, eps: eps, weightDecay: weightDecay,
                  momentum: momentum, centered: centered, maximize: maximize)
    }

    /// An optimizer over several groups; what a group does not set comes from the arguments.
    public init(groups: [ParameterGroup], lr: Double = 1e-2, alpha: Double = 0.99, eps: Double = 1e-8,
                weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false, maximize: Bool = false) {
        require(lr >= 0, "RMSprop: invalid learning rate \(lr)")
        require(eps >= 0, "RMSprop: invalid epsilon \(eps)")
        require(momentum >= 0, "RMSprop: invalid momentum \(momentum)")
        require(weightDecay >= 0, "RMSprop: invalid weight decay \(weightDecay)")
        require(alpha >= 0, "RMSprop: invalid alpha \(alpha)")
        super.init(groups: groups, defaults: [
            "lr": .number(lr), "alpha": .number(alpha), "eps": .number(eps), "weight_decay": .number(weightDecay),
            "momentum": .number(momentum), "centered": .flag(centered), "maximize": .flag(maximize),
        ])
    }

    override public func stateNames(for group: ParameterGroup) -> [String] {
        ["step", "square_avg"] + (group.number("momentum") > 0 ? ["momentum_buffer"] : [])
            + (group.flag("centered") ? ["grad_avg"] : [])
    }

    override public func step() {
        for group in paramGroups {
            let momentum = group.number("momentum"), centered = group.flag("centered")
            let update = RMSpropUpdate(lr: group.lr, alpha: group.number("alpha"), eps: group.number("eps"),
                                       weightDecay: group.weightDecay, momentum: momentum, centered: centered,
                                       maximize: group.flag("maximize"))
            for p in group.parameters {
                guard let g = gradient(of: p) else { continue }
                let state = self.state(for: p)
                state.step = (state.step ?? 0) + 1
                let squareAvg = stateTensor("square_avg", of: state, like: p).tensor
                let buffer = momentum > 0 ? stateTensor("momentum_buffer", of: state, like: p).tensor : nil
                let gradAvg = centered ? stateTensor("grad_avg", of: state, like: p).tensor : nil
                self.update(p, gradient: g, update, squareAvg, buffer, gradAvg)
            }
        }
    }
}

/// RMSprop's update of one parameter: `state0` = square_avg, `state1` = momentum_buffer
/// (momentum > 0), `state2` = grad_avg (centered only).
struct RMSpropUpdate: ElementwiseUpdate {
    let lr, alpha, eps, weightDecay, momentum: Double
    let centered, maximize: Bool

    @inline(__always) func apply<T: UpdateElement>(_ x: inout UpdateLanes<T>) {
        var g = maximize ? -x.gradient : x.gradient
        if weightDecay != 0 { g = g + T(weightDecay) * x.parameter }
        x.state0 = x.state0 * T(alpha) + T(1 - alpha) * g * g
        var avg: T.Vector
        if centered {
            x.state2 = lerp(x.state2, g, T(1 - alpha))
            avg = T.squareRoots(x.state0 + T(-1) * x.state2 * x.state2)
        } else {
            avg = T.squareRoots(x.state0)
        }
        avg = avg + T(eps)
        if momentum > 0 {
            x.state1 = x.state1 * T(momentum) + g / avg
            x.parameter = x.parameter + T(-lr) * x.state1
        } else {
            x.parameter = x.parameter + T(-lr) * g / avg
        }
    }
}
