import RealModule

// softmax and logSoftmax along one axis: fused kernels (one pass for the maximum, one for the
// sum, one to write), with backward passes written in tensor ops.

extension Tensor {
    /// exp(x) / Σ exp(x) along `axis`.
    public func softmax(axis: Int = -1) -> Tensor {
        let a = normalizedAxis(axis, op: "softmax")
        let out = Tensor.softmaxKernel(self, axis: a, log: false)
        guard Tensor.isRecording(self) else { return out }
        return Tensor.record("softmax", out, inputs: [self]) { g, _ in
            let y = out.detach()
            return [y * (g - (g * y).sum(axis: a, keepDims: true))]
        }
    }

    /// x − log Σ exp(x) along `axis`, computed stably.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = normalizedAxis(axis, op: "logSoftmax")
        let out = Tensor.softmaxKernel(self, axis: a, log: true)
        guard Tensor.isRecording(self) else { return out }
        return Tensor.record("logSoftmax", out, inputs: [self]) { g, _ in
            [g - exp(out.detach()) * g.sum(axis: a, keepDims: true)]
        }
    }

    static func softmaxKernel(_ x: Tensor, axis: Int, log: Bool) -> Tensor {
        switch x.dtype {
        case .float32: return softmaxRows(x, axis: axis, log: log, Float.self)
        case .float64: return softmaxRows(x, axis: axis, log: log, Double.self)
        case .float16, .bfloat16: return softmaxKernel(x.cast(to: .float32), axis: axis, log: log).cast(to: x.dtype)
        default: return softmaxKernel(x.cast(to: .float32), axis: axis, log: log)
        }
    }

    /// Moves `axis` last, runs the rows, and moves it back.
    private static func softmaxRows<T: FloatElement>(_ x: Tensor, axis: Int, log: Bool, _: T.Type) -> Tensor {
        let last = x.rank - 1
        let moved = axis == last ? x.detach() : x.detach().transposed(axis, last)
        let plan = ReductionKernels.plan(moved, axes: [last])
        let out = Tensor(uninitializedShape: moved.shape, dtype: x.dtype)
        let po = out.pointer(as: T.self)
        ReductionKernels.forEachRow(plan, T.self) { r, p, n in
            let o = po + r * n
            var m = -T.infinity
            for i in 0..<n where !(p[i] <= m) { m = p[i] }
            // An all -inf row shifts by 0 (its result is NaN either way, as in PyTorch); a +inf
            // entry keeps m = +inf so the row becomes NaN, as in PyTorch.
            if m == -T.infinity { m = 0 }
            var s: T = 0
            for i in 0..<n {
                let e = T.exp(p[i] - m)
                o[i] = e
                s += e
            }
            if log {
                // (x - m) - log s, as PyTorch does: adding m back first would round log s to the
                // precision of m (an absolute error of 1e-5 for logits near 1000 in float32).
                let l = T.log(s)
                for i in 0..<n { o[i] = (p[i] - m) - l }
            } else {
                let inv = 1 / s
                for i in 0..<n { o[i] *= inv }
            }
        }
        return axis == last ? out : out.transposed(axis, last)
    }
}
