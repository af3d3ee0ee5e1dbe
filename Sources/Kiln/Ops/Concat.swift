// Joining and splitting along an axis.

extension Tensor {
    /// Joins tensors along an existing axis; all other axes must match. Dtypes are promoted.
    public static func concat(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        require(!tensors.isEmpty, "concat: needs at least one tensor")
        let first = tensors[0]
        let a = first.normalizedAxis(axis, op: "concat")
        let type = tensors.dropFirst().reduce(first.dtype) { $0.promoted(with: $1.dtype) }
        var outShape = first.shape
        outShape[a] = 0
        for t in tensors {
            var expected = first.shape, got = t.shape
            require(got.count == expected.count,
                    "concat: shapes \(first.shape) and \(t.shape) have different ranks")
            expected[a] = 0; got[a] = 0
            require(expected == got, "concat: shapes \(first.shape) and \(t.shape) differ outside axis \(axis)")
            outShape[a] += t.shape[a]
        }
        let out = Tensor(uninitializedShape: outShape, dtype: type)
        var start = 0
        for t in tensors {
            let n = t.shape[a]
            CopyKernel.copy(t.cast(to: type).detach(), into: out.detach().slice(axis: a, start: start, end: start + n))
            start += n
        }
        let sizes = tensors.map { $0.shape[a] }
        return record("concat", out, inputs: tensors) { g, needs in
            var offset = 0
            return zip(sizes, needs).map { n, need in
                defer { offset += n }
                return need ? g.slice(axis: a, start: offset, end: offset + n) : nil
            }
        }
    }

    /// Joins tensors of one shape along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        require(!tensors.isEmpty, "stack: needs at least one tensor")
        for t in tensors {
            require(t.shape == tensors[0].shape, "stack: shapes \(tensors[0].shape) and \(t.shape) differ")
        }
        return concat(tensors.map { $0.unsqueezed(axis: axis) }, axis: axis)
    }

    /// Views of consecutive pieces of the given sizes along `axis`.
    public func split(sizes: [Int], axis: Int = 0) -> [Tensor] {
        let a = normalizedAxis(axis, op: "split")
        require(sizes.reduce(0, +) == shape[a] && sizes.allSatisfy { $0 >= 0 },
                "split: sizes \(sizes) do not add up to \(shape[a]), the size of axis \(axis) of shape \(shape)")
        var start = 0
        return sizes.map { n in
            defer { start += n }
            return slice(axis: a, start: start, end: start + n)
        }
    }

    /// Views of pieces of `size` along `axis` (the last may be smaller), like `torch.split(x, size)`.
    public func split(size: Int, axis: Int = 0) -> [Tensor] {
        require(size > 0, "split: size must be positive, got \(size)")
        let n = shape[normalizedAxis(axis, op: "split")]
        let sizes = stride(from: 0, to: n, by: size).map { Swift.min(size, n - $0) }
        return split(sizes: sizes, axis: axis)
    }

    /// `chunks` views of near-equal size along `axis`, like `torch.chunk`.
    public func chunked(_ chunks: Int, axis: Int = 0) -> [Tensor] {
        require(chunks > 0, "chunk: chunks must be positive, got \(chunks)")
        let n = shape[normalizedAxis(axis, op: "chunk")]
        return split(size: Swift.max(1, (n + chunks - 1) / chunks), axis: axis)
    }
}
