/// A model's weights and buffers by PyTorch state-dict key (`features.0.weight`,
/// `bn.running_mean`), as written to and read from safetensors files.
public typealias StateDict = [String: Tensor]

/// Why `loadStateDict` refused a state dict; nothing was changed.
public struct StateDictError: Error, CustomStringConvertible, Sendable {
    public struct ShapeMismatch: Sendable, Equatable {
        public var key: String
        public var expected: [Int]
        public var found: [Int]
    }

    /// Keys the model has and the state dict lacks (an error in strict mode).
    public var missingKeys: [String]
    /// Keys the state dict has and the model lacks (an error in strict mode).
    public var unexpectedKeys: [String]
    /// Keys whose shapes differ (always an error, as in PyTorch).
    public var shapeMismatches: [ShapeMismatch]
    /// Keys whose tensors cannot be converted (an integer tensor for a float parameter).
    public var dtypeMismatches: [String]

    public var description: String {
        var parts: [String] = []
        if !missingKeys.isEmpty { parts.append("missing keys: " + missingKeys.joined(separator: ", ")) }
        if !unexpectedKeys.isEmpty { parts.append("unexpected keys: " + unexpectedKeys.joined(separator: ", ")) }
        for m in shapeMismatches {
            parts.append("shape mismatch for \(m.key): the model has \(m.expected), the state dict \(m.found)")
        }
        if !dtypeMismatches.isEmpty {
            parts.append("non-floating-point values for floating-point tensors: " + dtypeMismatches.joined(separator: ", "))
        }
        return "loadStateDict: " + parts.joined(separator: "; ")
    }
}

/// What a non-strict `loadStateDict` skipped.
public struct LoadStateDictResult: Sendable, Equatable {
    public var missingKeys: [String]
    public var unexpectedKeys: [String]
}

extension Module {
    /// Every parameter and buffer by key (PyTorch's `state_dict()`). The tensors are snapshots:
    /// unlike PyTorch's, they do not change when an optimizer later updates the parameters in
    /// place, so a state dict kept as "the best weights so far" stays what it was.
    public func stateDict() -> StateDict {
        var out: StateDict = [:]
        for (key, p) in namedParameters() { out[key] = p.value.copied() }
        for (key, b) in namedBuffers() { out[key] = b.value.copied() }
        return out
    }

    /// The state-dict keys in the model's order: parameters then buffers of each module in turn,
    /// as PyTorch orders `state_dict()`.
    public func stateDictKeys() -> [String] {
        var keys: [String] = []
        for (prefix, module) in namedModules() {
            for (key, member) in module.namedMembers() {
                switch member {
                case .parameter, .buffer: keys.append(Module.join(prefix, key))
                case .module: break
                }
            }
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }

    /// Copies the values of `state` into the parameters and buffers with the same keys, converting
    /// floating-point dtypes to the model's (PyTorch's `load_state_dict`).
    ///
    /// Strict mode (the default) refuses missing and unexpected keys; a shape mismatch is always
    /// refused. Everything is checked before anything is copied, so a refused state dict leaves
    /// the model as it was.
    @discardableResult
    public func loadStateDict(_ state: StateDict, strict: Bool = true) throws -> LoadStateDictResult {
        let parameters = namedParameters(), buffers = namedBuffers()
        var targets: [String: [Int]] = [:]
        var targetDTypes: [String: DType] = [:]
        for (key, p) in parameters { targets[key] = p.shape; targetDTypes[key] = p.dtype }
        for (key, b) in buffers { targets[key] = b.value.shape; targetDTypes[key] = b.value.dtype }

        let order = stateDictKeys()
        let missing = order.filter { state[$0] == nil }
        let unexpected = state.keys.filter { targets[$0] == nil }.sorted()
        var shapeMismatches: [StateDictError.ShapeMismatch] = []
        var dtypeMismatches: [String] = []
        for key in order {
            guard let value = state[key], let shape = targets[key] else { continue }
            if value.shape != shape { shapeMismatches.append(.init(key: key, expected: shape, found: value.shape)) }
            if targetDTypes[key]!.isFloatingPoint && !value.dtype.isFloatingPoint { dtypeMismatches.append(key) }
        }
        if !shapeMismatches.isEmpty || !dtypeMismatches.isEmpty || (strict && (!missing.isEmpty || !unexpected.isEmpty)) {
            throw StateDictError(missingKeys: missing, unexpectedKeys: unexpected,
                                 shapeMismatches: shapeMismatches, dtypeMismatches: dtypeMismatches)
        }
        for (key, p) in parameters {
            if let value = state[key] { p.value = value.cast(to: p.dtype) }  // Parameter copies it into its own storage
        }
        for (key, b) in buffers {
            if let value = state[key] { b.value = value.detach().cast(to: b.value.dtype).contiguous() }
        }
        return LoadStateDictResult(missingKeys: missing, unexpectedKeys: unexpected)
    }
}
