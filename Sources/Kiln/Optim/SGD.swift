/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
/// decay, as PyTorch's `torch.optim.SGD`:
///
///     g = ∇ (negated when maximize) + weightDecay · p
///     b = g on the first step, else momentum · b + (1 − dampening) · g     (when momentum ≠ 0)
///     g = nesterov ? g + momentum · b : b
///     p = p − lr · g
///
/// State per parameter: `momentum_buffer` (only with momentum).
public final class SGD: Optimizer {
    public convenience init(_ parameters: [Parameter], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                            weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) {
        require(!parameters.isEmpty, "SGD: got an empty parameter list")
        self.init(groups: [ParameterGroup(parameters)], lr: lr, momentum: momentum, dampening: dampening,
                  weightDecay: weightDecay, nesterov: nesterov, maximize: maximize)
    }

    /// An optimizer over several groups; what a group does not set comes from the arguments.
    public init(groups: [ParameterGroup], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false, maximize: Bool = false) {
        require(lr >= 0, "SGD: invalid learning rate \(lr)")
        require(momentum >= 0, "SGD: invalid momentum \(momentum)")
        require(weightDecay >= 0, "SGD: invalid weight decay \(weightDecay)")
        require(!nesterov || (momentum > 0 && dampening == 0),
                "SGD: Nesterov momentum requires a momentum and zero dampening (momentum \(momentum), dampening \(dampening))")
        super.init(groups: groups, defaults: [
            "lr": .number(lr), "momentum": .number(momentum), "dampening": .number(dampening),
            "weight_decay": .number(weightDecay), "nesterov": .flag(nesterov), "maximize": .flag(maximize),
        ])
    }

    override public func stateNames(for group: ParameterGroup) -> [String] {
        group.number("momentum") != 0 ? ["momentum_buffer"] : []
    }

    override public func step() {
        for group in paramGroups {
            let momentum = group.number("momentum")
            var update = SGDUpdate(lr: group.lr, weightDecay: group.weightDecay, momentum: momentum,
                                   dampening: group.number("dampening"), nesterov: group.flag("nesterov"),
                                   maximize: group.flag("maximize"), firstStep: false)
            for p in group.parameters {
                guard let g = gradient(of: p) else { continue }
                if momentum != 0 {
                    let buffer = stateTensor("momentum_buffer", of: state(for: p), like: p, fill: nil)
                    update.firstStep = buffer.created
                    self.update(p, gradient: g, update, buffer.tensor)
                } else {
                    self.update(p, gradient: g, update)
                }
            }
        }
    }
}

/// SGD's update of one parameter; `state0` is the momentum buffer (used when momentum ≠ 0, and
/// uninitialised on the first step).
struct SGDUpdate: ElementwiseUpdate {
    let lr, weightDecay, momentum, dampening: Double
    let nesterov, maximize: Bool
    var firstStep: Bool

    @inline(__always) func apply<T: UpdateElement>(_ x: inout UpdateLanes<T>) {
        var g = maximize ? -x.gradient : x.gradient
        if weightDecay != 0 { g = g + T(weightDecay) * x.parameter }
        if momentum != 0 {
            let b = firstStep ? g : x.state0 * T(momentum) + T(1 - dampening) * g
            x.state0 = b
            g = nesterov ? g + T(momentum) * b : b
        }
        x.parameter = x.parameter + T(-lr) * g
    }
}
