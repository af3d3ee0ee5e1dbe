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
}

private struct CastFrom: ElementVisitor {
    let source: Tensor
    let target: DType
    func visit<S: TensorElement>(_: S.Type) -> Tensor { target.visit(CastTo<S>(source: source)) }
}

private struct CastTo<S: TensorElement>: ElementVisitor {
    let source: Tensor
    func visit<D: TensorElement>(_: D.Type) -> Tensor {
        if S.self == D.self {
            return ElementwiseKernels.map(source, S.self, to: D.dtype) { $0 }
        }
        if S.self == Float.self, D.self == Double.self {
            return ElementwiseKernels.map(source, Float.self, to: .float64) { Double($0) }
        }
        if S.self == Double.self, D.self == Float.self {
            return ElementwiseKernels.map(source, Double.self, to: .float32) { Float($0) }
        }
        if D.self == Bool.self {
            return ElementwiseKernels.map(source, S.self, to: .bool) { $0.kilnDouble != 0 }
        }
        if !S.dtype.isFloatingPoint && !D.dtype.isFloatingPoint {
            return ElementwiseKernels.map(source, S.self, to: D.dtype) { D(kilnInt: $0.kilnInt) }
        }
        return ElementwiseKernels.map(source, S.self, to: D.dtype) { D(kilnDouble: $0.kilnDouble) }
    }
}
