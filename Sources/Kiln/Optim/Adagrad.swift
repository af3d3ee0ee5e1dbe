/// Adagrad (Duchi et al.), as PyTorch's `torch.optim.Adagrad`. For step t:
///
///     g = ∇ (negated when maximize) + weightDecay · p
///     lr_t = lr / (1 + (t − 1) · lrDecay)
///     s = s + g²;  p = p − lr_t · g / (√s + eps)
///
/// State per parameter: `step` and `sum` (which starts at `initialAccumulatorValue`); as in
/// PyTorch it exists from construction, before the first step.
public final class Adagrad: Optimizer {
    public convenience init(_ parameters: [Parameter], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                            initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) {
        require(!parameters.isEmpty, "Adagrad: got an empty parameter list")
        self.init(groups: [ParameterGroup(parameters)], lr: lr, lrDecay: lrDecay, weightDecay: weightDecay,
                  initialAccumulatorValue: initialAccumulatorValue, eps: eps, maximize: maximize)
    }

    /// An optimizer over several groups; what a group does not set comes from the arguments.
    public init(groups: [ParameterGroup], lr: Double = 1e-2, lrDecay: Double = 0, weightDecay: Double = 0,
                initialAccumulatorValue: Double = 0, eps: Double = 1e-10, maximize: Bool = false) {
        require(lr >= 0, "Adagrad: invalid learning rate \(lr)")
        require(lrDecay >= 0, "Adagrad: invalid lr_decay \(lrDecay)")
        require(weightDecay >= 0, "Adagrad: invalid weight decay \(weightDecay)")
        require(initialAccumulatorValue >= 0, "Adagrad: invalid initial_accumulator_value \(initialAccumulatorValue)")
        require(eps >= 0, "Adagrad: invalid epsilon \(eps)")
        super.init(groups: groups, defaults: [
            "lr": .number(lr), "lr_decay": .number(lrDecay), "eps": .number(eps), "weight_decay": .number(weightDecay),
            "initial_accumulator_value": .number(initialAccumulatorValue), "maximize": .flag(maximize),
        ])
    }

    override public func addParamGroup(_ group: ParameterGroup) {
        super.addParamGroup(group)
        let added = paramGroups[paramGroups.count - 1]
        for p in added.parameters { initializeState(of: p, in: added) }
    }

    override public func stateNames(for group: ParameterGroup) -> [String] { ["step", "sum"] }

    /// Creates `step` (0) and `sum` (the group's initial accumulator value) where missing.
    private func initializeState(of p: Parameter, in group: ParameterGroup) {
        let state = self.state(for: p)
        if state.step == nil { state.step = 0 }
        _ = stateTensor("sum", of: state, like: p, fill: group.number("initial_accumulator_value"))
    }

    override public func step() {
        for group in paramGroups {
            for p in group.parameters {
                guard let g = gradient(of: p) else { continue }
                initializeState(of: p, in: group)
                let state = self.state(for: p)
                let step = state.step! + 1
                state.step = step
                let clr = group.lr / (1 + (step - 1) * group.number("lr_decay"))
                let update = AdagradUpdate(clr: clr, eps: group.number("eps"), weightDecay: group.weightDecay,
                                           maximize: group.flag("maximize"))
                self.update(p, gradient: g, update, state.tensors["sum"]!)
            }
        }
    }
}

/// Adagrad's update of one parameter: `state0` = sum.
struct AdagradUpdate: ElementwiseUpdate {
    let clr, eps, weightDecay: Double
    let maximize: Bool

    @inline(__always) func apply<T: UpdateElement>(_ x: inout UpdateLanes<T>) {
        var g = maximize ? -x.gradient : x.gradient
        if weightDecay != 0 { g = g + T(weightDecay) * x.parameter }
        x.state0 = x.state0 + T(1) * g * g
        x.parameter = x.parameter + T(-clr) * g / (T.squareRoots(x.state0) + T(eps))
    }
}
