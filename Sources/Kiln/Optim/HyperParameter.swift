/// One hyperparameter of a parameter group (a learning rate, `betas`, a flag such as `nesterov`),
/// as PyTorch keeps them in `param_groups`: by name, with a number, a flag or a list of numbers.
///
/// Literals work where one is expected: `group["momentum"] = 0.9`, `group["nesterov"] = true`,
/// `group["betas"] = [0.9, 0.999]`. It encodes as a plain JSON number, boolean or array.
public enum HyperParameter: Sendable, Equatable, Codable, CustomStringConvertible,
    ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral {
    case number(Double)
    case flag(Bool)
    case numbers([Double])

    public init(floatLiteral value: Double) { self = .number(value) }
    public init(integerLiteral value: Int) { self = .number(Double(value)) }
    public init(booleanLiteral value: Bool) { self = .flag(value) }
    public init(arrayLiteral elements: Double...) { self = .numbers(elements) }

    /// The value when it is a number, else nil.
    public var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }

    /// The value when it is a flag, else nil.
    public var flag: Bool? {
        if case .flag(let v) = self { return v }
        return nil
    }

    /// The values when it is a list of numbers, else nil.
    public var numbers: [Double]? {
        if case .numbers(let v) = self { return v }
        return nil
    }

    /// Whether both are numbers, both flags or both lists (of any length).
    func hasSameKind(as other: HyperParameter) -> Bool {
        switch (self, other) {
        case (.number, .number), (.flag, .flag), (.numbers, .numbers): true
        default: false
        }
    }

    public var description: String {
        switch self {
        case .number(let v): "\(v)"
        case .flag(let v): "\(v)"
        case .numbers(let v): "\(v)"
        }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Bool.self) {
            self = .flag(v)
        } else if let v = try? container.decode(Double.self) {
            self = .number(v)
        } else if let v = try? container.decode([Double].self) {
            self = .numbers(v)
        } else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "a hyperparameter must be a number, a boolean or an array of numbers")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let v): try container.encode(v)
        case .flag(let v): try container.encode(v)
        case .numbers(let v): try container.encode(v)
        }
    }
}
