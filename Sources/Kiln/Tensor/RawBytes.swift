/// Tensors from and to raw element bytes, for file formats (safetensors, `.npy`, ONNX raw data).
///
/// Bytes are the elements in row-major order, each in little-endian byte order — the layout of
/// those formats and the native order of every platform Kiln runs on (x86-64, arm64).
extension Tensor {
    /// A new tensor holding a copy of `bytes`, which must be exactly `shape`'s element count ×
    /// `dtype.byteSize` bytes. A bool element is `true` for any non-zero byte (files may hold
    /// other non-zero bytes than 1; Swift's `Bool` may not).
    public init(copying bytes: UnsafeRawBufferPointer, shape: [Int], dtype: DType) {
        let byteCount = Tensor.byteCount(shape: shape, dtype: dtype, op: "Tensor(copying:shape:dtype:)")
        require(byteCount == bytes.count,
                "Tensor(copying:shape:dtype:): shape \(shape) of \(dtype) needs \(byteCount) bytes, got \(bytes.count)")
        self.init(uninitializedShape: shape, dtype: dtype)
        guard byteCount > 0, let source = bytes.baseAddress else { return }
        if dtype == .bool {
            let destination = storage.data
            for i in 0..<byteCount {
                destination.storeBytes(of: source.load(fromByteOffset: i, as: UInt8.self) != 0, toByteOffset: i, as: Bool.self)
            }
        } else {
            storage.data.copyMemory(from: source, byteCount: byteCount)
        }
    }

    /// A tensor over memory Kiln does not own — typically part of a memory-mapped file — without
    /// copying. `release` runs once, with `pointer`, when the last tensor or view using the memory
    /// goes away; it unmaps or frees the memory (or drops a reference to whatever owns it).
    ///
    /// The memory must hold `byteCount` = element count × `dtype.byteSize` bytes in the layout
    /// above, be aligned to `dtype.byteSize`, hold only the bytes 0 and 1 for bool, and stay valid
    /// and unchanged until `release` runs. Kiln's ops never write into their inputs' storage (the
    /// optimizers keep their parameters in storage of their own), so read-only memory such as a
    /// `PROT_READ` mapping is fine.
    public init(externalBytes pointer: UnsafeMutableRawPointer, byteCount: Int, shape: [Int], dtype: DType,
                release: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        let op = "Tensor(externalBytes:byteCount:shape:dtype:release:)"
        let needed = Tensor.byteCount(shape: shape, dtype: dtype, op: op)
        require(needed == byteCount, "\(op): shape \(shape) of \(dtype) needs \(needed) bytes, got \(byteCount)")
        require(Int(bitPattern: pointer) % dtype.byteSize == 0,
                "\(op): the memory at \(pointer) is not aligned to the \(dtype.byteSize) bytes of \(dtype)")
        let storage = TensorStorage(external: pointer, byteCount: byteCount, release: release)
        self.init(shape: shape, strides: Shape.contiguousStrides(shape), offset: 0, dtype: dtype, storage: storage)
    }

    /// Calls `body` with this tensor's elements as raw bytes in the layout above (row-major,
    /// little-endian), copying first when the tensor is a non-contiguous view. The bytes are only
    /// valid inside `body`.
    public func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let dense = contiguous()
        return try withExtendedLifetime(dense) {
            let start = dense.storage.data + dense.offset * dense.dtype.byteSize
            return try body(UnsafeRawBufferPointer(start: start, count: dense.count * dense.dtype.byteSize))
        }
    }

    /// The bytes a contiguous tensor of `shape` and `dtype` takes, checked for negative sizes and
    /// overflow.
    private static func byteCount(shape: [Int], dtype: DType, op: String) -> Int {
        require(shape.allSatisfy { $0 >= 0 }, "\(op): negative size in shape \(shape)")
        var total = dtype.byteSize
        for size in shape {
            let (product, overflow) = total.multipliedReportingOverflow(by: size)
            require(!overflow, "\(op): shape \(shape) of \(dtype) is too large to address")
            total = product
        }
        return total
    }
}
