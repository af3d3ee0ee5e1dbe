/// Parameters that an optimizer updates with the same hyperparameters (PyTorch's `param_group`).
///
/// Hyperparameters are kept by PyTorch's names (`lr`, `weight_decay`, `momentum`, `betas`, …), so
/// schedulers and checkpoints can treat every optimizer alike. A group passed to an optimizer's
/// initialiser may set only some of them; the optimizer fills the rest from its defaults.
///
/// ```swift
/// let optimizer = SGD(groups: [
///     ParameterGroup(backbone.parameters()),
///     ParameterGroup(head.parameters(), lr: 0.1, weightDecay: 0),
/// ], lr: 0.01, momentum: 0.9)
/// ```
public struct ParameterGroup {
    public var parameters: [Parameter]
    /// Every hyperparameter of the group by PyTorch's name.
    public var hyperparameters: [String: HyperParameter]

    /// A group of `parameters`; `lr`, `weightDecay` and `other` override the optimizer's defaults.
    public init(_ parameters: [Parameter], lr: Double? = nil, weightDecay: Double? = nil,
                other: [String: HyperParameter] = [:]) {
        self.parameters = parameters
        hyperparameters = other
        if let lr { hyperparameters["lr"] = .number(lr) }
        if let weightDecay { hyperparameters["weight_decay"] = .number(weightDecay) }
    }

    /// The hyperparameter called `name`, nil if the group has none.
    public subscript(name: String) -> HyperParameter? {
        get { hyperparameters[name] }
        set { hyperparameters[name] = newValue }
    }

    /// The learning rate (`lr`), which schedulers change.
    public var lr: Double {
        get { number("lr") }
        set { hyperparameters["lr"] = .number(newValue) }
    }

    /// The weight decay (`weight_decay`).
    public var weightDecay: Double {
        get { number("weight_decay") }
        set { hyperparameters["weight_decay"] = .number(newValue) }
    }

    /// The learning rate the group had when the first scheduler was attached (`initial_lr`);
    /// schedulers compute their learning rates from it.
    public var initialLR: Double? {
        get { hyperparameters["initial_lr"]?.number }
        set { hyperparameters["initial_lr"] = newValue.map { .number($0) } }
    }

    /// The number called `name`; stops if the group has no such number (the optimizer fills every
    /// hyperparameter it uses, so this is a programmer error).
    public func number(_ name: String) -> Double {
        guard let value = hyperparameters[name]?.number else {
            fatalError("ParameterGroup: no number '\(name)' (has \(hyperparameters.keys.sorted()))")
        }
        return value
    }

    /// The flag called `name`; stops if the group has no such flag.
    public func flag(_ name: String) -> Bool {
        guard let value = hyperparameters[name]?.flag else {
            fatalError("ParameterGroup: no flag '\(name)' (has \(hyperparameters.keys.sorted()))")
        }
        return value
    }

    /// The list of numbers called `name`; stops if the group has no such list.
    public func numbers(_ name: String) -> [Double] {
        guard let value = hyperparameters[name]?.numbers else {
            fatalError("ParameterGroup: no list of numbers '\(name)' (has \(hyperparameters.keys.sorted()))")
        }
        return value
    }
}
