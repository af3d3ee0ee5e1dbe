/// Weight initialisation, PyTorch's `nn.init`: each function overwrites a parameter's values in
/// place, drawing from the default generator (`GlobalRandom`) so that `GlobalRandom.seed(_:)`
/// makes model creation reproducible.
public enum Init {
    /// The non-linearity a layer feeds, for `calculateGain`.
    public enum Nonlinearity: Sendable {
        case linear, conv, sigmoid, tanh, relu, selu
        case leakyRelu(negativeSlope: Double = 0.01)
    }

    /// Whether the variance is preserved in the forward pass (fan in) or the backward (fan out).
    public enum FanMode: Sendable { case fanIn, fanOut }

    /// The recommended gain for a non-linearity (`torch.nn.init.calculate_gain`).
    public static func calculateGain(_ nonlinearity: Nonlinearity) -> Double {
        switch nonlinearity {
        case .linear, .conv, .sigmoid: 1
        case .tanh: 5.0 / 3
        case .relu: 2.0.squareRoot()
        case .selu: 0.75
        case .leakyRelu(let slope): (2 / (1 + slope * slope)).squareRoot()
        }
    }

    /// Fan in and fan out of a weight shape: `[out, in, k…]` → (in·k, out·k).
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        require(shape.count >= 2, "Init: fan in and fan out need a weight of rank 2 or more, got shape \(shape)")
        let receptive = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptive, shape[0] * receptive)
    }

    /// Values drawn uniformly from [low, high).
    public static func uniform(_ parameter: Parameter, low: Double = 0, high: Double = 1) {
        parameter.value = Tensor(randomUniform: parameter.shape, low: low, high: high, dtype: parameter.dtype)
    }

    /// Values drawn from N(mean, std²).
    public static func normal(_ parameter: Parameter, mean: Double = 0, std: Double = 1) {
        parameter.value = Tensor(randomNormal: parameter.shape, mean: mean, std: std, dtype: parameter.dtype)
    }

    public static func constant(_ parameter: Parameter, _ value: Double) {
        parameter.value = Tensor.full(parameter.shape, value, dtype: parameter.dtype)
    }

    public static func zeros(_ parameter: Parameter) { constant(parameter, 0) }
    public static func ones(_ parameter: Parameter) { constant(parameter, 1) }

    /// Glorot uniform: U(−a, a) with a = gain·√(6 / (fanIn + fanOut)).
    public static func xavierUniform(_ parameter: Parameter, gain: Double = 1) {
        let (fanIn, fanOut) = fans(of: parameter.shape)
        let bound = gain * (6 / Double(fanIn + fanOut)).squareRoot()
        uniform(parameter, low: -bound, high: bound)
    }

    /// Glorot normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)).
    public static func xavierNormal(_ parameter: Parameter, gain: Double = 1) {
        let (fanIn, fanOut) = fans(of: parameter.shape)
        normal(parameter, std: gain * (2 / Double(fanIn + fanOut)).squareRoot())
    }

    /// He uniform: U(−b, b) with b = gain·√(3 / fan). `a` is the negative slope of the leaky ReLU
    /// that follows (used only with `.leakyRelu`), as in PyTorch's `kaiming_uniform_`.
    public static func kaimingUniform(_ parameter: Parameter, a: Double = 0, mode: FanMode = .fanIn,
                                      nonlinearity: Nonlinearity = .leakyRelu()) {
        let bound = kaimingStd(parameter.shape, a: a, mode: mode, nonlinearity: nonlinearity) * 3.0.squareRoot()
        uniform(parameter, low: -bound, high: bound)
    }

    /// He normal: N(0, std²) with std = gain / √fan.
    public static func kaimingNormal(_ parameter: Parameter, a: Double = 0, mode: FanMode = .fanIn,
                                     nonlinearity: Nonlinearity = .leakyRelu()) {
        normal(parameter, std: kaimingStd(parameter.shape, a: a, mode: mode, nonlinearity: nonlinearity))
    }

    private static func kaimingStd(_ shape: [Int], a: Double, mode: FanMode, nonlinearity: Nonlinearity) -> Double {
        let (fanIn, fanOut) = fans(of: shape)
        let fan = mode == .fanIn ? fanIn : fanOut
        require(fan > 0, "Init: kaiming initialisation of a weight with zero fan (shape \(shape))")
        let gain: Double
        if case .leakyRelu = nonlinearity { gain = calculateGain(.leakyRelu(negativeSlope: a)) }
        else { gain = calculateGain(nonlinearity) }
        return gain / Double(fan).squareRoot()
    }

    /// PyTorch's default for Linear and Conv layers: weight kaiming-uniform with a = √5
    /// (U(−1/√fanIn, 1/√fanIn)), bias U(−1/√fanIn, 1/√fanIn).
    static func resetLinearLike(weight: Parameter, bias: Parameter?) {
        kaimingUniform(weight, a: 5.0.squareRoot())
        if let bias {
            let fanIn = fans(of: weight.shape).fanIn
            let bound = fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
            uniform(bias, low: -bound, high: bound)
        }
    }
}
