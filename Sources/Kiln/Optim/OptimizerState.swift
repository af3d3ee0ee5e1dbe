/// A snapshot of an optimizer for checkpoints, laid out like PyTorch's `optimizer.state_dict()`:
/// the per-parameter state tensors under `state.<index>.<name>` (index counts the parameters of all
/// groups in order; names as PyTorch's: `momentum_buffer`, `exp_avg`, `exp_avg_sq`,
/// `max_exp_avg_sq`, `square_avg`, `grad_avg`, `sum`, and `step` as a float32 scalar), and the
/// groups' hyperparameters, which are `Codable` (they encode as PyTorch's `param_groups` JSON).
///
/// The tensors are copies: later optimizer steps do not change a snapshot.
public struct OptimizerState: Sendable {
    public var tensors: [String: Tensor]
    public var groups: [ParameterGroupState]

    public init(tensors: [String: Tensor], groups: [ParameterGroupState]) {
        self.tensors = tensors
        self.groups = groups
    }
}

/// The saved form of one parameter group: the indices of its parameters in the state dict and its
/// hyperparameters. Encodes as one flat JSON object, as PyTorch's `param_groups` entries:
/// `{"lr": 0.1, "momentum": 0.9, "nesterov": false, …, "params": [0, 1]}`.
public struct ParameterGroupState: Sendable, Equatable, Codable {
    public var params: [Int]
    public var hyperparameters: [String: HyperParameter]

    public init(params: [Int], hyperparameters: [String: HyperParameter]) {
        self.params = params
        self.hyperparameters = hyperparameters
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        params = try container.decode([Int].self, forKey: Key(stringValue: "params"))
        hyperparameters = [:]
        for key in container.allKeys where key.stringValue != "params" {
            // PyTorch writes null for unset options such as `foreach`; they carry no value.
            if try container.decodeNil(forKey: key) { continue }
            hyperparameters[key.stringValue] = try container.decode(HyperParameter.self, forKey: key)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (name, value) in hyperparameters.sorted(by: { $0.key < $1.key }) {
            try container.encode(value, forKey: Key(stringValue: name))
        }
        try container.encode(params, forKey: Key(stringValue: "params"))
    }
}

/// Why `Optimizer.loadStateDict` refused a state; the optimizer is left unchanged.
public enum OptimizerStateError: Error, Equatable, CustomStringConvertible {
    case groupCountMismatch(expected: Int, found: Int)
    case groupSizeMismatch(group: Int, expected: Int, found: Int)
    case missingHyperparameter(group: Int, name: String)
    case hyperparameterKindMismatch(group: Int, name: String, expected: HyperParameter, found: HyperParameter)
    case malformedKey(String)
    case parameterIndexOutOfRange(key: String, parameterCount: Int)
    case unexpectedStateEntry(key: String, expected: [String])
    case missingStateEntries(parameter: Int, missing: [String])
    case shapeMismatch(key: String, expected: [Int], found: [Int])
    case notFloatingPoint(key: String, dtype: DType)

    public var description: String {
        switch self {
        case let .groupCountMismatch(expected, found):
            "optimizer state has \(found) parameter groups, the optimizer has \(expected)"
        case let .groupSizeMismatch(group, expected, found):
            "optimizer state group \(group) has \(found) parameters, the optimizer's group has \(expected)"
        case let .missingHyperparameter(group, name):
            "optimizer state group \(group) lacks the hyperparameter '\(name)' (saved by a different optimizer?)"
        case let .hyperparameterKindMismatch(group, name, expected, found):
            "optimizer state group \(group): hyperparameter '\(name)' is \(found), expected a value like \(expected)"
        case let .malformedKey(key):
            "optimizer state key '\(key)' is not of the form state.<parameter index>.<name>"
        case let .parameterIndexOutOfRange(key, count):
            "optimizer state key '\(key)' names a parameter beyond the optimizer's \(count) parameters"
        case let .unexpectedStateEntry(key, expected):
            "optimizer state key '\(key)' is not a state entry of this optimizer (expected \(expected))"
        case let .missingStateEntries(parameter, missing):
            "optimizer state for parameter \(parameter) lacks \(missing)"
        case let .shapeMismatch(key, expected, found):
            "optimizer state '\(key)' has shape \(found), expected \(expected)"
        case let .notFloatingPoint(key, dtype):
            "optimizer state '\(key)' has dtype \(dtype), expected a floating-point tensor"
        }
    }
}

/// What an optimizer keeps for one parameter between steps: a step count (for optimizers that
/// count steps) and named tensors of the parameter's shape and dtype, updated in place.
public final class ParameterState {
    /// Steps taken for this parameter (PyTorch's `state["step"]`); nil where the optimizer counts none.
    public var step: Double?
    public var tensors: [String: Tensor]

    public init(step: Double? = nil, tensors: [String: Tensor] = [:]) {
        self.step = step
        self.tensors = tensors
    }
}
