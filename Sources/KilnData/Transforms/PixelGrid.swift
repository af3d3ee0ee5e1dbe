import Kiln

/// Where the samples of an image are: its sizes and the distance, in elements, between
/// neighbouring rows, columns and channels. One description covers an `Image` (HWC) and a CHW
/// tensor, views included, so every kernel serves both layouts.
struct PixelGrid {
    var height: Int
    var width: Int
    var channels: Int
    var rowStride: Int
    var columnStride: Int
    var channelStride: Int

    /// A dense HWC layout (an `Image` the transforms create).
    static func hwc(height: Int, width: Int, channels: Int) -> PixelGrid {
        PixelGrid(height: height, width: width, channels: channels,
                  rowStride: width * channels, columnStride: channels, channelStride: 1)
    }

    /// A dense CHW layout (a tensor the transforms create).
    static func chw(height: Int, width: Int, channels: Int) -> PixelGrid {
        PixelGrid(height: height, width: width, channels: channels,
                  rowStride: width, columnStride: 1, channelStride: height * width)
    }

    var count: Int { height * width * channels }

    /// Element offset of sample (`y`, `x`, `c`).
    @inline(__always)
    func offset(_ y: Int, _ x: Int, _ c: Int) -> Int { y * rowStride + x * columnStride + c * channelStride }
}

extension Image {
    var grid: PixelGrid {
        let s = pixels.strides
        return PixelGrid(height: height, width: width, channels: channels, rowStride: s[0], columnStride: s[1], channelStride: s[2])
    }

    /// A new dense image filled by `body`, which gets the first sample as `T` (the dtype's element).
    static func make<T>(height: Int, width: Int, channels: Int, dtype: DType = .uint8, as _: T.Type,
                        _ body: (UnsafeMutablePointer<T>, PixelGrid) -> Void) -> Image {
        let (pixels, pointer) = newTensor([height, width, channels], dtype: dtype, as: T.self)
        body(pointer, .hwc(height: height, width: width, channels: channels))
        return Image(pixels: pixels)
    }

    /// Calls `body` with the first sample of this image (a view's first, not its storage's) as `T`.
    func withSamples<T, R>(as _: T.Type, _ body: (UnsafePointer<T>, PixelGrid) -> R) -> R {
        pixels.withFirstElement(as: T.self) { body($0, grid) }
    }
}

extension Tensor {
    /// The layout of a `[channels, height, width]` tensor; stops for other ranks.
    func chwGrid(_ op: String) -> PixelGrid {
        require(rank == 3, "\(op): expects a tensor image [channels, height, width], got shape \(shape)")
        return PixelGrid(height: shape[1], width: shape[2], channels: shape[0],
                         rowStride: strides[1], columnStride: strides[2], channelStride: strides[0])
    }

    /// Calls `body` with a typed pointer to element [0, 0, …] of this view.
    func withFirstElement<T, R>(as _: T.Type, _ body: (UnsafePointer<T>) -> R) -> R {
        withExtendedLifetime(self) {
            let raw = UnsafeRawPointer(storage.data) + offset * dtype.byteSize
            return body(raw.assumingMemoryBound(to: T.self))
        }
    }

    /// A new dense CHW tensor filled by `body`.
    static func makeCHW<T>(channels: Int, height: Int, width: Int, dtype: DType, as _: T.Type,
                           _ body: (UnsafeMutablePointer<T>, PixelGrid) -> Void) -> Tensor {
        let (tensor, pointer) = newTensor([channels, height, width], dtype: dtype, as: T.self)
        body(pointer, .chw(height: height, width: width, channels: channels))
        return tensor
    }
}

/// A new contiguous tensor the caller fills through the returned pointer before anyone else sees
/// the tensor (its storage is not shared yet, so writing into it is safe).
func newTensor<T>(_ shape: [Int], dtype: DType, as _: T.Type) -> (Tensor, UnsafeMutablePointer<T>) {
    precondition(MemoryLayout<T>.stride == dtype.byteSize, "newTensor: \(T.self) does not hold \(dtype) elements")
    let tensor = Tensor.zeros(shape, dtype: dtype)
    return (tensor, tensor.storage.data.assumingMemoryBound(to: T.self))
}
