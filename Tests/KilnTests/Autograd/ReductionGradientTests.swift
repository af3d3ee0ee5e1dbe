import Testing
@testable import Kiln

/// A reduction applied with the given axes and keepDims.
struct ReductionGradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    let input: @Sendable () -> Tensor
    let f: @Sendable (Tensor, [Int]?, Bool) -> Tensor
    var testDescription: String { name }

    init(_ name: String, _ input: @escaping @Sendable () -> Tensor, _ f: @escaping @Sendable (Tensor, [Int]?, Bool) -> Tensor) {
        self.name = name
        self.input = input
        self.f = f
    }
}

/// Which axes to reduce (nil: all) and whether to keep them.
struct ReductionAxesCase: Sendable, CustomTestStringConvertible {
    let axes: [Int]?
    let keepDims: Bool
    init(_ axes: [Int]?, keepDims: Bool) { self.axes = axes; self.keepDims = keepDims }
    var testDescription: String { "axes \(axes.map { "\($0)" } ?? "all")\(keepDims ? ", keepDims" : "")" }
}

private let shape = [3, 4, 5]

let reductionGradientCases: [ReductionGradientCase] = [
    .init("sum", { normal64(shape, seed: 41) }) { $0.sum(axes: $1, keepDims: $2) },
    .init("mean", { normal64(shape, seed: 42) }) { $0.mean(axes: $1, keepDims: $2) },
    .init("prod", { uniform64(shape, 0.5, 1.5, seed: 43) * Tensor([1.0, -1.0, 1.0, 1.0, -1.0]) }) { $0.prod(axes: $1, keepDims: $2) },
    .init("max", { distinctValues64(shape, seed: 44) }) { $0.max(axes: $1, keepDims: $2) },
    .init("min", { distinctValues64(shape, seed: 45) }) { $0.min(axes: $1, keepDims: $2) },
    .init("variance (correction 0)", { normal64(shape, seed: 46) }) { $0.variance(axes: $1, correction: 0, keepDims: $2) },
    .init("variance (correction 1)", { normal64(shape, seed: 47) }) { $0.variance(axes: $1, correction: 1, keepDims: $2) },
    .init("std (correction 0)", { normal64(shape, seed: 48) }) { $0.std(axes: $1, correction: 0, keepDims: $2) },
    .init("std (correction 1)", { normal64(shape, seed: 49) }) { $0.std(axes: $1, correction: 1, keepDims: $2) },
    .init("logSumExp", { normal64(shape, seed: 50) * 2 }) { $0.logSumExp(axes: $1, keepDims: $2) },
]

let reductionAxesCases: [ReductionAxesCase] = [
    ReductionAxesCase([1], keepDims: false),
    ReductionAxesCase([1], keepDims: true),
    ReductionAxesCase([-1], keepDims: false),
    ReductionAxesCase([0, 2], keepDims: false),
    ReductionAxesCase([0, 2], keepDims: true),
    ReductionAxesCase(nil, keepDims: false),
    ReductionAxesCase(nil, keepDims: true),
]

@Suite("Reduction gradients")
struct ReductionGradientTests {
    @Test("reductions", arguments: reductionGradientCases, reductionAxesCases)
    func reduction(_ c: ReductionGradientCase, _ r: ReductionAxesCase) {
        checkGradients("\(c.name) \(r.testDescription)", at: c.input()) { c.f($0, r.axes, r.keepDims) }
    }

    @Test("reductions of a non-contiguous input", arguments: reductionGradientCases)
    func reductionOfPermuted(_ c: ReductionGradientCase) {
        checkGradients("\(c.name) of a permuted view", at: c.input()) { c.f($0.permuted([2, 0, 1]), [0, 2], false) }
    }

    @Test("single-axis spellings: sum(axis:), mean(axis:)")
    func singleAxis() {
        let x = normal64([3, 4], seed: 51)
        checkGradients("sum(axis: 0)", at: x) { $0.sum(axis: 0) }
        checkGradients("mean(axis: -1, keepDims: true)", at: x) { $0.mean(axis: -1, keepDims: true) }
        checkGradients("sum(toShape: [1, 4])", at: x) { $0.sum(toShape: [1, 4]) }
    }

    @Test("reductions of 0-d tensors and of size-1 axes")
    func edgeShapes() {
        let s = Tensor(0.7, dtype: .float64)
        checkGradients("sum of 0-d", at: s) { sin($0.sum()) }
        checkGradients("mean of 0-d", at: s) { sin($0.mean()) }
        checkGradients("prod of 0-d", at: s) { sin($0.prod()) }
        checkGradients("max of 0-d", at: s) { sin($0.max()) }
        checkGradients("logSumExp of 0-d", at: s) { $0.logSumExp() }
        let x = normal64([3, 1, 2], seed: 56)
        checkGradients("sum over a size-1 axis", at: x) { sin($0.sum(axes: [1])) }
        checkGradients("max over a size-1 axis", at: x) { sin($0.max(axes: [1], keepDims: true)) }
        checkGradients("softmax over a size-1 axis", at: x) { $0.softmax(axis: 1) * $0 }
        checkGradients("variance over a size-1 axis, correction 0", at: x) { $0.variance(axes: [1], correction: 0) + $0.sum(axes: [1]) }
    }

    // MARK: prod with zeros

    /// Rows with no zero, one zero and two zeros. prod is multilinear, so central differences are
    /// exact there too.
    static let withZeros = Tensor([
        [2.0, 0.0, 3.0, -0.5],
        [0.0, 5.0, 0.0, 1.5],
        [1.0, -2.0, 4.0, 0.5],
    ])

    @Test("prod with zeros in a reduced slice", arguments: [[1], [0], [0, 1]] as [[Int]])
    func prodWithZeros(_ axes: [Int]) {
        checkGradients("prod axes \(axes) with zeros", at: Self.withZeros) { $0.prod(axes: axes) }
    }

    @Test("prod with zeros: the exact gradient")
    func prodWithZerosExact() {
        let g = gradient(at: Self.withZeros) { $0.prod(axes: [1]).sum() }
        expectAllClose64(g, Tensor([
            [0.0, -3.0, 0.0, 0.0],     // one zero: only it gets the product of the others
            [0.0, 0.0, 0.0, 0.0],      // two zeros: all zero
            [-4.0, 2.0, -1.0, -8.0],   // no zero: product / x
        ]), "d prod / dx")
        let all = gradient(at: Tensor([3.0, 0.0, 2.0])) { $0.prod() }
        expectAllClose64(all, Tensor([0.0, 6.0, 0.0]), "prod of all with one zero")
    }

    // MARK: max and min

    @Test("max(alongAxis:) and min(alongAxis:) values")
    func extremaAlongAxis() {
        let x = distinctValues64([3, 4, 5], seed: 52)
        for axis in [0, 1, -1] {
            for keepDims in [false, true] {
                checkGradients("max(alongAxis: \(axis), keepDims: \(keepDims)).values", at: x) {
                    $0.max(alongAxis: axis, keepDims: keepDims).values
                }
                checkGradients("min(alongAxis: \(axis), keepDims: \(keepDims)).values", at: x) {
                    $0.min(alongAxis: axis, keepDims: keepDims).values
                }
            }
        }
    }

    @Test("max(alongAxis:) routes the gradient to the argmax")
    func maxAlongAxisRouting() {
        let x = Tensor([[1.0, 5.0, 2.0], [7.0, -1.0, 3.0]])
        let g = gradient(at: x) { $0.max(alongAxis: 1).values.sum() }
        #expect(g.scalars(as: Double.self) == [0, 1, 0, 1, 0, 0])
        #expect(x.max(alongAxis: 1).indices.scalars(as: Int64.self) == [1, 0])
    }

    @Test("max and min over ties share the gradient evenly (PyTorch's amax)")
    func extremaTies() {
        let x = Tensor([[1.0, 3.0, 3.0, 2.0], [0.0, 0.0, 0.0, 4.0]])
        let g = gradient(at: x) { $0.max(axes: [1]).sum() }
        #expect(g.scalars(as: Double.self) == [0, 0.5, 0.5, 0, 0, 0, 0, 1])
        let h = gradient(at: x) { $0.min(axes: [1]).sum() }
        let third: Double = 1.0 / 3
        #expect(h.scalars(as: Double.self) == [1, 0, 0, 0, third, third, third, 0])
    }

    // MARK: softmax

    @Test("softmax and logSoftmax", arguments: [0, 1, 2, -1])
    func softmax(_ axis: Int) {
        let x = normal64([3, 4, 5], seed: 53) * 2
        checkGradients("softmax(axis: \(axis))", at: x) { $0.softmax(axis: axis) }
        checkGradients("logSoftmax(axis: \(axis))", at: x) { $0.logSoftmax(axis: axis) }
    }

    @Test("softmax and logSoftmax of a transposed input, and of a 1-D input")
    func softmaxLayouts() {
        let x = normal64([4, 5], seed: 54)
        checkGradients("softmax of x.mT", at: x) { $0.mT.softmax(axis: -1) }
        checkGradients("logSoftmax of x.mT", at: x) { $0.mT.logSoftmax(axis: 0) }
        let v = normal64([6], seed: 55)
        checkGradients("softmax 1-D", at: v) { $0.softmax() }
        checkGradients("logSoftmax 1-D", at: v) { $0.logSoftmax() }
        // Large logits: the stable kernels must not overflow and the gradients stay exact.
        checkGradients("logSoftmax of large logits", at: v * 300) { $0.logSoftmax() }
        checkGradients("logSumExp of large logits", at: v * 300) { $0.logSumExp(axes: [0]) }
    }
}
