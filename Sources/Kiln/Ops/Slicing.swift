// Basic indexing: `x[1]`, `x[0..<2, 3...]`, `x[.all, .stride(0..<8, by: 2)]`, `x[.newAxis]`,
// `x[.ellipsis, 0]`. All results are views; gradients flow back into the selected positions.

/// One entry of a subscript on a tensor: `.all`, `.newAxis`, `.ellipsis`, `.stride(0..<8, by: 2)`,
/// or an integer or a range directly.
public struct TensorIndex: Sendable {
    enum Kind: Sendable {
        /// One position; the axis is removed (negative counts from the end).
        case index(Int)
        /// Python's `start:end:step`; nil bounds mean the ends.
        case range(start: Int?, end: Int?, step: Int)
        /// The whole axis (Python's `:`).
        case all
        /// A new axis of size 1 (Python's `None`).
        case newAxis
        /// As many `.all` as needed to cover the remaining axes (Python's `...`).
        case ellipsis
    }
    let kind: Kind
}

/// Values usable inside a tensor subscript: integers, ranges and `TensorIndex`.
public protocol TensorIndexConvertible {
    var tensorIndex: TensorIndex { get }
}

extension TensorIndex: TensorIndexConvertible { public var tensorIndex: TensorIndex { self } }
extension Int: TensorIndexConvertible { public var tensorIndex: TensorIndex { TensorIndex(kind: .index(self)) } }
extension Range: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(kind: .range(start: lowerBound, end: upperBound, step: 1)) }
}
extension ClosedRange: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(kind: .range(start: lowerBound, end: upperBound + 1, step: 1)) }
}
extension PartialRangeFrom: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(kind: .range(start: lowerBound, end: nil, step: 1)) }
}
extension PartialRangeUpTo: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(kind: .range(start: nil, end: upperBound, step: 1)) }
}
extension PartialRangeThrough: TensorIndexConvertible where Bound == Int {
    public var tensorIndex: TensorIndex { TensorIndex(kind: .range(start: nil, end: upperBound + 1, step: 1)) }
}

extension Tensor {
    public subscript(_ indices: any TensorIndexConvertible...) -> Tensor {
        indexed(indices.map(\.tensorIndex))
    }

    /// Applies a list of subscript entries, producing one view.
    public func indexed(_ indices: [TensorIndex]) -> Tensor {
        let consumed = indices.filter { if case .newAxis = $0.kind { false } else if case .ellipsis = $0.kind { false } else { true } }.count
        require(consumed <= rank, "index: \(consumed) indices for a tensor of shape \(shape)")
        require(indices.filter { if case .ellipsis = $0.kind { true } else { false } }.count <= 1,
                "index: at most one ellipsis is allowed")
        var outShape: [Int] = [], outStrides: [Int] = []
        var offset = self.offset
        var axis = 0
        for entry in indices {
            switch entry.kind {
            case .index(let i):
                let n = shape[axis]
                let j = i < 0 ? i + n : i
                require(j >= 0 && j < n, "index: index \(i) is out of range for axis \(axis) of size \(n) (shape \(shape))")
                offset += j * strides[axis]
                axis += 1
            case .range(let start, let end, let step):
                require(step > 0, "index: step must be positive, got \(step)")
                let (lo, count) = Tensor.sliceBounds(start: start, end: end, step: step, size: shape[axis])
                offset += lo * strides[axis]
                outShape.append(count)
                outStrides.append(strides[axis] * step)
                axis += 1
            case .all:
                outShape.append(shape[axis]); outStrides.append(strides[axis]); axis += 1
            case .newAxis:
                outShape.append(1); outStrides.append(0)
            case .ellipsis:
                let skip = rank - consumed
                for _ in 0..<skip { outShape.append(shape[axis]); outStrides.append(strides[axis]); axis += 1 }
            }
        }
        while axis < rank { outShape.append(shape[axis]); outStrides.append(strides[axis]); axis += 1 }
        let out = withLayout(shape: outShape, strides: outStrides, offset: offset)
        guard Tensor.isRecording(self) else { return out }
        return Tensor.record("index", out, inputs: [self]) { [shape, dtype] g, _ in
            [Tensor.zerosWithView(shape: shape, dtype: dtype, filledBy: g) { $0.indexed(indices) }]
        }
    }

    /// Python's slice rules: negative bounds count from the end, out-of-range bounds clamp.
    static func sliceBounds(start: Int?, end: Int?, step: Int, size: Int) -> (start: Int, count: Int) {
        func clampBound(_ v: Int?, _ fallback: Int) -> Int {
            guard let v else { return fallback }
            return Swift.min(Swift.max(v < 0 ? v + size : v, 0), size)
        }
        let lo = clampBound(start, 0), hi = clampBound(end, size)
        return (lo, hi > lo ? (hi - lo + step - 1) / step : 0)
    }

    /// Positions `start..<end` (step `step`) along `axis`, as a view.
    public func slice(axis: Int, start: Int? = nil, end: Int? = nil, step: Int = 1) -> Tensor {
        let a = normalizedAxis(axis, op: "slice")
        return indexed(Array(repeating: .all, count: a) + [.range(start: start, end: end, step: step)])
    }

    /// The sub-tensor at `index` along `axis`, with that axis removed (a view).
    public func select(axis: Int, index: Int) -> Tensor {
        let a = normalizedAxis(axis, op: "select")
        return indexed(Array(repeating: .all, count: a) + [.index(index)])
    }

    /// A zero tensor of `shape` whose view `view(zeros)` holds `values`: the gradient of a view.
    /// Its own gradient is that view of the incoming gradient.
    static func zerosWithView(shape: [Int], dtype: DType, filledBy values: Tensor, view: @escaping (Tensor) -> Tensor) -> Tensor {
        let out = Tensor.zeros(shape, dtype: dtype)
        CopyKernel.copy(values.cast(to: dtype).detach(), into: view(out))
        guard isRecording(values) else { return out }
        return record("viewGradient", out, inputs: [values]) { g, _ in [view(g)] }
    }
}

// The spellings of the entries. Declared on the protocol so they also work inside the variadic
// subscript (`x[.all, 0]`).
extension TensorIndexConvertible where Self == TensorIndex {
    public static var all: TensorIndex { TensorIndex(kind: .all) }
    public static var newAxis: TensorIndex { TensorIndex(kind: .newAxis) }
    public static var ellipsis: TensorIndex { TensorIndex(kind: .ellipsis) }
    public static func index(_ i: Int) -> TensorIndex { TensorIndex(kind: .index(i)) }
    /// Python's `start:end:step`; nil bounds mean the ends.
    public static func range(start: Int?, end: Int?, step: Int = 1) -> TensorIndex {
        TensorIndex(kind: .range(start: start, end: end, step: step))
    }
    /// Positions of `range` in steps of `step`.
    public static func stride(_ range: Range<Int>, by step: Int) -> TensorIndex {
        TensorIndex(kind: .range(start: range.lowerBound, end: range.upperBound, step: step))
    }
}
