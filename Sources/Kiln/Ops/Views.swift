// Views: new shapes and strides over the same storage, no copy. Each records its backward as the
// inverse view (or a sum, for expand).

extension Tensor {
    /// A view with a new shape of the same number of elements (one size may be -1, inferred).
    /// Copies only when the layout cannot be expressed with strides, as `torch.reshape` does.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        let target = Tensor.resolveShape(newShape, count: count, from: shape)
        if target == shape { return self }
        let source = self
        let base = viewStrides(for: target).map { withLayout(shape: target, strides: $0, offset: offset) }
            ?? contiguous().detach().reshaped(target)
        return Tensor.record("reshape", base, inputs: [self]) { g, _ in [g.reshaped(source.shape)] }
    }

    /// `reshaped`, spelled as PyTorch's `view`.
    public func view(_ newShape: [Int]) -> Tensor { reshaped(newShape) }

    /// Merges axes `startAxis...endAxis` into one.
    public func flattened(startAxis: Int = 0, endAxis: Int = -1) -> Tensor {
        if rank == 0 { return reshaped([1]) }
        let s = normalizedAxis(startAxis, op: "flatten"), e = normalizedAxis(endAxis, op: "flatten")
        require(s <= e, "flatten: startAxis \(startAxis) comes after endAxis \(endAxis) for shape \(shape)")
        let merged = shape[s...e].reduce(1, *)
        return reshaped(Array(shape[..<s]) + [merged] + Array(shape[(e + 1)...]))
    }

    static func resolveShape(_ newShape: [Int], count: Int, from shape: [Int]) -> [Int] {
        var target = newShape
        let unknown = target.indices.filter { target[$0] == -1 }
        require(unknown.count <= 1 && target.allSatisfy({ $0 >= -1 }),
                "reshape: invalid shape \(newShape) for a tensor of shape \(shape)")
        let known = target.filter { $0 != -1 }.reduce(1, *)
        if let u = unknown.first {
            require(known > 0 && count % known == 0,
                    "reshape: shape \(newShape) is invalid for a tensor of shape \(shape) (\(count) elements)")
            target[u] = count / known
        }
        require(target.reduce(1, *) == count,
                "reshape: shape \(newShape) is invalid for a tensor of shape \(shape) (\(count) elements)")
        return target
    }

    /// Strides that express `target` over this tensor's layout without copying, if any exist
    /// (the algorithm of PyTorch's `computeStride`: split or merge runs of compatible axes).
    func viewStrides(for target: [Int]) -> [Int]? {
        if isContiguous { return Shape.contiguousStrides(target) }
        if count == 0 { return Shape.contiguousStrides(target) }
        var out = [Int](repeating: 0, count: target.count)
        var viewAxis = target.count - 1
        var chunkBase = strides.last ?? 1
        var tensorElements = 1, viewElements = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) {
            tensorElements *= shape[axis]
            if axis == 0 || (shape[axis - 1] != 1 && strides[axis - 1] != tensorElements * chunkBase) {
                while viewAxis >= 0 && (viewElements < tensorElements || target[viewAxis] == 1) {
                    out[viewAxis] = viewElements * chunkBase
                    viewElements *= target[viewAxis]
                    viewAxis -= 1
                }
                if viewElements != tensorElements { return nil }
                if axis > 0 {
                    chunkBase = strides[axis - 1]
                    tensorElements = 1
                    viewElements = 1
                }
            }
        }
        return viewAxis == -1 ? out : nil
    }

    /// Reorders the axes: axis i of the result is axis `axes[i]` of this tensor.
    public func permuted(_ axes: [Int]) -> Tensor {
        require(axes.count == rank, "permute: \(axes) does not name each axis of shape \(shape) once")
        let axes = axes.map { normalizedAxis($0, op: "permute") }
        require(Set(axes).count == rank, "permute: \(axes) does not name each axis of shape \(shape) once")
        let out = withLayout(shape: axes.map { shape[$0] }, strides: axes.map { strides[$0] }, offset: offset)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, a) in axes.enumerated() { inverse[a] = i }
        return Tensor.record("permute", out, inputs: [self]) { g, _ in [g.permuted(inverse)] }
    }

    /// Swaps two axes (default: the last two).
    public func transposed(_ axis0: Int = -2, _ axis1: Int = -1) -> Tensor {
        if rank < 2 { return self }
        var axes = Array(0..<rank)
        axes.swapAt(normalizedAxis(axis0, op: "transpose"), normalizedAxis(axis1, op: "transpose"))
        return permuted(axes)
    }

    /// The transpose of the last two axes (PyTorch's `mT`).
    public var mT: Tensor { transposed(-2, -1) }

    /// Removes axes of size 1 (all of them, or just `axis`).
    public func squeezed(axis: Int? = nil) -> Tensor {
        if let axis {
            let a = normalizedAxis(axis, op: "squeeze")
            guard shape[a] == 1 else { return self }
            var s = shape; s.remove(at: a)
            return reshaped(s)
        }
        return reshaped(shape.filter { $0 != 1 })
    }

    /// Inserts an axis of size 1 at `axis` (negative counts from the end of the result).
    public func unsqueezed(axis: Int) -> Tensor {
        let a = axis < 0 ? axis + rank + 1 : axis
        require(a >= 0 && a <= rank, "unsqueeze: axis \(axis) is out of range for shape \(shape)")
        var s = shape; s.insert(1, at: a)
        var st = strides; st.insert(a < rank ? strides[a] * shape[a] : 1, at: a)
        let out = withLayout(shape: s, strides: st, offset: offset)
        let source = shape
        return Tensor.record("unsqueeze", out, inputs: [self]) { g, _ in [g.reshaped(source)] }
    }

    /// A view broadcast to `shape` (size-1 axes repeat with stride 0; new axes are added in front).
    /// -1 keeps an axis's size. The gradient is summed back over the broadcast axes.
    public func expanded(to newShape: [Int]) -> Tensor {
        require(newShape.count >= rank, "expand: cannot expand shape \(shape) to \(newShape)")
        let lead = newShape.count - rank
        var target = newShape
        for i in 0..<rank where target[lead + i] == -1 { target[lead + i] = shape[i] }
        guard target != shape else { return self }
        for i in 0..<rank {
            require(shape[i] == target[lead + i] || shape[i] == 1,
                    "expand: cannot expand shape \(shape) to \(newShape)")
        }
        let out = withLayout(shape: target, strides: Shape.broadcastStrides(shape: shape, strides: strides, to: target), offset: offset)
        let source = shape
        return Tensor.record("expand", out, inputs: [self]) { g, _ in [g.sum(toShape: source)] }
    }

    /// `expanded(to:)` under NumPy's name.
    public func broadcast(to newShape: [Int]) -> Tensor { expanded(to: newShape) }
}
