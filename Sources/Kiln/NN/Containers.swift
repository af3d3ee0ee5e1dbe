/// Builds the layer list of a `Sequential` from a block of modules, one per line, with `if`,
/// `if`/`else` and `for` as in any Swift result builder.
@resultBuilder
public enum ModuleBuilder {
    public static func buildExpression(_ module: Module) -> [Module] { [module] }
    public static func buildExpression(_ modules: [Module]) -> [Module] { modules }
    public static func buildBlock(_ parts: [Module]...) -> [Module] { parts.flatMap { $0 } }
    public static func buildOptional(_ part: [Module]?) -> [Module] { part ?? [] }
    public static func buildEither(first part: [Module]) -> [Module] { part }
    public static func buildEither(second part: [Module]) -> [Module] { part }
    public static func buildArray(_ parts: [[Module]]) -> [Module] { parts.flatMap { $0 } }
}

/// Layers applied one after another; their keys are their positions (`0.weight`, `2.bias`), as
/// in PyTorch's `nn.Sequential`.
///
/// ```swift
/// let model = Sequential {
///     Linear(784, 256)
///     ReLU()
///     Linear(256, 10)
/// }
/// ```
public final class Sequential: Module {
    public let layers: [Module]

    public init(_ layers: [Module]) {
        self.layers = layers
        super.init()
    }

    public convenience init(_ layers: Module...) { self.init(layers) }

    public convenience init(@ModuleBuilder _ build: () -> [Module]) { self.init(build()) }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        layers.reduce(input) { x, layer in layer(x) }
    }

    public override func namedMembers() -> [(key: String, member: ModuleMember)] {
        layers.enumerated().map { ("\($0.offset)", .module($0.element)) }
    }

    public var count: Int { layers.count }
    public subscript(index: Int) -> Module { layers[index] }
}

/// A list of modules registered as children with keys `0`, `1`, … (PyTorch's `nn.ModuleList`).
/// It has no forward pass of its own: the owner decides how to call its modules. A stored
/// `[Module]` property works the same way; this type exists for code that wants a module.
public final class ModuleList: Module, RandomAccessCollection {
    private var items: [Module]

    public init(_ modules: [Module] = []) {
        items = modules
        super.init()
    }

    public func append(_ module: Module) { items.append(module) }

    public override func namedMembers() -> [(key: String, member: ModuleMember)] {
        items.enumerated().map { ("\($0.offset)", .module($0.element)) }
    }

    public var startIndex: Int { items.startIndex }
    public var endIndex: Int { items.endIndex }
    public subscript(index: Int) -> Module { items[index] }
}

/// Modules registered as children under string keys, kept in insertion order (PyTorch's
/// `nn.ModuleDict`).
public final class ModuleDict: Module {
    public private(set) var keys: [String] = []
    private var storage: [String: Module] = [:]

    public init(_ entries: KeyValuePairs<String, Module> = [:]) {
        super.init()
        for (key, module) in entries { self[key] = module }
    }

    public subscript(key: String) -> Module? {
        get { storage[key] }
        set {
            require(!key.isEmpty && !key.contains("."), "ModuleDict: key \"\(key)\" must be non-empty and contain no dots")
            if newValue == nil { keys.removeAll { $0 == key } }
            else if storage[key] == nil { keys.append(key) }
            storage[key] = newValue
        }
    }

    public var count: Int { keys.count }

    public override func namedMembers() -> [(key: String, member: ModuleMember)] {
        keys.map { ($0, .module(storage[$0]!)) }
    }
}
