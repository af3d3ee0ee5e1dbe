// Indexing with index tensors: gather, scatter, indexSelect, where, maskedFill, oneHot.

extension Tensor {
    /// `out[i][j][k] = self[i][index[i][j][k]][k]` for axis 1 (and likewise for any axis), like
    /// `torch.gather`. `index` has the rank of `self` and no larger sizes off `axis`.
    public func gathering(alongAxis axis: Int, index: Tensor) -> Tensor {
        let a = normalizedAxis(axis, op: "gather")
        Tensor.checkIndex(index, for: self, axis: a, op: "gather")
        let out = dtype.visit(GatherKernel(source: self, index: index.cast(to: .int64), axis: a))
        let inputShape = shape
        return Tensor.record("gather", out, inputs: [self]) { g, _ in
            [Tensor.zeros(inputShape, dtype: g.dtype).scatteringAdd(alongAxis: a, index: index, source: g)]
        }
    }

    /// A copy of `self` with `source[i][j][k]` written at `[i][index[i][j][k]][k]` (axis 1).
    public func scattering(alongAxis axis: Int, index: Tensor, source: Tensor) -> Tensor {
        scatter(axis: axis, index: index, source: source, accumulate: false)
    }

    /// A copy of `self` with `source[i][j][k]` added at `[i][index[i][j][k]][k]` (axis 1);
    /// repeated indices accumulate.
    public func scatteringAdd(alongAxis axis: Int, index: Tensor, source: Tensor) -> Tensor {
        scatter(axis: axis, index: index, source: source, accumulate: true)
    }

    private func scatter(axis: Int, index: Tensor, source: Tensor, accumulate: Bool) -> Tensor {
        let op = accumulate ? "scatterAdd" : "scatter"
        let a = normalizedAxis(axis, op: op)
        Tensor.checkIndex(index, for: self, axis: a, op: op)
        require(source.rank == rank && zip(index.shape, source.shape).allSatisfy { $0 <= $1 },
                "\(op): index shape \(index.shape) does not fit source shape \(source.shape)")
        let index64 = index.cast(to: .int64)
        let out = copied()
        dtype.visit(ScatterKernel(target: out, index: index64, source: source.cast(to: dtype), axis: a, accumulate: accumulate))
        return Tensor.record(op, out, inputs: [self, source]) { g, needs in
            let gSelf: Tensor? = needs[0]
                ? (accumulate ? g : g.scattering(alongAxis: a, index: index64, source: Tensor.zeros(index64.shape, dtype: g.dtype)))
                : nil
            let gSource: Tensor? = needs[1] ? Tensor.paddedGather(g, axis: a, index: index64, to: source.shape) : nil
            return [gSelf, gSource]
        }
    }

    /// The gradient for a scatter source: gathered values, zero-padded where the source is larger
    /// than the index.
    private static func paddedGather(_ g: Tensor, axis: Int, index: Tensor, to shape: [Int]) -> Tensor {
        let gathered = g.gathering(alongAxis: axis, index: index)
        if gathered.shape == shape { return gathered }
        return zerosWithView(shape: shape, dtype: g.dtype, filledBy: gathered) { t in
            t.indexed(index.shape.map { .range(start: 0, end: $0, step: 1) })
        }
    }

    static func checkIndex(_ index: Tensor, for t: Tensor, axis: Int, op: String) {
        require(!index.dtype.isFloatingPoint && index.dtype != .bool,
                "\(op): index must be an integer tensor, not \(index.dtype)")
        require(index.rank == t.rank, "\(op): index shape \(index.shape) must have the rank of shape \(t.shape)")
        for d in 0..<t.rank where d != axis {
            require(index.shape[d] <= t.shape[d],
                    "\(op): index shape \(index.shape) is larger than shape \(t.shape) off axis \(axis)")
        }
    }

    /// The entries at `indices` (a 1-D integer tensor) along `axis`, like `torch.index_select`.
    public func indexSelect(axis: Int, indices: Tensor) -> Tensor {
        let a = normalizedAxis(axis, op: "indexSelect")
        require(indices.rank == 1, "indexSelect: indices must be 1-D, got shape \(indices.shape)")
        var outShape = shape
        outShape[a] = indices.shape[0]
        var viewShape = Array(repeating: 1, count: rank)
        viewShape[a] = indices.shape[0]
        return gathering(alongAxis: a, index: indices.reshaped(viewShape).expanded(to: outShape))
    }

    /// `value` where `mask` is true, else `self` (mask broadcasts), like `masked_fill`.
    public func maskedFill(_ mask: Tensor, with value: Double) -> Tensor {
        Tensor.where(mask, Tensor.full([], value, dtype: dtype), self)
    }

    /// One-hot encoding of integer class indices: shape `shape + [numClasses]`, int64.
    /// `numClasses` defaults to the largest index + 1.
    public func oneHot(numClasses: Int? = nil) -> Tensor {
        require(!dtype.isFloatingPoint, "oneHot: indices must be integers, not \(dtype)")
        let n = numClasses ?? Int(max().item()) + 1
        let lo = min().item(), hi = max().item()
        require(lo >= 0 && hi < Double(n), "oneHot: class indices must lie in [0, \(n)), got values from \(Int(lo)) to \(Int(hi))")
        return (unsqueezed(axis: -1) .== Tensor.arange(0, Double(n))).cast(to: .int64)
    }
}

extension Tensor {
    /// Elements of `a` where `condition` is true, else of `b`; all three broadcast.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = Shape.broadcast(Shape.broadcast(condition.shape, a.shape, op: "where"), b.shape, op: "where")
        let type = a.dtype.promoted(with: b.dtype)
        let (ca, cb, cond) = (a.cast(to: type), b.cast(to: type), condition.cast(to: .bool))
        let out = type.visit(WhereKernel(condition: cond, a: ca, b: cb, shape: shape))
        guard isRecording(a, b) else { return out }
        return record("where", out, inputs: [a, b]) { g, needs in
            let zero = Tensor.zeros([], dtype: g.dtype)
            return [needs[0] ? Tensor.where(cond, g, zero).sum(toShape: a.shape) : nil,
                    needs[1] ? Tensor.where(cond, zero, g).sum(toShape: b.shape) : nil]
        }
    }
}

private struct Select<T>: ElementZip3 {
    @inline(__always) func callAsFunction(_ c: Bool, _ a: T, _ b: T) -> T { c ? a : b }
}

private struct WhereKernel: ElementVisitor {
    let condition: Tensor, a: Tensor, b: Tensor, shape: [Int]
    func visit<T: TensorElement>(_: T.Type) -> Tensor {
        ElementwiseKernels.zip3(condition, a, b, shape: shape, to: T.dtype, Select<T>())
    }
}

/// Walks every position of `index` (any layout), giving the offsets of the index entry, of the
/// same position in a second tensor (by its strides), and the position's coordinates.
private func forEachIndexPosition(_ index: Tensor, other strides: [Int], _ body: (_ indexOffset: Int, _ otherOffset: Int, _ coordinates: [Int]) -> Void) {
    let shape = index.shape
    let total = index.count
    if total == 0 { return }
    var coords = [Int](repeating: 0, count: shape.count)
    var oi = 0, oo = 0
    for _ in 0..<total {
        body(oi, oo, coords)
        var d = shape.count - 1
        while d >= 0 {
            coords[d] += 1
            oi += index.strides[d]; oo += strides[d]
            if coords[d] < shape[d] { break }
            oi -= index.strides[d] * shape[d]; oo -= strides[d] * shape[d]
            coords[d] = 0
            d -= 1
        }
    }
}

private struct GatherKernel: ElementVisitor {
    let source: Tensor, index: Tensor, axis: Int
    func visit<T: TensorElement>(_: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: index.shape, dtype: T.dtype)
        let ps = source.pointer(as: T.self), pi = index.pointer(as: Int64.self), po = out.pointer(as: T.self)
        let size = source.shape[axis]
        forEachIndexPosition(index, other: source.strides) { oi, os, coords in
            let j = Int(pi[oi])
            let k = j < 0 ? j + size : j
            require(k >= 0 && k < size, "gather: index \(j) is out of range for axis \(axis) of size \(size)")
            // `os` points at coordinate coords[axis] along the axis; move to k instead.
            po[linearIndex(coords, out.strides)] = ps[os + (k - coords[axis]) * source.strides[axis]]
        }
        return out
    }
}

private struct ScatterKernel: ElementVisitor {
    let target: Tensor, index: Tensor, source: Tensor, axis: Int, accumulate: Bool
    func visit<T: TensorElement>(_: T.Type) {
        let pt = target.pointer(as: T.self), pi = index.pointer(as: Int64.self), ps = source.pointer(as: T.self)
        let size = target.shape[axis]
        forEachIndexPosition(index, other: target.strides) { oi, ot, coords in
            let j = Int(pi[oi])
            let k = j < 0 ? j + size : j
            require(k >= 0 && k < size, "scatter: index \(j) is out of range for axis \(axis) of size \(size)")
            let dst = ot + (k - coords[axis]) * target.strides[axis]
            let value = ps[linearIndex(coords, source.strides)]
            if accumulate {
                pt[dst] = T(kilnDouble: pt[dst].kilnDouble + value.kilnDouble)
            } else {
                pt[dst] = value
            }
        }
    }
}

@inline(__always)
private func linearIndex(_ coords: [Int], _ strides: [Int]) -> Int {
    var s = 0
    for d in 0..<coords.count { s += coords[d] * strides[d] }
    return s
}
