import Testing
@testable import Kiln

/// A differentiable function of one tensor and the input to check it at.
struct UnaryGradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: @Sendable () -> Tensor
    let f: @Sendable (Tensor) -> Tensor
    var testDescription: String { name }

    init(_ name: String, _ input: @escaping @Sendable () -> Tensor, _ f: @escaping @Sendable (Tensor) -> Tensor) {
        self.name = name
        self.input = input
        self.f = f
    }
}

private let shape = [3, 4]

/// Inputs of each kind, all [3, 4] float64.
private let normal: @Sendable () -> Tensor = { normal64(shape, seed: 11) }
private let wide: @Sendable () -> Tensor = { normal64(shape, seed: 12) * 2.5 }
private let positive: @Sendable () -> Tensor = { uniform64(shape, 0.5, 2.5, seed: 13) }
private let offZero: @Sendable () -> Tensor = { normal64Away(from: 0, shape, gap: 0.1, seed: 14) }
private let farFromZero: @Sendable () -> Tensor = { normal64Away(from: 0, shape, gap: 0.5, seed: 15) }
private let grid: @Sendable () -> Tensor = { distinctValues64(shape, spacing: 0.1, seed: 16) }

let unaryGradientCases: [UnaryGradientCase] = [
    .init("neg", normal) { -$0 },
    .init("abs", offZero) { abs($0) },
    .init("sign (zero gradient)", offZero) { sign($0) },
    .init("exp", normal) { exp($0) },
    .init("log", positive) { log($0) },
    .init("log1p", { uniform64(shape, -0.6, 2, seed: 17) }) { log1p($0) },
    .init("sqrt", positive) { sqrt($0) },
    .init("rsqrt", positive) { rsqrt($0) },
    .init("square", normal) { square($0) },
    .init("sin", wide) { sin($0) },
    .init("cos", wide) { cos($0) },
    .init("tanh", normal) { tanh($0) },
    .init("sigmoid", wide) { sigmoid($0) },
    .init("relu", offZero) { relu($0) },
    .init("leakyRelu (default slope)", offZero) { leakyRelu($0) },
    .init("leakyRelu (slope 0.2)", offZero) { leakyRelu($0, negativeSlope: 0.2) },
    .init("gelu (exact)", wide) { gelu($0, approximate: .none) },
    .init("gelu (tanh)", wide) { gelu($0, approximate: .tanh) },
    .init("silu", wide) { silu($0) },
    .init("softplus", wide) { softplus($0) },
    // beta·x crosses the threshold 1 at x = 0.5, where softplus turns linear.
    .init("softplus (beta 2, threshold 1)", { normal64Away(from: 0.5, shape, gap: 0.1, seed: 18) }) {
        softplus($0, beta: 2, threshold: 1)
    },
    .init("clamp [-0.5, 0.5]", grid) { clamp($0, min: -0.5, max: 0.5) },
    .init("clamp min only", grid) { clamp($0, min: -0.25) },
    .init("clamp max only", grid) { clamp($0, max: 0.15) },
    .init("pow(x, 3)", normal) { pow($0, 3) },
    .init("pow(x, 2)", normal) { pow($0, 2) },
    .init("pow(x, 0.5)", positive) { pow($0, 0.5) },
    .init("pow(x, -1.5)", positive) { pow($0, -1.5) },
    .init("pow(x, 0)", normal) { pow($0, 0) },
    .init("x * 2.5", normal) { $0 * 2.5 },
    .init("2.5 * x", normal) { 2.5 * $0 },
    .init("x + 1.5", normal) { $0 + 1.5 },
    .init("1.5 + x", normal) { 1.5 + $0 },
    .init("x - 1.5", normal) { $0 - 1.5 },
    .init("1.5 - x", normal) { 1.5 - $0 },
    .init("x / 4", normal) { $0 / 4 },
    .init("1 / x", farFromZero) { 1 / $0 },
    .init("x * x + x (one input used three times)", normal) { $0 * $0 + $0 },
    .init("exp(sin(x)) * x (chain)", normal) { exp(sin($0)) * $0 },
]

@Suite("Elementwise gradients")
struct ElementwiseGradientTests {
    @Test("unary ops and scalar operands", arguments: unaryGradientCases)
    func unary(_ c: UnaryGradientCase) {
        checkGradients(c.name, at: c.input(), c.f)
    }

    @Test("unary ops on a non-contiguous (transposed) input", arguments: [
        UnaryGradientCase("exp", normal) { exp($0) },
        UnaryGradientCase("gelu (tanh)", wide) { gelu($0, approximate: .tanh) },
        UnaryGradientCase("relu", offZero) { relu($0) },
        UnaryGradientCase("clamp", grid) { clamp($0, min: -0.5, max: 0.5) },
    ])
    func unaryTransposed(_ c: UnaryGradientCase) {
        checkGradients(c.name + " of x.mT", at: c.input()) { c.f($0.mT) }
    }

    @Test("clamp passes the gradient only inside the bounds")
    func clampMask() {
        let x = Tensor([-2.0, -0.5, 0.2, 0.5, 3.0])
        let g = gradient(at: x) { clamp($0, min: -0.5, max: 0.5).sum() }
        // PyTorch: the bounds themselves count as inside.
        #expect(g.scalars(as: Double.self) == [0, 1, 1, 1, 0])
    }
}

/// A differentiable function of two tensors with the inputs it needs.
struct BinaryGradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let lhs: @Sendable ([Int]) -> Tensor
    let rhs: @Sendable ([Int]) -> Tensor
    let f: @Sendable (Tensor, Tensor) -> Tensor
    var testDescription: String { name }
}

/// Two shapes that broadcast together.
struct BroadcastShapePair: Sendable, CustomTestStringConvertible {
    let lhs: [Int], rhs: [Int]
    init(_ lhs: [Int], _ rhs: [Int]) { self.lhs = lhs; self.rhs = rhs }
    var testDescription: String { "\(lhs) with \(rhs)" }
}

private let anyLHS: @Sendable ([Int]) -> Tensor = { normal64($0, seed: 21) }
private let anyRHS: @Sendable ([Int]) -> Tensor = { normal64($0, seed: 22) }
// Values on interleaved grids never tie: lhs on 0.1k + 0.03, rhs on 0.1k + 0.08.
private let gridLHS: @Sendable ([Int]) -> Tensor = { distinctValues64($0, spacing: 0.1, seed: 23) }
private let gridRHS: @Sendable ([Int]) -> Tensor = { distinctValues64($0, spacing: 0.1, seed: 24) + 0.05 }

let binaryGradientCases: [BinaryGradientCase] = [
    .init(name: "add", lhs: anyLHS, rhs: anyRHS) { $0 + $1 },
    .init(name: "subtract", lhs: anyLHS, rhs: anyRHS) { $0 - $1 },
    .init(name: "multiply", lhs: anyLHS, rhs: anyRHS) { $0 * $1 },
    .init(name: "divide", lhs: anyLHS, rhs: { normal64Away(from: 0, $0, gap: 0.5, seed: 25) }) { $0 / $1 },
    .init(name: "pow", lhs: { uniform64($0, 0.5, 2, seed: 26) }, rhs: { normal64($0, seed: 27) }) { pow($0, $1) },
    .init(name: "maximum", lhs: gridLHS, rhs: gridRHS) { maximum($0, $1) },
    .init(name: "minimum", lhs: gridLHS, rhs: gridRHS) { minimum($0, $1) },
    .init(name: "a * b + a / (b² + 1) (shared inputs)", lhs: anyLHS, rhs: anyRHS) { $0 * $1 + $0 / (square($1) + 1) },
]

let broadcastShapePairs: [BroadcastShapePair] = [
    BroadcastShapePair([2, 3], [2, 3]),
    BroadcastShapePair([3, 1, 4], [2, 4]),
    BroadcastShapePair([2, 4], [3, 1, 4]),
    BroadcastShapePair([4], [3, 1]),
    BroadcastShapePair([2, 3], []),
    BroadcastShapePair([], [2, 3]),
    BroadcastShapePair([], []),
]

@Suite("Binary gradients with broadcasting")
struct BinaryGradientTests {
    @Test("binary ops", arguments: binaryGradientCases, broadcastShapePairs)
    func binary(_ c: BinaryGradientCase, _ shapes: BroadcastShapePair) {
        let a = c.lhs(shapes.lhs), b = c.rhs(shapes.rhs)
        checkGradients("\(c.name) \(shapes.testDescription)", at: [a, b]) { c.f($0[0], $0[1]) }
    }

    @Test("gradient only for the input that needs it")
    func oneSided() {
        let a = normal64([3, 1, 4], seed: 31), b = normal64([2, 4], seed: 32)
        checkGradients("multiply by a constant tensor", at: a) { $0 * b }
        checkGradients("divide a constant tensor", at: normal64Away(from: 0, [2, 4], gap: 0.5, seed: 33)) { a / $0 }
    }

    @Test("pow of a negative base with an integral exponent, and 0⁰ = 1, as in C and PyTorch")
    func powNegativeBase() {
        let x = Tensor([-2.0, 0.0, 1.5])
        #expect(pow(x, 3).scalars(as: Double.self) == [-8, 0, 3.375])
        #expect(pow(x, 0).scalars(as: Double.self) == [1, 1, 1])
        #expect(pow(x, Tensor([3.0, 0.0, 2.0])).scalars(as: Double.self) == [-8, 1, 2.25])
        #expect(pow(x, -1).scalars(as: Double.self) == [-0.5, .infinity, 1 / 1.5])
        #expect(pow(Tensor([-8.0]), 1.0 / 3).item().isNaN, "a fractional power of a negative number is NaN")
        #expect(gradient(at: x) { pow($0, 3).sum() }.scalars(as: Double.self) == [12, 0, 6.75])
        // d/da a^b for integral b at negative a, through the tensor-exponent form.
        checkGradients("pow(x, [2, 3, -1]) at negative x", at: -uniform64([2, 3], 0.5, 2, seed: 34)) {
            pow($0, Tensor([2.0, 3.0, -1.0]))
        }
    }

    @Test("pow(0, b) has a zero gradient with respect to b")
    func powZeroBase() {
        let a = Tensor([0.0, 2.0]), b = Tensor([1.5, 1.5])
        let (ga, gb) = valueAndGrad(at: a, b) { pow($0, $1).sum() }.gradients
        // d/da = b·a^(b−1) = [0, 1.5·√2]; d/db = a^b·log a = [0 (by convention), 2^1.5·log 2].
        expectAllClose64(ga, Tensor([0, 2.121320343559643]), "d/da")
        expectAllClose64(gb, Tensor([0, 1.9605162869370945]), "d/db")
    }

    @Test("maximum and minimum split the gradient evenly on ties")
    func ties() {
        let a = Tensor([1.0, 2.0, 3.0]), b = Tensor([2.0, 2.0, 2.0])
        let (ga, gb) = valueAndGrad(at: a, b) { maximum($0, $1).sum() }.gradients
        #expect(ga.scalars(as: Double.self) == [0, 0.5, 1])
        #expect(gb.scalars(as: Double.self) == [1, 0.5, 0])
        let (ha, hb) = valueAndGrad(at: a, b) { minimum($0, $1).sum() }.gradients
        #expect(ha.scalars(as: Double.self) == [1, 0.5, 0])
        #expect(hb.scalars(as: Double.self) == [0, 0.5, 1])
    }
}
