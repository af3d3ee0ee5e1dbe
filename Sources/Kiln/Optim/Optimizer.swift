/// The base of Kiln's optimizers (PyTorch's `torch.optim.Optimizer`): parameter groups with their
/// hyperparameters, per-parameter state, `zeroGrad()`, `step()` and checkpoints.
///
/// ```swift
/// let optimizer = Adam(model.parameters(), lr: 1e-3)
/// for (x, y) in batches {
///     optimizer.zeroGrad()
///     crossEntropy(logits: model(x), labels: y).backward()
///     optimizer.step()
/// }
/// ```
///
/// Subclasses fill `defaults` with every hyperparameter they read (by PyTorch's names), implement
/// `step()`, and list their per-parameter state in `stateNames(for:)`.
open class Optimizer {
    /// The groups of parameters with their hyperparameters; schedulers change `lr` here.
    public var paramGroups: [ParameterGroup]
    /// The hyperparameters a group gets when it does not set them (PyTorch's `defaults`).
    public let defaults: [String: HyperParameter]
    /// Per-parameter state, keyed by the parameter's identity; the entry keeps the parameter alive
    /// so the identifier cannot be reused by another object.
    private var states: [ObjectIdentifier: (parameter: Parameter, state: ParameterState)] = [:]

    /// An optimizer over `groups`; hyperparameters a group does not set come from `defaults`,
    /// which must include `lr` and `weight_decay`.
    public init(groups: [ParameterGroup], defaults: [String: HyperParameter]) {
        require(defaults["lr"]?.number != nil && defaults["weight_decay"]?.number != nil,
                "Optimizer: defaults must include the numbers 'lr' and 'weight_decay'")
        require(!groups.isEmpty, "Optimizer: got no parameter groups")
        self.defaults = defaults
        paramGroups = []
        for group in groups { addParamGroup(group) }
    }

    /// Adds a group (PyTorch's `add_param_group`); its missing hyperparameters come from `defaults`.
    /// A parameter may belong to one group only.
    open func addParamGroup(_ group: ParameterGroup) {
        var group = group
        for (name, value) in defaults where group.hyperparameters[name] == nil {
            group.hyperparameters[name] = value
        }
        for (name, value) in defaults {
            require(group.hyperparameters[name]!.hasSameKind(as: value),
                    "\(typeName).addParamGroup: hyperparameter '\(name)' is \(group.hyperparameters[name]!), expected a value like \(value)")
        }
        var seen = Set(paramGroups.flatMap { $0.parameters.map(ObjectIdentifier.init) })
        for p in group.parameters {
            require(seen.insert(ObjectIdentifier(p)).inserted,
                    "\(typeName): a parameter of shape \(p.shape) appears in more than one place in the parameter groups")
        }
        paramGroups.append(group)
    }

    /// Updates every parameter that has a gradient; parameters whose `grad` is nil are skipped.
    open func step() {
        fatalError("\(typeName) must override step()")
    }

    /// Sets every parameter's gradient to nil (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() {
        for group in paramGroups {
            for p in group.parameters { p.grad = nil }
        }
    }

    /// The names of the state entries a parameter of `group` has once it has been updated
    /// (`step` included where steps are counted); checkpoints are checked against them.
    open func stateNames(for group: ParameterGroup) -> [String] { [] }

    /// The state of `parameter`, nil before its first update.
    public func existingState(for parameter: Parameter) -> ParameterState? {
        states[ObjectIdentifier(parameter)]?.state
    }

    /// The state of `parameter`, created empty on first use.
    public func state(for parameter: Parameter) -> ParameterState {
        if let entry = states[ObjectIdentifier(parameter)] { return entry.state }
        let state = ParameterState()
        states[ObjectIdentifier(parameter)] = (parameter, state)
        return state
    }

    var typeName: String { String(describing: type(of: self)) }

    // MARK: Checkpoints

    /// A copy of the optimizer's state and hyperparameters (PyTorch's `state_dict()`).
    public func stateDict() -> OptimizerState {
        var tensors: [String: Tensor] = [:]
        var groups: [ParameterGroupState] = []
        var index = 0
        for group in paramGroups {
            var indices: [Int] = []
            for p in group.parameters {
                if let state = existingState(for: p) {
                    if let step = state.step { tensors["state.\(index).step"] = Tensor(step, dtype: .float32) }
                    for (name, t) in state.tensors { tensors["state.\(index).\(name)"] = t.copied() }
                }
                indices.append(index)
                index += 1
            }
            groups.append(ParameterGroupState(params: indices, hyperparameters: group.hyperparameters))
        }
        return OptimizerState(tensors: tensors, groups: groups)
    }

    /// Replaces the state and the groups' hyperparameters with `saved` (PyTorch's
    /// `load_state_dict`); the parameters themselves stay. Parameters are matched by position.
    ///
    /// - Throws: `OptimizerStateError` naming the first mismatch (number of groups or parameters,
    ///   a missing hyperparameter, an unknown, incomplete or mis-shaped state entry); the optimizer
    ///   is unchanged when it throws.
    public func loadStateDict(_ saved: OptimizerState) throws {
        guard saved.groups.count == paramGroups.count else {
            throw OptimizerStateError.groupCountMismatch(expected: paramGroups.count, found: saved.groups.count)
        }
        var newGroups = paramGroups
        var owners: [(parameter: Parameter, group: Int)] = []
        for (g, savedGroup) in saved.groups.enumerated() {
            let count = paramGroups[g].parameters.count
            guard savedGroup.params.count == count else {
                throw OptimizerStateError.groupSizeMismatch(group: g, expected: count, found: savedGroup.params.count)
            }
            for (name, value) in defaults.sorted(by: { $0.key < $1.key }) {
                guard let found = savedGroup.hyperparameters[name] else {
                    throw OptimizerStateError.missingHyperparameter(group: g, name: name)
                }
                guard found.hasSameKind(as: value) else {
                    throw OptimizerStateError.hyperparameterKindMismatch(group: g, name: name, expected: value, found: found)
                }
            }
            newGroups[g].hyperparameters = savedGroup.hyperparameters
            owners += paramGroups[g].parameters.map { ($0, g) }
        }

        var entries: [Int: [String: Tensor]] = [:]
        for (key, tensor) in saved.tensors.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: ".", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0] == "state", let index = Int(parts[1]), index >= 0, !parts[2].isEmpty else {
                throw OptimizerStateError.malformedKey(key)
            }
            guard index < owners.count else {
                throw OptimizerStateError.parameterIndexOutOfRange(key: key, parameterCount: owners.count)
            }
            let (parameter, g) = owners[index]
            let name = String(parts[2])
            let expected = stateNames(for: newGroups[g])
            guard expected.contains(name) else {
                throw OptimizerStateError.unexpectedStateEntry(key: key, expected: expected)
            }
            if name == "step" {
                guard tensor.dtype != .bool else { throw OptimizerStateError.notFloatingPoint(key: key, dtype: tensor.dtype) }
                guard tensor.count == 1 else {
                    throw OptimizerStateError.shapeMismatch(key: key, expected: [], found: tensor.shape)
                }
            } else {
                guard tensor.dtype.isFloatingPoint else {
                    throw OptimizerStateError.notFloatingPoint(key: key, dtype: tensor.dtype)
                }
                guard tensor.shape == parameter.shape else {
                    throw OptimizerStateError.shapeMismatch(key: key, expected: parameter.shape, found: tensor.shape)
                }
            }
            entries[index, default: [:]][name] = tensor
        }
        for (index, found) in entries.sorted(by: { $0.key < $1.key }) {
            let missing = stateNames(for: newGroups[owners[index].group]).filter { found[$0] == nil }
            guard missing.isEmpty else { throw OptimizerStateError.missingStateEntries(parameter: index, missing: missing) }
        }

        // Everything checked: apply.
        paramGroups = newGroups
        states = [:]
        for (index, found) in entries {
            let parameter = owners[index].parameter
            let state = self.state(for: parameter)
            state.step = found["step"]?.item()
            for (name, tensor) in found where name != "step" {
                state.tensors[name] = tensor.cast(to: parameter.dtype).copied()
            }
        }
    }

    // MARK: Helpers for step()

    /// The gradient of `parameter` as a contiguous tensor of its dtype, nil when it has none.
    func gradient(of parameter: Parameter) -> Tensor? {
        guard var g = parameter.grad else { return nil }
        require(g.shape == parameter.shape,
                "\(typeName).step: gradient shape \(g.shape) does not match parameter shape \(parameter.shape)")
        if g.dtype != parameter.dtype { g = g.cast(to: parameter.dtype) }
        return g.contiguous().detach()
    }

    /// The state tensor `name` of `state`, created with the parameter's shape and dtype if missing
    /// (filled with `fill`, or uninitialised when `fill` is nil); `created` says whether it is new.
    func stateTensor(_ name: String, of state: ParameterState, like parameter: Parameter,
                     fill: Double? = 0) -> (tensor: Tensor, created: Bool) {
        if let t = state.tensors[name] { return (t, false) }
        let t = fill.map { Tensor.full(parameter.shape, $0, dtype: parameter.dtype) }
            ?? Tensor(uninitializedShape: parameter.shape, dtype: parameter.dtype)
        state.tensors[name] = t
        return (t, true)
    }
}
