import Testing
@testable import Kiln

// Finite-difference gradient checks in float64.
//
// `checkGradients` compares the gradient that autograd computes for
//     L(x₀, x₁, …) = Σ f(x₀, x₁, …) · w
// (w: a fixed random weighting of f's output, so every element of a non-scalar output is checked)
// with central differences (L(x + ε eᵢ) − L(x − ε eᵢ)) / 2ε, element by element.

/// Where the analytic and numerical gradients disagree most.
struct GradientCheckReport: CustomStringConvertible {
    var op: String
    var input = 0
    var element = 0
    var coordinates: [Int] = []
    var analytic = 0.0
    var numeric = 0.0
    /// |analytic − numeric| / max(1, |numeric|): absolute for small gradients, relative for large.
    var error = 0.0

    var description: String {
        "\(op): worst error \(error) at input \(input) element \(coordinates) (analytic \(analytic), numeric \(numeric))"
    }
}

/// The coordinates of the `flat`-th element (row-major) of `shape`.
func flatIndexCoordinates(ofFlatIndex flat: Int, in shape: [Int]) -> [Int] {
    var rest = flat
    var out = [Int](repeating: 0, count: shape.count)
    for axis in stride(from: shape.count - 1, through: 0, by: -1) where shape[axis] > 0 {
        out[axis] = rest % shape[axis]
        rest /= shape[axis]
    }
    return out
}

/// Runs the comparison and returns the worst element (no expectations); `checkGradients` wraps it.
func gradientCheckReport(
    _ op: String, at inputs: [Tensor], eps: Double = 1e-6, weightSeed: UInt64 = 7,
    _ f: ([Tensor]) -> Tensor
) -> (report: GradientCheckReport, problems: [String]) {
    var problems: [String] = []
    let inputs = inputs.map { $0.detach().contiguous() }
    for (i, x) in inputs.enumerated() where x.dtype != .float64 {
        problems.append("\(op): input \(i) is \(x.dtype), not float64")
    }
    let probe = noGrad { f(inputs) }
    if probe.dtype != .float64 { problems.append("\(op): output is \(probe.dtype), not float64") }
    let w = Tensor(randomNormal: probe.shape, dtype: .float64, seed: weightSeed)
    func loss(_ xs: [Tensor]) -> Tensor { (f(xs) * w).sum() }

    let (value, grads) = valueAndGrad(at: inputs, of: loss)
    let expectedValue = noGrad { loss(inputs) }.item()
    if !(Swift.abs(value.item() - expectedValue) <= 1e-12 * Swift.max(1, Swift.abs(expectedValue))) {
        problems.append("\(op): valueAndGrad value \(value.item()) differs from the plain forward \(expectedValue)")
    }

    var report = GradientCheckReport(op: op)
    report.error = -1
    for (i, x) in inputs.enumerated() {
        let g = grads[i]
        guard g.shape == x.shape else {
            problems.append("\(op): gradient of input \(i) has shape \(g.shape), input has \(x.shape)")
            continue
        }
        let analytic: [Double] = g.scalars()
        let base: [Double] = x.scalars()
        for j in base.indices {
            func perturbed(_ delta: Double) -> Double {
                var values = base
                values[j] += delta
                var xs = inputs
                xs[i] = Tensor(values, shape: x.shape)
                return noGrad { loss(xs) }.item()
            }
            let numeric = (perturbed(eps) - perturbed(-eps)) / (2 * eps)
            let a = analytic[j]
            var error = Swift.abs(a - numeric) / Swift.max(1, Swift.abs(numeric))
            if !error.isFinite || a.isNaN != numeric.isNaN { error = .infinity }
            if error > report.error {
                report = GradientCheckReport(op: op, input: i, element: j, coordinates: flatIndexCoordinates(ofFlatIndex: j, in: x.shape),
                                             analytic: a, numeric: numeric, error: error)
            }
        }
    }
    report.error = Swift.max(report.error, 0)
    return (report, problems)
}

/// Expects autograd's gradient of Σ f(inputs)·w to match central differences for every element
/// of every input (all float64) within `tolerance` (mixed absolute/relative error).
@discardableResult
func checkGradients(
    _ op: String, at inputs: [Tensor], eps: Double = 1e-6, tolerance: Double = 1e-6, weightSeed: UInt64 = 7,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ f: ([Tensor]) -> Tensor
) -> GradientCheckReport {
    let (report, problems) = gradientCheckReport(op, at: inputs, eps: eps, weightSeed: weightSeed, f)
    for p in problems { Issue.record(Comment(rawValue: p), sourceLocation: sourceLocation) }
    #expect(report.error <= tolerance, "\(report)", sourceLocation: sourceLocation)
    return report
}

/// `checkGradients` for a function of one tensor.
@discardableResult
func checkGradients(
    _ op: String, at x: Tensor, eps: Double = 1e-6, tolerance: Double = 1e-6, weightSeed: UInt64 = 7,
    sourceLocation: SourceLocation = #_sourceLocation,
    _ f: (Tensor) -> Tensor
) -> GradientCheckReport {
    checkGradients(op, at: [x], eps: eps, tolerance: tolerance, weightSeed: weightSeed, sourceLocation: sourceLocation) { f($0[0]) }
}

// MARK: - Inputs

/// Seeded standard-normal float64 values.
func normal64(_ shape: [Int], seed: UInt64) -> Tensor {
    Tensor(randomNormal: shape, dtype: .float64, seed: seed)
}

/// Seeded uniform float64 values in [low, high).
func uniform64(_ shape: [Int], _ low: Double, _ high: Double, seed: UInt64) -> Tensor {
    Tensor(randomUniform: shape, low: low, high: high, dtype: .float64, seed: seed)
}

/// Seeded normal values pushed at least `gap` away from `kink` (for abs, relu, …).
func normal64Away(from kink: Double = 0, _ shape: [Int], gap: Double = 0.1, seed: UInt64) -> Tensor {
    let v: [Double] = normal64(shape, seed: seed).scalars()
    return Tensor(v.map { $0 >= kink ? $0 + gap : $0 - gap }, shape: shape)
}

/// Distinct values k·spacing + 0.3·spacing (integer k, about half negative) in scrambled order:
/// no ties anywhere, for max/min, maximum and pooling, and never on a multiple of spacing / 2.
func distinctValues64(_ shape: [Int], spacing: Double = 0.1, seed: UInt64) -> Tensor {
    let n = shape.reduce(1, *)
    var order: [Double] = uniform64([n], 0, 1, seed: seed).scalars()
    let ranks = order.indices.sorted { order[$0] < order[$1] }
    order = [Double](repeating: 0, count: n)
    for (rank, position) in ranks.enumerated() {
        order[position] = Double(rank - n / 2) * spacing + spacing * 0.3
    }
    return Tensor(order, shape: shape)
}

/// An int64 tensor from literals.
func int64s(_ values: [Int64], _ shape: [Int]? = nil) -> Tensor {
    Tensor(values, shape: shape)
}

/// Expects two float64 tensors to agree elementwise within `tolerance`.
func expectAllClose64(_ a: Tensor, _ b: Tensor, tolerance: Double = 1e-9, _ what: String = "",
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(a.shape == b.shape, "\(what): shapes \(a.shape) and \(b.shape)", sourceLocation: sourceLocation)
    guard a.shape == b.shape else { return }
    let x: [Double] = a.scalars(), y: [Double] = b.scalars()
    var worst = 0.0, at = 0
    for i in x.indices {
        let e = Swift.abs(x[i] - y[i]) / Swift.max(1, Swift.abs(y[i]))
        if !(e <= worst) { worst = e; at = i }
    }
    #expect(worst <= tolerance,
            "\(what): element \(flatIndexCoordinates(ofFlatIndex: at, in: a.shape)) is \(x.isEmpty ? 0 : x[at]), expected \(y.isEmpty ? 0 : y[at])",
            sourceLocation: sourceLocation)
}
