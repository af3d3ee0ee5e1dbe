import Testing
@testable import Kiln

// Helpers for the forward op tests, which compare Kiln with literals computed by PyTorch/NumPy
// (Tests/Fixtures/reference/make_op_literals.py).

/// `((i * mul) % mod - offset) * scale` for `i` in `0..<n`: the input pattern the reference script
/// calls `pattern`. With a power-of-two `scale` every value is exact in every float dtype.
func opPattern(_ n: Int, mul: Int, mod: Int, offset: Int, scale: Double) -> [Double] {
    (0..<n).map { Double((($0 * mul) % mod) - offset) * scale }
}

/// A tensor of `shape` holding `opPattern` values, converted to `dtype`.
func opTensor(_ shape: [Int], mul: Int, mod: Int, offset: Int, scale: Double, dtype: DType = .float32) -> Tensor {
    Tensor(opPattern(shape.reduce(1, *), mul: mul, mod: mod, offset: offset, scale: scale), shape: shape).cast(to: dtype)
}

/// Checks `actual` element by element against `expected` (row-major):
/// `|actual - expected| <= atol + rtol * |expected|`; NaN must meet NaN and infinities must match
/// exactly. Also checks the shape and dtype when given.
func expectApprox<T: BinaryFloatingPoint>(
    _ actual: Tensor, _ expected: [T], shape: [Int]? = nil, dtype: DType? = nil,
    rtol: Double = 1e-6, atol: Double = 1e-7, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let shape { #expect(actual.shape == shape, comment, sourceLocation: sourceLocation) }
    if let dtype { #expect(actual.dtype == dtype, comment, sourceLocation: sourceLocation) }
    let got = actual.scalars(as: Double.self)
    guard got.count == expected.count else {
        Issue.record("expected \(expected.count) elements, got \(got.count) (shape \(actual.shape))\(comment.map { ": \($0)" } ?? "")",
                     sourceLocation: sourceLocation)
        return
    }
    var bad: [String] = []
    for (i, (g, e)) in zip(got, expected.map { Double($0) }).enumerated() {
        let ok: Bool
        if e.isNaN { ok = g.isNaN }
        else if e.isInfinite { ok = g == e }
        else { ok = Swift.abs(g - e) <= atol + rtol * Swift.abs(e) }
        if !ok { bad.append("[\(i)] got \(g), expected \(e)") }
    }
    if !bad.isEmpty {
        let message = "\(bad.count) of \(got.count) elements differ (rtol \(rtol), atol \(atol))"
            + (comment.map { ": \($0)" } ?? "") + "; " + bad.prefix(8).joined(separator: "; ")
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}

/// Checks that `actual` has dtype `T.dtype` (or `dtype` when given) and exactly the elements
/// `expected` (row-major), and the shape when given.
func expectExact<T: TensorElement & Equatable>(
    _ actual: Tensor, _ expected: [T], shape: [Int]? = nil, dtype: DType? = nil, _ comment: Comment? = nil,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    if let shape { #expect(actual.shape == shape, comment, sourceLocation: sourceLocation) }
    #expect(actual.dtype == (dtype ?? T.dtype), comment, sourceLocation: sourceLocation)
    #expect(actual.scalars(as: T.self) == expected, comment, sourceLocation: sourceLocation)
}
