/// An n-dimensional array with a runtime dtype, on a device, that records operations for automatic
/// differentiation when one of its inputs requires gradients.
///
/// A value type: operations return new tensors. Views (reshape, transpose, slicing, expand) share
/// storage with the tensor they come from; `shape`, `strides` and `offset` say where the elements are.
public struct Tensor: @unchecked Sendable {
    public let shape: [Int]
    /// Distance between neighbours along each axis, in elements (0 for broadcast axes).
    public let strides: [Int]
    /// Index of the first element in `storage`, in elements.
    public let offset: Int
    public let dtype: DType
    public let storage: TensorStorage
    /// The autograd node that produced this tensor (or the leaf it is); nil when it needs no gradient.
    var gradNode: GradNode?

    init(shape: [Int], strides: [Int], offset: Int, dtype: DType, storage: TensorStorage, gradNode: GradNode? = nil) {
        self.shape = shape
        self.strides = strides
        self.offset = offset
        self.dtype = dtype
        self.storage = storage
        self.gradNode = gradNode
    }

    /// A new contiguous tensor with uninitialised elements (kernels fill it).
    init(uninitializedShape shape: [Int], dtype: DType) {
        let count = shape.reduce(1, *)
        self.init(shape: shape, strides: Shape.contiguousStrides(shape), offset: 0, dtype: dtype,
                  storage: TensorStorage(byteCount: count * dtype.byteSize))
    }

    public var device: Device { storage.device }
    public var rank: Int { shape.count }
    /// Number of elements.
    public var count: Int { shape.reduce(1, *) }
    /// Whether operations on this tensor are recorded for `backward()`.
    public var requiresGrad: Bool { gradNode != nil }

    /// Whether the elements are laid out densely in row-major order.
    public var isContiguous: Bool { Shape.isContiguous(shape: shape, strides: strides) }

    /// A view with another layout over the same storage (no autograd: callers record it).
    func withLayout(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        Tensor(shape: shape, strides: strides, offset: offset, dtype: dtype, storage: storage)
    }

    /// Typed pointer to element [0, 0, …] of this view.
    @inlinable
    func pointer<T>(as type: T.Type) -> UnsafeMutablePointer<T> {
        storage.data.assumingMemoryBound(to: T.self) + offset
    }

    /// The axis index counted from the end when negative, checked against the rank.
    public func normalizedAxis(_ axis: Int, rank: Int? = nil, op: String = "axis") -> Int {
        let r = rank ?? self.rank
        let a = axis < 0 ? axis + r : axis
        require(a >= 0 && a < Swift.max(r, 1), "\(op): axis \(axis) is out of range for a tensor of shape \(shape)")
        return a
    }
}
