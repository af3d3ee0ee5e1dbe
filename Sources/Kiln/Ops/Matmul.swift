// Matrix products with NumPy's rules: 1-D operands are promoted to matrices and the added axis is
// removed again; leading (batch) axes broadcast.

/// The matrix product of `a` and `b`, like `torch.matmul`.
public func matmul(_ a: Tensor, _ b: Tensor) -> Tensor { Tensor.matmul(a, b) }

extension Tensor {
    /// `matmul(self, other)`.
    public func matmul(_ other: Tensor) -> Tensor { Tensor.matmul(self, other) }

    static func matmul(_ a: Tensor, _ b: Tensor) -> Tensor {
    require(a.rank > 0 && b.rank > 0, "matmul: both operands need at least one axis, got shapes \(a.shape) and \(b.shape)")
    let a2 = a.rank == 1 ? a.unsqueezed(axis: 0) : a
    let b2 = b.rank == 1 ? b.unsqueezed(axis: 1) : b
    let (m, k) = (a2.shape[a2.rank - 2], a2.shape[a2.rank - 1])
    let (k2, n) = (b2.shape[b2.rank - 2], b2.shape[b2.rank - 1])
    require(k == k2, "matmul: shapes \(a.shape) and \(b.shape) are not aligned (\(k) ≠ \(k2))")
    guard let batch = Shape.broadcast(Array(a2.shape.dropLast(2)), Array(b2.shape.dropLast(2))) else {
        fatalError("matmul: batch axes of shapes \(a.shape) and \(b.shape) cannot be broadcast together")
    }
    var out = Tensor.batchedMatmul(a2.expanded(to: batch + [m, k]), b2.expanded(to: batch + [k, n]))
    if b.rank == 1 { out = out.squeezed(axis: -1) }
    // 1-D · 1-D: the b squeeze above left [1], so the a axis is now the last.
    if a.rank == 1 { out = out.squeezed(axis: b.rank == 1 ? -1 : -2) }
    return out
    }

    /// The product of matrices with equal batch axes (which may be broadcast views, stride 0).
    static func batchedMatmul(_ a: Tensor, _ b: Tensor) -> Tensor {
        let type = a.dtype.promoted(with: b.dtype)
        let out: Tensor
        switch type {
        case .float32: out = MatmulKernel.run(a.cast(to: type), b.cast(to: type), Float.self)
        case .float64: out = MatmulKernel.run(a.cast(to: type), b.cast(to: type), Double.self)
        case .float16, .bfloat16:
            out = MatmulKernel.run(a.cast(to: .float32), b.cast(to: .float32), Float.self).cast(to: type)
        default: out = MatmulKernel.integer(a.cast(to: .int64), b.cast(to: .int64)).cast(to: type)
        }
        guard isRecording(a, b) else { return out }
        // Each gradient is computed in its operand's layout: for a transposed view (a Linear
        // layer reads its weight as `weight.mT`) the transposed product (Bᵀ·Gᵀ)ᵀ reaches the
        // weight contiguous, sparing a copy of the gradient per step.
        return record("matmul", out, inputs: [a, b]) { g, needs in
            let gradA = !needs[0] ? nil
                : a.isMatrixTransposed ? batchedMatmul(b.detach(), g.mT).mT : batchedMatmul(g, b.detach().mT)
            let gradB = !needs[1] ? nil
                : b.isMatrixTransposed ? batchedMatmul(g.mT, a.detach()).mT : batchedMatmul(a.detach().mT, g)
            return [gradA, gradB]
        }
    }

    /// Whether the last two axes are laid out column-major (a transposed view of dense matrices).
    var isMatrixTransposed: Bool {
        let r = rank
        return r >= 2 && shape[r - 2] > 1 && shape[r - 1] > 1 && strides[r - 2] == 1 && strides[r - 1] == shape[r - 2]
    }
}

/// Matrix products over strided layouts: each matrix is handed to BLAS with a transpose flag and a
/// leading dimension when its layout allows, and copied only when it does not.
enum MatmulKernel {
    /// How one operand's matrices are read: transposed or not, with a leading dimension.
    struct Operand {
        let tensor: Tensor
        let transposed: Bool
        let leading: Int
    }

    static func operand(_ t: Tensor) -> Operand {
        let r = t.rank
        let (rows, cols) = (t.shape[r - 2], t.shape[r - 1])
        let (sr, sc) = (t.strides[r - 2], t.strides[r - 1])
        if (sc == 1 || cols == 1) && (sr >= Swift.max(cols, 1) || rows == 1) {
            return Operand(tensor: t, transposed: false, leading: rows == 1 ? Swift.max(cols, 1) : sr)
        }
        if (sr == 1 || rows == 1) && (sc >= Swift.max(rows, 1) || cols == 1) {
            return Operand(tensor: t, transposed: true, leading: cols == 1 ? Swift.max(rows, 1) : sc)
        }
        let c = t.contiguous()
        return Operand(tensor: c, transposed: false, leading: Swift.max(cols, 1))
    }

    static func run<T: FloatElement>(_ a: Tensor, _ b: Tensor, _: T.Type) -> Tensor {
        let r = a.rank
        let (m, k, n) = (a.shape[r - 2], a.shape[r - 1], b.shape[r - 1])
        let batchShape = Array(a.shape.dropLast(2))
        let out = Tensor(uninitializedShape: batchShape + [m, n], dtype: T.dtype)
        let pc = out.pointer(as: T.self)
        let batch = batchShape.reduce(1, *)
        if batch == 0 || m == 0 || n == 0 { return out }

        // One large product when `b` is shared by every batch entry and `a`'s rows are evenly
        // spaced across the batch (a Linear layer on [batch, seq, features]).
        if batch > 1, b.strides.dropLast(2).allSatisfy({ $0 == 0 }), let lda = foldedLeading(a) {
            let ob = operand(b.withLayout(shape: [k, n], strides: Array(b.strides.suffix(2)), offset: b.offset))
            BLAS.gemm(transA: false, transB: ob.transposed, m: batch * m, n: n, k: k, alpha: 1,
                      a: a.pointer(as: T.self), lda: lda, b: ob.tensor.pointer(as: T.self), ldb: ob.leading,
                      beta: 0, c: pc, ldc: n)
            return out
        }

        let oa = operand(a), ob = operand(b)
        let pa = oa.tensor.pointer(as: T.self), pb = ob.tensor.pointer(as: T.self)
        let sa = Array(oa.tensor.strides.dropLast(2)), sb = Array(ob.tensor.strides.dropLast(2))
        var index = [Int](repeating: 0, count: batchShape.count)
        var offA = 0, offB = 0
        for i in 0..<batch {
            BLAS.gemm(transA: oa.transposed, transB: ob.transposed, m: m, n: n, k: k, alpha: 1,
                      a: pa + offA, lda: oa.leading, b: pb + offB, ldb: ob.leading,
                      beta: 0, c: pc + i * m * n, ldc: n)
            var axis = batchShape.count - 1
            while axis >= 0 {
                index[axis] += 1
                offA += sa[axis]; offB += sb[axis]
                if index[axis] < batchShape[axis] { break }
                offA -= sa[axis] * batchShape[axis]; offB -= sb[axis] * batchShape[axis]
                index[axis] = 0
                axis -= 1
            }
        }
        return out
    }

    /// The row stride when `a`'s batch and row axes form one evenly spaced run of rows with unit
    /// column stride; nil otherwise.
    static func foldedLeading(_ a: Tensor) -> Int? {
        let r = a.rank
        let k = a.shape[r - 1]
        guard a.strides[r - 1] == 1 || k == 1 else { return nil }
        let rowStride = a.shape[r - 2] == 1 ? Swift.max(k, 1) : a.strides[r - 2]
        guard rowStride >= Swift.max(k, 1) else { return nil }
        var expected = rowStride * a.shape[r - 2]
        for axis in stride(from: r - 3, through: 0, by: -1) where a.shape[axis] != 1 {
            if a.strides[axis] != expected { return nil }
            expected *= a.shape[axis]
        }
        return rowStride
    }

    /// Integer products (exact, no BLAS): a plain triple loop.
    static func integer(_ a: Tensor, _ b: Tensor) -> Tensor {
        let r = a.rank
        let (m, k, n) = (a.shape[r - 2], a.shape[r - 1], b.shape[r - 1])
        let batchShape = Array(a.shape.dropLast(2))
        let batch = batchShape.reduce(1, *)
        let ac = a.contiguous(), bc = b.contiguous()
        let out = Tensor(uninitializedShape: batchShape + [m, n], dtype: .int64)
        let pa = ac.pointer(as: Int64.self), pb = bc.pointer(as: Int64.self), pc = out.pointer(as: Int64.self)
        for i in 0..<batch {
            for row in 0..<m {
                for col in 0..<n {
                    var s: Int64 = 0
                    for j in 0..<k { s = s &+ pa[i * m * k + row * k + j] &* pb[i * k * n + j * n + col] }
                    pc[i * m * n + row * n + col] = s
                }
            }
        }
        return out
    }
}
