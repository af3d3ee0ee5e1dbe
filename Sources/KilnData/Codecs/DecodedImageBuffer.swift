import Kiln

/// Freshly allocated pixel memory that becomes an `Image` without a copy. The tensor owns the
/// memory from the start, so an error thrown while decoding into it frees it.
struct DecodedImageBuffer {
    let image: Image
    let base: UnsafeMutableRawPointer

    /// [height, width, channels] samples of `dtype` (uint8, or int32 for 16-bit samples); the
    /// caller has checked that the byte count does not overflow.
    init(height: Int, width: Int, channels: Int, dtype: DType, byteCount: Int) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(byteCount, 1), alignment: 64)
        base = memory
        let pixels = Tensor(externalBytes: memory, byteCount: byteCount, shape: [height, width, channels], dtype: dtype,
                            release: { $0.deallocate() })
        image = Image(pixels: pixels)
    }
}
