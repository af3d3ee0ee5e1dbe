/// An element function for `ElementwiseKernels.map`. Element functions are structs, not closures:
/// a closure value captured by a pool task becomes an indirect call per element, while a struct
/// of a known type is specialised and inlined into every loop, serial or parallel.
protocol ElementMap {
    associatedtype Input
    associatedtype Output
    func callAsFunction(_ x: Input) -> Output
}

/// An element function of two operands for `ElementwiseKernels.zip`.
protocol ElementZip {
    associatedtype A
    associatedtype B
    associatedtype Output
    func callAsFunction(_ a: A, _ b: B) -> Output
}

/// An element function of a condition and two values for `ElementwiseKernels.zip3`.
protocol ElementZip3 {
    associatedtype Condition
    associatedtype Value
    associatedtype Output
    func callAsFunction(_ c: Condition, _ a: Value, _ b: Value) -> Output
}

/// Elementwise kernels over strided tensors: the generic loops every unary, binary and ternary op
/// specialises with its own element function. Contiguous inputs take a straight loop the compiler
/// vectorises; other layouts go through `StridedLoop` with a unit-stride fast path.
enum ElementwiseKernels {
    /// Elements per chunk above which a kernel runs on the pool.
    static let parallelThreshold = 1 << 15

    /// `out[i] = f(x[i])`, out contiguous with x's shape.
    @inline(__always)
    static func map<F: ElementMap>(_ x: Tensor, to dtype: DType, _ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: x.shape, dtype: dtype)
        let po = out.pointer(as: F.Output.self), px = x.pointer(as: F.Input.self)
        if x.isContiguous {
            let n = x.count
            if n < parallelThreshold {
                for i in 0..<n { po[i] = f(px[i]) }
            } else {
                ThreadPool.parallelFor(n, grain: parallelThreshold / 2) { r in
                    for i in r { po[i] = f(px[i]) }
                }
            }
            return out
        }
        StridedLoop(shape: x.shape, strides: [out.strides, x.strides]).forEachRun(parallelThreshold: parallelThreshold) {
            o0, o1, _, n, s0, s1, _ in
            let o = po + o0, a = px + o1
            if s0 == 1 && s1 == 1 {
                for i in 0..<n { o[i] = f(a[i]) }
            } else {
                for i in 0..<n { o[i * s0] = f(a[i * s1]) }
            }
        }
        return out
    }

    /// `out = f(x)` for a contiguous float32 tensor, eight lanes at a time (`VectorMath`).
    @inline(__always)
    static func mapVectorized<F: FloatUnaryFunction>(_ x: Tensor, _ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: x.shape, dtype: .float32)
        let po = out.pointer(as: Float.self), px = UnsafePointer(x.pointer(as: Float.self))
        let n = x.count
        // Pieces are whole vectors, so only the last one has a tail.
        let vectors = (n + 7) / 8
        ThreadPool.parallelFor(vectors, grain: parallelThreshold / 16) { r in
            let start = r.lowerBound * 8, end = Swift.min(n, r.upperBound * 8)
            VectorMath.apply(px + start, po + start, count: end - start) { f($0) }
        }
        return out
    }

    /// `out[i] = f(a[i], b[i])` with broadcasting to `shape`.
    @inline(__always)
    static func zip<F: ElementZip>(_ a: Tensor, _ b: Tensor, shape: [Int], to dtype: DType, _ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        let po = out.pointer(as: F.Output.self), pa = a.pointer(as: F.A.self), pb = b.pointer(as: F.B.self)
        if a.shape == shape && b.shape == shape && a.isContiguous && b.isContiguous {
            let n = out.count
            if n < parallelThreshold {
                for i in 0..<n { po[i] = f(pa[i], pb[i]) }
            } else {
                ThreadPool.parallelFor(n, grain: parallelThreshold / 2) { r in
                    for i in r { po[i] = f(pa[i], pb[i]) }
                }
            }
            return out
        }
        let sa = Shape.broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
        let sb = Shape.broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
        StridedLoop(shape: shape, strides: [out.strides, sa, sb]).forEachRun(parallelThreshold: parallelThreshold) {
            o0, o1, o2, n, s0, s1, s2 in
            let o = po + o0, x = pa + o1, y = pb + o2
            if s0 == 1 && s1 == 1 && s2 == 1 {
                for i in 0..<n { o[i] = f(x[i], y[i]) }
            } else if s0 == 1 && s1 == 1 && s2 == 0 {
                let c = y[0]
                for i in 0..<n { o[i] = f(x[i], c) }
            } else if s0 == 1 && s1 == 0 && s2 == 1 {
                let c = x[0]
                for i in 0..<n { o[i] = f(c, y[i]) }
            } else {
                for i in 0..<n { o[i * s0] = f(x[i * s1], y[i * s2]) }
            }
        }
        return out
    }

    /// `out[i] = f(c[i], a[i], b[i])` with broadcasting to `shape` (for `where`).
    @inline(__always)
    static func zip3<F: ElementZip3>(_ c: Tensor, _ a: Tensor, _ b: Tensor, shape: [Int], to dtype: DType, _ f: F) -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        let po = out.pointer(as: F.Output.self), pc = c.pointer(as: F.Condition.self)
        let pa = a.pointer(as: F.Value.self), pb = b.pointer(as: F.Value.self)
        let sc = Shape.broadcastStrides(shape: c.shape, strides: c.strides, to: shape)
        let sa = Shape.broadcastStrides(shape: a.shape, strides: a.strides, to: shape)
        let sb = Shape.broadcastStrides(shape: b.shape, strides: b.strides, to: shape)
        // A plain odometer over all axes: `where` is not a hot kernel.
        let outStrides = out.strides
        var index = [Int](repeating: 0, count: shape.count)
        let total = out.count
        if total == 0 { return out }
        var oc = 0, oa = 0, ob = 0, oo = 0
        for _ in 0..<total {
            po[oo] = f(pc[oc], pa[oa], pb[ob])
            var axis = shape.count - 1
            while axis >= 0 {
                index[axis] += 1
                oc += sc[axis]; oa += sa[axis]; ob += sb[axis]; oo += outStrides[axis]
                if index[axis] < shape[axis] { break }
                oc -= sc[axis] * shape[axis]; oa -= sa[axis] * shape[axis]
                ob -= sb[axis] * shape[axis]; oo -= outStrides[axis] * shape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }
}
