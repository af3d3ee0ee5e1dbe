/// The base class of layers and models, like PyTorch's `nn.Module`.
///
/// Subclasses hold their parameters (`Parameter`), buffers (`Buffer`) and child modules as stored
/// properties and override `callAsFunction(_:)`. Those members are found by reflection, so a
/// model needs no registration code; their state-dict keys are the property names in snake_case
/// (`runningMean` → `running_mean`), arrays of modules or parameters add `.0`, `.1` …, and nested
/// modules join with dots (`features.0.weight`), as in PyTorch:
///
/// ```swift
/// final class Net: Module {
///     let features = Sequential { Conv2d(1, 8, kernelSize: 3); ReLU(); Flatten() }
///     let classifier = Linear(8 * 26 * 26, 10)
///     override func callAsFunction(_ x: Tensor) -> Tensor { classifier(features(x)) }
/// }
/// ```
///
/// Override `stateKey(forProperty:)` to rename or hide a property, or `namedMembers()` to list the
/// members by hand. Modules are not `Sendable`: a model belongs to one task while it trains.
open class Module: CustomStringConvertible {
    /// Whether the module is in training mode (Dropout drops, BatchNorm uses batch statistics).
    public private(set) var training = true

    public init() {}

    /// The forward pass. Every module that maps one tensor to one tensor overrides this; modules
    /// with other signatures add their own `callAsFunction` overloads.
    open func callAsFunction(_ input: Tensor) -> Tensor {
        requireFailure("\(typeName): callAsFunction(_:) is not implemented; override it in the subclass")
    }

    // MARK: Members

    /// This module's own parameters, buffers and child modules with their keys, in declaration
    /// order (base-class properties first). The default reflects over stored properties.
    open func namedMembers() -> [(key: String, member: ModuleMember)] {
        var mirrors: [Mirror] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let m = mirror, m.subjectType != Module.self {
            mirrors.append(m)
            mirror = m.superclassMirror
        }
        var members: [(key: String, member: ModuleMember)] = []
        for m in mirrors.reversed() {
            for child in m.children {
                guard let label = child.label, !label.hasPrefix("$"),
                      let key = stateKey(forProperty: label) else { continue }
                members += ModuleMember.found(in: child.value, key: key)
            }
        }
        return members
    }

    /// The state-dict key of a stored property, or nil to leave it out. The default is the
    /// property name in snake_case, PyTorch's convention: `runningMean` → `running_mean`.
    open func stateKey(forProperty name: String) -> String? {
        snakeCase(name.hasPrefix("_") ? String(name.dropFirst()) : name)
    }

    /// Direct child modules with their keys.
    public func namedChildren() -> [(key: String, module: Module)] {
        namedMembers().compactMap { if case .module(let m) = $0.member { ($0.key, m) } else { nil } }
    }

    public func children() -> [Module] { namedChildren().map(\.module) }

    /// This module and all its descendants, depth first, with dotted keys ("" for this module).
    /// A module reachable twice is listed once, as in PyTorch.
    public func namedModules() -> [(key: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(key: String, module: Module)] = []
        func visit(_ module: Module, _ prefix: String) {
            guard seen.insert(ObjectIdentifier(module)).inserted else { return }
            out.append((prefix, module))
            for (key, child) in module.namedChildren() { visit(child, Self.join(prefix, key)) }
        }
        visit(self, "")
        return out
    }

    public func modules() -> [Module] { namedModules().map(\.module) }

    /// Every parameter of this module and its descendants with its state-dict key; a parameter
    /// shared between layers is listed once (under its first key).
    public func namedParameters() -> [(key: String, parameter: Parameter)] {
        collectMembers { if case .parameter(let p) = $0 { p } else { nil } }.map { ($0.key, $0.member) }
    }

    /// The parameters an optimizer should update.
    public func parameters() -> [Parameter] { namedParameters().map(\.parameter) }

    /// Every buffer (running statistics and other non-trained state) with its state-dict key.
    public func namedBuffers() -> [(key: String, buffer: Buffer)] {
        collectMembers { if case .buffer(let b) = $0 { b } else { nil } }.map { ($0.key, $0.member) }
    }

    /// The members `pick` selects from this module and its descendants, with dotted keys, each
    /// object once.
    private func collectMembers<T: AnyObject>(_ pick: (ModuleMember) -> T?) -> [(key: String, member: T)] {
        var seen = Set<ObjectIdentifier>()
        var out: [(key: String, member: T)] = []
        for (prefix, module) in namedModules() {
            for (key, member) in module.namedMembers() {
                if let object = pick(member), seen.insert(ObjectIdentifier(object)).inserted {
                    out.append((Self.join(prefix, key), object))
                }
            }
        }
        return out
    }

    public func buffers() -> [Buffer] { namedBuffers().map(\.buffer) }

    /// The number of parameter elements (weights), counting shared parameters once.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.value.count } }

    /// The number of parameter elements that require gradients.
    public var trainableParameterCount: Int {
        parameters().reduce(0) { $0 + ($1.requiresGrad ? $1.value.count : 0) }
    }

    // MARK: Modes and conversion

    /// Sets training mode on this module and all descendants; returns self for chaining.
    @discardableResult
    public func train(_ mode: Bool = true) -> Self {
        for module in modules() { module.training = mode }
        return self
    }

    /// Sets evaluation mode (`train(false)`).
    @discardableResult
    public func eval() -> Self { train(false) }

    /// Calls `body` on this module and every descendant (PyTorch's `apply`), e.g. for custom
    /// initialisation.
    @discardableResult
    public func apply(_ body: (Module) -> Void) -> Self {
        for module in modules().reversed() { body(module) }
        return self
    }

    /// Converts every floating-point parameter and buffer to `dtype` (PyTorch's `model.to(dtype)`);
    /// integer buffers such as `num_batches_tracked` keep theirs.
    @discardableResult
    public func to(_ dtype: DType) -> Self {
        require(dtype.isFloatingPoint, "Module.to: \(dtype) is not a floating-point dtype")
        for p in parameters() where p.dtype.isFloatingPoint && p.dtype != dtype {
            p.value = p.value.cast(to: dtype)
            p.grad = nil
        }
        for b in buffers() where b.value.dtype.isFloatingPoint { b.value = b.value.cast(to: dtype) }
        return self
    }

    /// Sets every parameter's gradient to nil.
    public func zeroGrad() { for p in parameters() { p.zeroGrad() } }

    // MARK: Description

    /// The options shown between the parentheses of `description` (PyTorch's `extra_repr`).
    open var extraDescription: String { "" }

    /// The module tree in PyTorch's style: `Linear(inFeatures: 784, outFeatures: 10, bias: true)`,
    /// children indented with their keys.
    public var description: String {
        let children = namedChildren()
        if children.isEmpty { return "\(typeName)(\(extraDescription))" }
        var lines = ["\(typeName)(" + (extraDescription.isEmpty ? "" : extraDescription)]
        for (key, child) in children {
            let text = child.description.split(separator: "\n", omittingEmptySubsequences: false)
                .joined(separator: "\n  ")
            lines.append("  (\(key)): \(text)")
        }
        lines.append(")")
        return lines.joined(separator: "\n")
    }

    /// The class name, as shown in descriptions and messages.
    public var typeName: String { String(describing: type(of: self)) }

    static func join(_ prefix: String, _ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }
}

/// A parameter, buffer or child module held by a module.
public enum ModuleMember {
    case parameter(Parameter)
    case buffer(Buffer)
    case module(Module)

    /// The members in a stored property's value: a parameter, buffer or module (optional or not),
    /// or an array or dictionary of them (keys `key.0`, `key.1`, … or `key.name`).
    static func found(in value: Any, key: String) -> [(key: String, member: ModuleMember)] {
        switch value {
        case let p as Parameter: return [(key, .parameter(p))]
        case let b as Buffer: return [(key, .buffer(b))]
        case let m as Module: return [(key, .module(m))]
        case let array as [Any]:
            return array.enumerated().flatMap { found(in: $0.element, key: "\(key).\($0.offset)") }
        case let dictionary as [String: Any]:
            return dictionary.keys.sorted().flatMap { found(in: dictionary[$0]!, key: "\(key).\($0)") }
        default: return []
        }
    }
}

/// `runningMean` → `running_mean`, `fc1` → `fc1`, `numBatchesTracked` → `num_batches_tracked`.
func snakeCase(_ name: String) -> String {
    var out = ""
    var previous: Character?
    for c in name {
        if c.isUppercase, let p = previous, p.isLowercase || p.isNumber { out.append("_") }
        out.append(contentsOf: c.lowercased())
        previous = c
    }
    return out
}
