extension Tensor {
    /// A tensor holding `scalars` (row-major) with `shape` (default: one axis of `scalars.count`).
    public init<T: TensorElement>(_ scalars: [T], shape: [Int]? = nil) {
        let shape = shape ?? [scalars.count]
        require(shape.allSatisfy { $0 >= 0 } && shape.reduce(1, *) == scalars.count,
                "Tensor: shape \(shape) needs \(shape.reduce(1, *)) scalars, got \(scalars.count)")
        self.init(uninitializedShape: shape, dtype: T.dtype)
        let p = pointer(as: T.self)
        scalars.withUnsafeBufferPointer { p.update(from: $0.baseAddress!, count: scalars.count) }
    }

    /// A 2-D tensor from rows of equal length.
    public init<T: TensorElement>(_ rows: [[T]]) {
        let width = rows.first?.count ?? 0
        require(rows.allSatisfy { $0.count == width }, "Tensor: rows have different lengths")
        self.init(rows.flatMap { $0 }, shape: [rows.count, width])
    }

    /// A 0-d tensor holding one number.
    public init(_ value: Double, dtype: DType = .float32) {
        self = Tensor.full([], value, dtype: dtype)
    }

    /// A tensor of `shape` filled with `value` (converted to `dtype`).
    public static func full(_ shape: [Int], _ value: Double, dtype: DType = .float32) -> Tensor {
        require(shape.allSatisfy { $0 >= 0 }, "full: negative size in shape \(shape)")
        return dtype.visit(Fill(shape: shape, value: value))
    }

    public static func zeros(_ shape: [Int], dtype: DType = .float32) -> Tensor { full(shape, 0, dtype: dtype) }
    public static func ones(_ shape: [Int], dtype: DType = .float32) -> Tensor { full(shape, 1, dtype: dtype) }
    public static func zeros(like t: Tensor) -> Tensor { full(t.shape, 0, dtype: t.dtype) }
    public static func ones(like t: Tensor) -> Tensor { full(t.shape, 1, dtype: t.dtype) }
    public static func full(like t: Tensor, _ value: Double) -> Tensor { full(t.shape, value, dtype: t.dtype) }

    /// Values from `start` up to (not including) `end` in steps of `step`, like `torch.arange`.
    /// Without a dtype the result is int64 when all three numbers are integral, else float32
    /// (PyTorch infers it from its arguments the same way).
    public static func arange(_ start: Double = 0, _ end: Double, step: Double = 1, dtype: DType? = nil) -> Tensor {
        require(step != 0, "arange: step must be non-zero")
        let dtype = dtype ?? ([start, end, step].allSatisfy { $0.rounded() == $0 } ? .int64 : .float32)
        let n = Swift.max(0, Int(((end - start) / step).rounded(.up)))
        return dtype.visit(Generate(count: n) { start + Double($0) * step })
    }

    /// `count` evenly spaced values from `start` to `end` inclusive, like `torch.linspace`.
    public static func linspace(_ start: Double, _ end: Double, count: Int, dtype: DType = .float32) -> Tensor {
        require(count >= 0, "linspace: count must be non-negative, got \(count)")
        let step = count > 1 ? (end - start) / Double(count - 1) : 0
        // Fill from both ends, as PyTorch does, so the last value is exactly `end`; a single
        // point is `start`, as in PyTorch.
        let half = count == 1 ? 1 : count / 2
        return dtype.visit(Generate(count: count) { i in
            i < half ? start + step * Double(i) : end - step * Double(count - 1 - i)
        })
    }

    /// The identity matrix with `rows` rows and `columns` columns (default square).
    public static func eye(_ rows: Int, _ columns: Int? = nil, dtype: DType = .float32) -> Tensor {
        let cols = columns ?? rows
        return dtype.visit(Generate(count: rows * cols) { i in i / cols == i % cols ? 1 : 0 }).reshaped([rows, cols])
    }

    /// The elements in row-major order, converted to `T` if the dtype differs.
    public func scalars<T: TensorElement>(as _: T.Type = T.self) -> [T] {
        let t = (dtype == T.dtype ? self : cast(to: T.dtype)).contiguous()
        return Array(UnsafeBufferPointer(start: t.pointer(as: T.self), count: t.count))
    }

    /// The value of a single-element tensor.
    public func scalar<T: TensorElement>(as _: T.Type = T.self) -> T {
        require(count == 1, "scalar: the tensor has shape \(shape), not a single element")
        return scalars(as: T.self)[0]
    }

    /// The value of a single-element tensor as a Double (PyTorch's `item()`).
    public func item() -> Double { scalar(as: Double.self) }
}

private struct Fill: ElementVisitor {
    let shape: [Int]
    let value: Double
    func visit<T: TensorElement>(_: T.Type) -> Tensor {
        let t = Tensor(uninitializedShape: shape, dtype: T.dtype)
        let v = T(kilnDouble: value)
        t.pointer(as: T.self).initialize(repeating: v, count: t.count)
        return t
    }
}

private struct Generate: ElementVisitor {
    let count: Int
    let value: (Int) -> Double
    func visit<T: TensorElement>(_: T.Type) -> Tensor {
        let t = Tensor(uninitializedShape: [count], dtype: T.dtype)
        let p = t.pointer(as: T.self)
        for i in 0..<count { p[i] = T(kilnDouble: value(i)) }
        return t
    }
}
