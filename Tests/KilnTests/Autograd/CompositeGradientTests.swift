import Testing
@testable import Kiln

/// A 2-layer MLP classifier whose parameters are `Parameter`s, trained by `backward()`.
private struct TinyMLP {
    let w1 = Parameter(normal64([4, 6], seed: 151) * 0.8)
    let b1 = Parameter(normal64([6], seed: 152) * 0.5)
    let w2 = Parameter(normal64([6, 3], seed: 153) * 0.8)
    let b2 = Parameter(normal64([3], seed: 154) * 0.5)
    let x = normal64([5, 4], seed: 155)
    let labels = int64s([0, 2, 1, 1, 2], [5, 1])

    var parameters: [Parameter] { [w1, b1, w2, b2] }

    /// Mean negative log-likelihood of the labels.
    func loss() -> Tensor {
        let hidden = relu(matmul(x, w1.value) + b1.value)
        let logits = matmul(hidden, w2.value) + b2.value
        let logProbabilities = logits.logSoftmax(axis: 1)
        return -logProbabilities.gathering(alongAxis: 1, index: labels).mean()
    }

    /// Central differences of `loss()` with respect to every element of `p`, without autograd.
    func numericGradient(of p: Parameter, eps: Double = 1e-6) -> Tensor {
        let original = p.value.detach()
        let base: [Double] = original.scalars()
        var out = [Double](repeating: 0, count: base.count)
        for j in base.indices {
            func lossAt(_ delta: Double) -> Double {
                var v = base
                v[j] += delta
                p.value = Tensor(v, shape: p.shape)
                return noGrad { loss() }.item()
            }
            out[j] = (lossAt(eps) - lossAt(-eps)) / (2 * eps)
        }
        p.value = original
        return Tensor(out, shape: p.shape)
    }
}

@Suite("Composite gradients through Parameter and backward()")
struct CompositeGradientTests {
    @Test("2-layer MLP: Parameter.grad equals the finite-difference gradient")
    func mlpGradients() {
        let model = TinyMLP()
        // No hidden unit may sit at relu's kink.
        let preActivation = noGrad { matmul(model.x, model.w1.value) + model.b1.value }
        #expect(noGrad { abs(preActivation).min() }.item() > 1e-3)

        let loss = model.loss()
        #expect(loss.requiresGrad)
        #expect(loss.shape == [])
        for p in model.parameters { #expect(p.grad == nil) }
        loss.backward()
        for (name, p) in zip(["w1", "b1", "w2", "b2"], model.parameters) {
            guard let g = p.grad else {
                Issue.record("\(name): no gradient after backward()")
                continue
            }
            #expect(g.shape == p.shape && g.dtype == .float64, "\(name): gradient \(g.shape) \(g.dtype)")
            expectAllClose64(g, model.numericGradient(of: p), tolerance: 1e-6, "\(name).grad vs finite differences")
        }
    }

    @Test("a second backward accumulates: grad doubles; zeroGrad clears it")
    func accumulation() {
        let model = TinyMLP()
        let loss = model.loss()
        loss.backward()
        let first = model.parameters.map { $0.grad! }
        // Backward again through the same graph, then through a fresh one.
        loss.backward()
        for (p, g) in zip(model.parameters, first) { expectAllClose64(p.grad!, g * 2, tolerance: 1e-12, "second backward") }
        model.loss().backward()
        for (p, g) in zip(model.parameters, first) { expectAllClose64(p.grad!, g * 3, tolerance: 1e-12, "third backward") }
        for p in model.parameters { p.zeroGrad() }
        #expect(model.parameters.allSatisfy { $0.grad == nil })
        model.loss().backward()
        for (p, g) in zip(model.parameters, first) { expectAllClose64(p.grad!, g, tolerance: 1e-12, "after zeroGrad") }
    }

    @Test("backward with an explicit gradient seed on a non-scalar output")
    func seededBackward() {
        let p = Parameter(normal64([2, 3], seed: 156))
        let seed = normal64([3, 2], seed: 157)
        let y = sin(p.value).mT
        y.backward(seed)
        expectAllClose64(p.grad!, cos(p.value.detach()) * seed.mT, tolerance: 1e-12, "seeded backward")
        #expect(!seed.requiresGrad)
    }

    @Test("a parameter used through broadcasting gets the summed gradient")
    func broadcastParameter() {
        let bias = Parameter(normal64([3], seed: 158))
        let x = normal64([4, 3], seed: 159)
        (x * bias.value).sum().backward()
        expectAllClose64(bias.grad!, x.sum(axes: [0]), tolerance: 1e-12, "broadcast bias")
    }

    @Test("noGrad records nothing")
    func noGradRecordsNothing() {
        let p = Parameter(normal64([2, 3], seed: 160))
        #expect(p.value.requiresGrad)
        let y = noGrad { relu(matmul(p.value, p.value.mT)).sum() }
        #expect(!y.requiresGrad)
        #expect(GradMode.isEnabled)
        let inside = noGrad { GradMode.isEnabled }
        #expect(inside == false)
        // Recording resumes after the block.
        #expect((p.value * 2).requiresGrad)
        // Parameters frozen with requiresGrad = false do not record either.
        let frozen = Parameter(normal64([2], seed: 161), requiresGrad: false)
        #expect(!(frozen.value * 2).requiresGrad)
    }

    @Test("detach cuts the graph")
    func detachCutsGraph() {
        let p = Parameter(normal64([2, 3], seed: 162))
        let v = p.value
        // d/dp [ (2p)ₛₜₒₚ · p ] = 2p, not 4p.
        let y = ((v * 2).detach() * v).sum()
        y.backward()
        expectAllClose64(p.grad!, v.detach() * 2, tolerance: 1e-12, "detached factor")
        #expect(!v.detach().requiresGrad)

        // The functional form: a detached path contributes nothing.
        let x = normal64([3], seed: 163)
        let g = gradient(at: x) { ($0.detach() * $0).sum() + exp($0.detach()).sum() }
        expectAllClose64(g, x, tolerance: 1e-12, "gradient through a detached operand")
    }

    @Test("valueAndGrad: value, zero gradients for unused inputs, repeated use")
    func valueAndGradBasics() {
        let a = normal64([3], seed: 164), b = normal64([3], seed: 165)
        let (value, grads) = valueAndGrad(at: [a, b]) { xs in (xs[0] * xs[0]).sum() }
        expectAllClose64(value, noGrad { (a * a).sum() }, tolerance: 1e-12, "value")
        #expect(!value.requiresGrad)
        expectAllClose64(grads[0], a * 2, tolerance: 1e-12, "gradient of a used input")
        expectAllClose64(grads[1], Tensor.zeros(like: b), tolerance: 0, "gradient of an unused input")
        // valueAndGrad records even inside noGrad.
        let inner = noGrad { gradient(at: a) { exp($0).sum() } }
        expectAllClose64(inner, exp(a), tolerance: 1e-12, "valueAndGrad inside noGrad")
    }
}

@Suite("Gradient checker self-test")
struct GradientCheckSelfTests {
    @Test("a correct gradient reports a tiny error")
    func correct() {
        let (report, problems) = gradientCheckReport("sin", at: [normal64([2, 3], seed: 171)]) { sin($0[0]) }
        #expect(problems.isEmpty)
        #expect(report.error < 1e-8, "\(report)")
    }

    @Test("a wrong gradient is caught, with the element where it is wrong")
    func wrong() {
        let x = normal64([2, 3], seed: 172)
        // Autograd sees only one factor of x·x here: half the true derivative.
        let (half, _) = gradientCheckReport("x * x.detach()", at: [x]) { $0[0] * $0[0].detach() }
        #expect(half.error > 0.1, "\(half)")
        // Only element [1, 2] is cut from the graph.
        let mask = Tensor([false, false, false, false, false, true], shape: [2, 3])
        let (one, _) = gradientCheckReport("one detached element", at: [x]) { Tensor.where(mask, $0[0].detach(), $0[0]) * 3 }
        #expect(one.coordinates == [1, 2] && Swift.abs(one.analytic) < 1e-12 && one.error > 0.1, "\(one)")
    }

    @Test("inputs that are not float64 are reported")
    func notFloat64() {
        let (_, problems) = gradientCheckReport("float32", at: [Tensor(randomNormal: [3], seed: 173)]) { $0[0] * 2 }
        #expect(!problems.isEmpty)
    }
}
