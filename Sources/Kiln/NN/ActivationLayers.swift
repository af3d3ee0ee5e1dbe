// Activation functions as modules, for `Sequential`; each calls the function of the same name.

public final class ReLU: Module {
    public override init() {}
    public override func callAsFunction(_ input: Tensor) -> Tensor { relu(input) }
}

public final class LeakyReLU: Module {
    public let negativeSlope: Double
    public init(negativeSlope: Double = 0.01) { self.negativeSlope = negativeSlope }
    public override func callAsFunction(_ input: Tensor) -> Tensor { leakyRelu(input, negativeSlope: negativeSlope) }
    public override var extraDescription: String { "negativeSlope: \(negativeSlope)" }
}

public final class GELU: Module {
    public let approximate: GELUApproximation
    public init(approximate: GELUApproximation = .none) { self.approximate = approximate }
    public override func callAsFunction(_ input: Tensor) -> Tensor { gelu(input, approximate: approximate) }
    public override var extraDescription: String { approximate == .none ? "" : "approximate: .\(approximate)" }
}

public final class SiLU: Module {
    public override init() {}
    public override func callAsFunction(_ input: Tensor) -> Tensor { silu(input) }
}

public final class Sigmoid: Module {
    public override init() {}
    public override func callAsFunction(_ input: Tensor) -> Tensor { sigmoid(input) }
}

public final class Tanh: Module {
    public override init() {}
    public override func callAsFunction(_ input: Tensor) -> Tensor { tanh(input) }
}

public final class Softmax: Module {
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public override func callAsFunction(_ input: Tensor) -> Tensor { input.softmax(axis: axis) }
    public override var extraDescription: String { "axis: \(axis)" }
}

public final class LogSoftmax: Module {
    public let axis: Int
    public init(axis: Int = -1) { self.axis = axis }
    public override func callAsFunction(_ input: Tensor) -> Tensor { input.logSoftmax(axis: axis) }
    public override var extraDescription: String { "axis: \(axis)" }
}
