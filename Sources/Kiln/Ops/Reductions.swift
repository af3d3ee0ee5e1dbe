// Reductions over any set of axes, with `keepDims`. Axes may be negative; nil means all axes.

extension Tensor {
    /// Sorted, de-duplicated, non-negative axes (all axes for nil).
    func reductionAxes(_ axes: [Int]?, op: String) -> [Int] {
        guard let axes else { return Array(0..<rank) }
        return Array(Set(axes.map { normalizedAxis($0, op: op) })).sorted()
    }

    /// The shape of a reduction's result when `keepDims` is on.
    func keptShape(reducing axes: [Int]) -> [Int] {
        var s = shape
        for a in axes { s[a] = 1 }
        return s
    }

    func finishReduction(_ out: Tensor, axes: [Int], keepDims: Bool) -> Tensor {
        keepDims ? out.reshaped(keptShape(reducing: axes)) : out
    }

    // MARK: sum and mean

    /// The sum over `axes` (all when nil). Integers and bools sum to int64, as in PyTorch.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "sum")
        let out = Tensor.sumKernel(self, axes: axes)
        let result = finishReduction(out, axes: axes, keepDims: keepDims)
        guard Tensor.isRecording(self) else { return result }
        let inputShape = shape, kept = keptShape(reducing: axes)
        return Tensor.record("sum", result, inputs: [self]) { g, _ in [g.reshaped(kept).expanded(to: inputShape)] }
    }

    public func sum(axis: Int, keepDims: Bool = false) -> Tensor { sum(axes: [axis], keepDims: keepDims) }

    /// Sums a broadcast result back to `target` (the shape of an input that was broadcast).
    public func sum(toShape target: [Int]) -> Tensor {
        if shape == target { return self }
        let axes = Shape.reducedAxes(from: shape, to: target)
        return sum(axes: axes, keepDims: true).reshaped(target)
    }

    /// The mean over `axes` (all when nil); floating-point results only.
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "mean")
        let n = axes.reduce(1) { $0 * shape[$1] }
        let x = dtype.isFloatingPoint ? self : cast(to: .float32)
        return x.sum(axes: axes, keepDims: keepDims) / Double(n)
    }

    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    static func sumKernel(_ x: Tensor, axes: [Int]) -> Tensor {
        // Along a broadcast axis (stride 0) every element is the same, so summing it is a
        // multiplication; gradients of broadcast ops arrive in this form.
        let repeated = axes.filter { x.strides[$0] == 0 && x.shape[$0] > 1 }
        if !repeated.isEmpty {
            var shape = x.shape
            for a in repeated { shape[a] = 1 }
            let factor = repeated.reduce(1) { $0 * x.shape[$1] }
            let collapsed = x.withLayout(shape: shape, strides: x.strides, offset: x.offset)
            return noGrad { sumKernel(collapsed, axes: axes) * Double(factor) }
        }
        switch x.dtype {
        case .float32: return floatSum(x, axes: axes, Float.self)
        case .float64: return floatSum(x, axes: axes, Double.self)
        case .float16, .bfloat16: return sumKernel(x.cast(to: .float32), axes: axes).cast(to: x.dtype)
        case .int64, .int32, .uint8, .bool:
            let plan = ReductionKernels.plan(x.cast(to: .int64), axes: axes)
            let out = Tensor(uninitializedShape: plan.outputShape, dtype: .int64)
            let po = out.pointer(as: Int64.self)
            ReductionKernels.forEachRow(plan, Int64.self) { r, p, n in
                var s: Int64 = 0
                for i in 0..<n { s = s &+ p[i] }
                po[r] = s
            }
            return out
        }
    }

    private static func floatSum<T: FloatElement & SIMDScalar>(_ x: Tensor, axes: [Int], _: T.Type) -> Tensor {
        if x.isContiguous && axes == Array(0..<axes.count) && axes.count < x.rank {
            let outer = axes.reduce(1) { $0 * x.shape[$1] }
            let outShape = Array(x.shape[axes.count...])
            let out = Tensor(uninitializedShape: outShape, dtype: x.dtype)
            ReductionKernels.sumLeading(UnsafePointer(x.pointer(as: T.self)), outer: outer, inner: out.count, into: out.pointer(as: T.self))
            return out
        }
        let plan = ReductionKernels.plan(x, axes: axes)
        let out = Tensor(uninitializedShape: plan.outputShape, dtype: x.dtype)
        let po = out.pointer(as: T.self)
        ReductionKernels.forEachRow(plan, T.self) { r, p, n in po[r] = ReductionKernels.sum(p, n) }
        return out
    }

    // MARK: product

    /// The product over `axes`. Its gradient is exact with zeros in the input.
    public func prod(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "prod")
        let x = dtype.isFloatingPoint ? self : cast(to: .int64)
        let out = x.dtype.computeType == .float32 && x.dtype.isHalf
            ? Tensor.rowReduce(x.cast(to: .float32), axes: axes, ProductRow()).cast(to: x.dtype)
            : Tensor.rowReduce(x, axes: axes, ProductRow())
        let result = finishReduction(out, axes: axes, keepDims: keepDims)
        guard Tensor.isRecording(self) else { return result }
        let kept = keptShape(reducing: axes)
        return Tensor.record("prod", result, inputs: [self]) { g, _ in
            // ∂/∂x_i Π x = Π_{j≠i} x_j: out/x without zeros; with one zero only that element gets the
            // product of the others; with two or more, all zero.
            let x = self.detach(), y = result.detach().reshaped(kept), g = g.reshaped(kept)
            let isZero = x .== 0
            let zeros = isZero.cast(to: x.dtype).sum(axes: axes, keepDims: true)
            let othersProduct = Tensor.where(isZero, Tensor.ones(like: x), x).prod(axes: axes, keepDims: true)
            let noZero = y / Tensor.where(isZero, Tensor.ones(like: x), x)
            let oneZero = Tensor.where(isZero, othersProduct.expanded(to: x.shape), Tensor.zeros(like: x))
            let grad = Tensor.where(zeros .== 0, noZero, Tensor.where(zeros .== 1, oneZero, Tensor.zeros(like: x)))
            return [g * grad]
        }
    }

    public func prod(axis: Int, keepDims: Bool = false) -> Tensor { prod(axes: [axis], keepDims: keepDims) }

    // MARK: max and min

    /// The largest value over `axes` (all when nil), NaN if any is NaN. Ties share the gradient
    /// evenly (PyTorch's `amax`).
    public func max(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: true)
    }

    /// The smallest value over `axes` (all when nil).
    public func min(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        extremum(axes: axes, keepDims: keepDims, largest: false)
    }

    /// Largest values along one axis and their indices (int64), like `torch.max(x, dim)`.
    public func max(alongAxis axis: Int, keepDims: Bool = false) -> (values: Tensor, indices: Tensor) {
        (max(axes: [axis], keepDims: keepDims), argmax(axis: axis, keepDims: keepDims))
    }

    /// Smallest values along one axis and their indices (int64).
    public func min(alongAxis axis: Int, keepDims: Bool = false) -> (values: Tensor, indices: Tensor) {
        (min(axes: [axis], keepDims: keepDims), argmin(axis: axis, keepDims: keepDims))
    }

    /// The index of the first largest element along `axis` (over the flattened tensor when nil).
    public func argmax(axis: Int? = nil, keepDims: Bool = false) -> Tensor { argExtremum(axis: axis, keepDims: keepDims, largest: true) }

    /// The index of the first smallest element along `axis` (over the flattened tensor when nil).
    public func argmin(axis: Int? = nil, keepDims: Bool = false) -> Tensor { argExtremum(axis: axis, keepDims: keepDims, largest: false) }

    private func extremum(axes: [Int]?, keepDims: Bool, largest: Bool) -> Tensor {
        let op = largest ? "max" : "min"
        let axes = reductionAxes(axes, op: op)
        require(axes.allSatisfy { shape[$0] > 0 }, "\(op): cannot reduce an empty axis of shape \(shape)")
        let out = Tensor.extremumKernel(self, axes: axes, largest: largest)
        let result = finishReduction(out, axes: axes, keepDims: keepDims)
        guard Tensor.isRecording(self) else { return result }
        let kept = keptShape(reducing: axes)
        return Tensor.record(op, result, inputs: [self]) { g, _ in
            let x = self.detach()
            let mask = (x .== result.detach().reshaped(kept)).cast(to: x.dtype)
            return [mask * (g.reshaped(kept) / mask.sum(axes: axes, keepDims: true))]
        }
    }

    static func extremumKernel(_ x: Tensor, axes: [Int], largest: Bool) -> Tensor {
        switch x.dtype {
        case .float16, .bfloat16: extremumKernel(x.cast(to: .float32), axes: axes, largest: largest).cast(to: x.dtype)
        case .bool: extremumKernel(x.cast(to: .uint8), axes: axes, largest: largest).cast(to: .bool)
        default: rowReduce(x, axes: axes, ExtremumRow(largest: largest))
        }
    }

    private func argExtremum(axis: Int?, keepDims: Bool, largest: Bool) -> Tensor {
        let op = largest ? "argmax" : "argmin"
        guard let axis else {
            let flat = reshaped([count]).argExtremum(axis: 0, keepDims: false, largest: largest)
            return keepDims ? flat.reshaped(Array(repeating: 1, count: rank)) : flat
        }
        let a = normalizedAxis(axis, op: op)
        require(shape[a] > 0, "\(op): cannot reduce an empty axis of shape \(shape)")
        let x: Tensor = switch dtype {
        case .float16, .bfloat16: cast(to: .float32)
        case .bool: cast(to: .uint8)
        default: self
        }
        let out = Tensor.rowReduce(x, axes: [a], ArgExtremumRow(largest: largest))
        return finishReduction(out, axes: [a], keepDims: keepDims)
    }

    // MARK: all and any

    /// True where every element over `axes` is non-zero.
    public func all(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "all")
        return finishReduction(Tensor.rowReduce(cast(to: .bool), axes: axes, LogicRow(all: true)), axes: axes, keepDims: keepDims)
    }

    /// True where some element over `axes` is non-zero.
    public func any(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "any")
        return finishReduction(Tensor.rowReduce(cast(to: .bool), axes: axes, LogicRow(all: false)), axes: axes, keepDims: keepDims)
    }

    // MARK: statistics built from the primitives (their gradients follow)

    /// The variance over `axes` with Bessel's `correction` (1: unbiased, as `torch.var`; 0: population).
    public func variance(axes: [Int]? = nil, correction: Int = 1, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "var")
        let x = dtype.isFloatingPoint ? self : cast(to: .float32)
        let n = axes.reduce(1) { $0 * shape[$1] }
        let centered = x - x.mean(axes: axes, keepDims: true)
        return square(centered).sum(axes: axes, keepDims: keepDims) / Double(Swift.max(n - correction, 0))
    }

    public func variance(axis: Int, correction: Int = 1, keepDims: Bool = false) -> Tensor {
        variance(axes: [axis], correction: correction, keepDims: keepDims)
    }

    /// The standard deviation over `axes` with Bessel's `correction`.
    public func std(axes: [Int]? = nil, correction: Int = 1, keepDims: Bool = false) -> Tensor {
        sqrt(variance(axes: axes, correction: correction, keepDims: keepDims))
    }

    public func std(axis: Int, correction: Int = 1, keepDims: Bool = false) -> Tensor {
        std(axes: [axis], correction: correction, keepDims: keepDims)
    }

    /// log Σ exp(x) over `axes`, computed stably by shifting by the maximum.
    public func logSumExp(axes: [Int]? = nil, keepDims: Bool = false) -> Tensor {
        let axes = reductionAxes(axes, op: "logsumexp")
        let x = dtype.isFloatingPoint ? self : cast(to: .float32)
        let m = x.detach().max(axes: axes, keepDims: true)
        // An all -inf (or inf) slice would give inf - inf; shift by 0 there, as PyTorch does.
        let shift = Tensor.where(m.isFinite(), m, Tensor.zeros(like: m))
        let out = log(exp(x - shift).sum(axes: axes, keepDims: true)) + shift
        return keepDims ? out : out.reshaped(shape.enumerated().filter { !axes.contains($0.offset) }.map(\.element))
    }
}

// MARK: - Row reducers

/// A reduction of one contiguous row, run by `Tensor.rowReduce` for each output element.
protocol RowReducer {
    func outputType(for input: DType) -> DType
    func reduce<T: NumericElement>(_ p: UnsafePointer<T>, _ n: Int, into out: UnsafeMutableRawPointer, at index: Int)
}

struct ProductRow: RowReducer {
    func outputType(for input: DType) -> DType { input }
    func reduce<T: NumericElement>(_ p: UnsafePointer<T>, _ n: Int, into out: UnsafeMutableRawPointer, at index: Int) {
        var acc: T = 1
        for i in 0..<n { acc = T.wrappingMultiply(acc, p[i]) }
        out.assumingMemoryBound(to: T.self)[index] = acc
    }
}

struct ExtremumRow: RowReducer {
    let largest: Bool
    func outputType(for input: DType) -> DType { input }
    func reduce<T: NumericElement>(_ p: UnsafePointer<T>, _ n: Int, into out: UnsafeMutableRawPointer, at index: Int) {
        var best = p[0]
        if largest {
            for i in 1..<Swift.max(n, 1) where !(p[i] <= best) { best = p[i]; if best != best { break } }
        } else {
            for i in 1..<Swift.max(n, 1) where !(p[i] >= best) { best = p[i]; if best != best { break } }
        }
        out.assumingMemoryBound(to: T.self)[index] = best
    }
}

/// Index of the first extremum; NaN counts as the extremum, as in PyTorch.
struct ArgExtremumRow: RowReducer {
    let largest: Bool
    func outputType(for input: DType) -> DType { .int64 }
    func reduce<T: NumericElement>(_ p: UnsafePointer<T>, _ n: Int, into out: UnsafeMutableRawPointer, at index: Int) {
        var best = p[0], at = 0
        if best == best {
            for i in 1..<Swift.max(n, 1) {
                let v = p[i]
                if v != v { at = i; break }
                if largest ? v > best : v < best { best = v; at = i }
            }
        }
        out.assumingMemoryBound(to: Int64.self)[index] = Int64(at)
    }
}

struct LogicRow: RowReducer {
    let all: Bool
    func outputType(for input: DType) -> DType { .bool }
    func reduce<T: NumericElement>(_ p: UnsafePointer<T>, _ n: Int, into out: UnsafeMutableRawPointer, at index: Int) {
        var result = all
        for i in 0..<n where (p[i] != 0) != all { result = !all; break }
        out.assumingMemoryBound(to: Bool.self)[index] = result
    }
}

extension Tensor {
    /// Runs a row reducer over `axes` for the numeric dtypes (bools are read as uint8).
    static func rowReduce<R: RowReducer>(_ x: Tensor, axes: [Int], _ reducer: R) -> Tensor {
        let source = x.dtype == .bool ? x.cast(to: .uint8) : x
        let plan = ReductionKernels.plan(source, axes: axes)
        let out = Tensor(uninitializedShape: plan.outputShape, dtype: reducer.outputType(for: x.dtype))
        let raw = out.storage.data
        func run<T: NumericElement>(_: T.Type) {
            ReductionKernels.forEachRow(plan, T.self) { r, p, n in reducer.reduce(p, n, into: raw, at: r) }
        }
        switch source.dtype {
        case .float32: run(Float.self)
        case .float64: run(Double.self)
        case .int64: run(Int64.self)
        case .int32: run(Int32.self)
        case .uint8: run(UInt8.self)
        default: fatalError("reduction: unsupported dtype \(x.dtype)")
        }
        return out
    }
}
