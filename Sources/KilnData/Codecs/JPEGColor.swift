/// Chroma upsampling and colour conversion as libjpeg does them by default (jdsample.c "fancy"
/// upsampling, jdcolor.c fixed-point YCbCr → RGB), so output matches Pillow's.
enum JPEGUpsampling {
    /// How one component's samples become full-resolution rows.
    enum Method: Equatable {
        /// Same resolution as the image.
        case full
        /// Twice as wide: triangular filter (3/4 nearer + 1/4 further sample).
        case h2v1Fancy
        /// Twice as tall: triangular filter between rows.
        case h1v2Fancy
        /// Twice as wide and tall: triangular filter in both directions.
        case h2v2Fancy
        /// Integer factors: each sample repeated (libjpeg's int_upsample, and its plain 2× upsamplers).
        case replicate(horizontal: Int, vertical: Int)
    }

    /// The method libjpeg picks for a component whose samples are `horizontal` × `vertical`
    /// times coarser than the image's, `sampledWidth` samples wide.
    static func method(horizontal: Int, vertical: Int, sampledWidth: Int) -> Method {
        switch (horizontal, vertical) {
        case (1, 1): .full
        case (2, 1) where sampledWidth > 2: .h2v1Fancy
        case (1, 2): .h1v2Fancy
        case (2, 2) where sampledWidth > 2: .h2v2Fancy
        default: .replicate(horizontal: horizontal, vertical: vertical)
        }
    }

    /// Full-resolution row `y` of a component plane (`sampledWidth` × `sampledHeight` valid
    /// samples, rows `stride` apart): the plane row itself, or `scratch` filled with at least
    /// `width` samples. Neighbours beyond the plane's edges repeat the edge samples, as in libjpeg.
    @inline(__always)
    static func row(_ y: Int, method: Method, plane: UnsafePointer<UInt8>, stride: Int, sampledWidth: Int, sampledHeight: Int,
                    width: Int, scratch: UnsafeMutablePointer<UInt8>) -> UnsafePointer<UInt8> {
        switch method {
        case .full:
            return plane + y * stride
        case .h2v1Fancy:
            let input = plane + y * stride, n = sampledWidth
            scratch[0] = input[0]
            scratch[1] = UInt8(truncatingIfNeeded: (Int(input[0]) * 3 + Int(input[1]) + 2) >> 2)
            var j = 1
            while j < n - 1 {
                let value = Int(input[j]) * 3
                scratch[2 * j] = UInt8(truncatingIfNeeded: (value + Int(input[j - 1]) + 1) >> 2)
                scratch[2 * j + 1] = UInt8(truncatingIfNeeded: (value + Int(input[j + 1]) + 2) >> 2)
                j += 1
            }
            scratch[2 * n - 2] = UInt8(truncatingIfNeeded: (Int(input[n - 1]) * 3 + Int(input[n - 2]) + 1) >> 2)
            scratch[2 * n - 1] = input[n - 1]
            return UnsafePointer(scratch)
        case .h1v2Fancy:
            let i = y >> 1, lower = y & 1 == 1
            let other = lower ? Swift.min(i + 1, sampledHeight - 1) : Swift.max(i - 1, 0)
            let near = plane + i * stride, far = plane + other * stride, bias = lower ? 2 : 1
            for x in 0..<sampledWidth {
                scratch[x] = UInt8(truncatingIfNeeded: (Int(near[x]) * 3 + Int(far[x]) + bias) >> 2)
            }
            return UnsafePointer(scratch)
        case .h2v2Fancy:
            let i = y >> 1, lower = y & 1 == 1
            let other = lower ? Swift.min(i + 1, sampledHeight - 1) : Swift.max(i - 1, 0)
            let near = plane + i * stride, far = plane + other * stride, n = sampledWidth
            var this = Int(near[0]) * 3 + Int(far[0])
            var next = Int(near[1]) * 3 + Int(far[1])
            scratch[0] = UInt8(truncatingIfNeeded: (this * 4 + 8) >> 4)
            scratch[1] = UInt8(truncatingIfNeeded: (this * 3 + next + 7) >> 4)
            var last = this
            this = next
            var j = 2
            while j < n {
                next = Int(near[j]) * 3 + Int(far[j])
                scratch[2 * j - 2] = UInt8(truncatingIfNeeded: (this * 3 + last + 8) >> 4)
                scratch[2 * j - 1] = UInt8(truncatingIfNeeded: (this * 3 + next + 7) >> 4)
                last = this
                this = next
                j += 1
            }
            scratch[2 * n - 2] = UInt8(truncatingIfNeeded: (this * 3 + last + 8) >> 4)
            scratch[2 * n - 1] = UInt8(truncatingIfNeeded: (this * 4 + 7) >> 4)
            return UnsafePointer(scratch)
        case let .replicate(horizontal, vertical):
            let input = plane + (y / vertical) * stride
            if horizontal == 1 { return input }
            for x in 0..<width { scratch[x] = input[x / horizontal] }
            return UnsafePointer(scratch)
        }
    }
}

/// libjpeg's YCbCr → RGB conversion (jdcolor.c): 16-bit fixed-point tables indexed by the
/// chroma samples.
struct JPEGColorTables {
    let crToR: [Int32]
    let cbToB: [Int32]
    /// Cr's and Cb's contributions to green, still scaled by 2^16 (Cb's includes the rounding half).
    let crToG: [Int32]
    let cbToG: [Int32]

    static let shared = JPEGColorTables()

    private init() {
        func fix(_ x: Double) -> Int { Int(x * 65536 + 0.5) }
        let half = 1 << 15
        let centred = (0..<256).map { $0 - 128 }
        crToR = centred.map { Int32((fix(1.40200) * $0 + half) >> 16) }
        cbToB = centred.map { Int32((fix(1.77200) * $0 + half) >> 16) }
        crToG = centred.map { Int32(-fix(0.71414) * $0) }
        cbToG = centred.map { Int32(-fix(0.34414) * $0 + half) }
    }

    /// Converts `width` pixels of Y, Cb, Cr rows to interleaved RGB.
    @inline(__always)
    static func convert(y: UnsafePointer<UInt8>, cb: UnsafePointer<UInt8>, cr: UnsafePointer<UInt8>, width: Int,
                        crToR: UnsafePointer<Int32>, cbToB: UnsafePointer<Int32>, crToG: UnsafePointer<Int32>,
                        cbToG: UnsafePointer<Int32>, into out: UnsafeMutablePointer<UInt8>) {
        for x in 0..<width {
            let luma = Int32(y[x]), blue = Int(cb[x]), red = Int(cr[x])
            out[3 * x] = clamp(luma + crToR[red])
            out[3 * x + 1] = clamp(luma + ((cbToG[blue] + crToG[red]) >> 16))
            out[3 * x + 2] = clamp(luma + cbToB[blue])
        }
    }

    @inline(__always)
    private static func clamp(_ v: Int32) -> UInt8 { UInt8(truncatingIfNeeded: v < 0 ? 0 : v > 255 ? 255 : v) }
}
