extension Tensor {
    /// This tensor converted to `dtype` (a new contiguous tensor; `self` when the dtype is the same).
    /// Float to integer truncates toward zero; to bool tests for non-zero. Differentiable between
    /// floating-point types.
    public func cast(to dtype: DType) -> Tensor {
        if dtype == self.dtype { return self }
        let out = self.dtype.visit(CastFrom(source: self, target: dtype))
        guard self.dtype.isFloatingPoint && dtype.isFloatingPoint else { return out }
        let source = self.dtype
        return Tensor.record("cast", out, inputs: [self]) { g, _ in [g.cast(to: source)] }
    }

    /// A contiguous tensor with the same values: `self` if already contiguous, else a copy.
    public func contiguous() -> Tensor {
        if isContiguous { return self }
        let out = dtype.visit(CastFrom(source: self, target: dtype))
        return Tensor.record("contiguous", out, inputs: [self]) { g, _ in [g] }
    }

    /// A fresh contiguous copy that never aliases `self`, cut from the autograd graph: for
    /// storage that is then written in place (parameters, optimizer state, kernel outputs).
    func copied() -> Tensor {
        let out = Tensor(uninitializedShape: shape, dtype: dtype)
        CopyKernel.copy(detach(), into: out)
        return out
    }
}

private struct CastFrom: ElementVisitor {
    let source: Tensor
    let target: DType
    func visit<S: TensorElement>(_: S.Type) -> Tensor { target.visit(CastTo<S>(source: source)) }
}

private struct CastTo<S: TensorElement>: ElementVisitor {
    let source: Tensor
    func visit<D: TensorElement>(_: D.Type) -> Tensor {
        ElementwiseKernels.map(source, to: D.dtype, Convert<S, D>())
    }
}

/// One element converted from `S` to `D`. The type tests fold away when the kernel is
/// specialised, leaving one conversion per pair of types.
private struct Convert<S: TensorElement, D: TensorElement>: ElementMap {
    @inline(__always) func callAsFunction(_ x: S) -> D {
        if S.self == D.self { return unsafeBitCast(x, to: D.self) }
        if S.self == Float.self, D.self == Double.self {
            return unsafeBitCast(Double(unsafeBitCast(x, to: Float.self)), to: D.self)
        }
        if S.self == Double.self, D.self == Float.self {
            return unsafeBitCast(Float(unsafeBitCast(x, to: Double.self)), to: D.self)
        }
        if D.self == Bool.self { return unsafeBitCast(x.kilnDouble != 0, to: D.self) }
        if !S.dtype.isFloatingPoint && !D.dtype.isFloatingPoint { return D(kilnInt: x.kilnInt) }
        return D(kilnDouble: x.kilnDouble)
    }
}
