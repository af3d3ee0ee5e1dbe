/// Geometry of a sliding 2-D window over [N, C, H, W] inputs.
struct WindowGeometry: Equatable {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernel: Size2D, stride: Size2D, padding: Size2D, dilation: Size2D
    let outHeight: Int, outWidth: Int

    var kernelArea: Int { kernel.h * kernel.w }
    var rows: Int { channels * kernelArea }
    var positions: Int { outHeight * outWidth }
}

/// Unfolds image patches into columns and folds them back: the data movement that turns a
/// convolution into one matrix product. Columns are laid out [C·kh·kw, N, Ho·Wo], so the product
/// with the weights is a single large GEMM over the whole batch.
enum Im2colKernel {
    /// cols[(c, i, j), n, (oh, ow)] = x[n, c, oh·sh − ph + i·dh, ow·sw − pw + j·dw] (or `padValue`).
    static func unfold<T: FloatElement>(_ x: UnsafePointer<T>, _ g: WindowGeometry, padValue: T, into cols: UnsafeMutablePointer<T>) {
        let (H, W, L, N) = (g.height, g.width, g.positions, g.batch)
        let (kh, kw) = (g.kernel.h, g.kernel.w)
        ThreadPool.parallelFor(g.rows, grain: Swift.max(1, 4096 / Swift.max(N * L, 1))) { range in
            for r in range {
                let c = r / (kh * kw), i = (r / kw) % kh, j = r % kw
                for n in 0..<N {
                    let src = x + (n * g.channels + c) * H * W
                    var dst = cols + (r * N + n) * L
                    for oh in 0..<g.outHeight {
                        let ih = oh * g.stride.h - g.padding.h + i * g.dilation.h
                        if ih < 0 || ih >= H {
                            dst.initialize(repeating: padValue, count: g.outWidth)
                        } else {
                            let row = src + ih * W
                            let iw0 = j * g.dilation.w - g.padding.w
                            let (lo, hi) = validRange(iw0, g.stride.w, g.outWidth, W)
                            for ow in 0..<lo { dst[ow] = padValue }
                            if g.stride.w == 1 {
                                let from = row + iw0
                                for ow in lo..<hi { dst[ow] = from[ow] }
                            } else {
                                for ow in lo..<hi { dst[ow] = row[iw0 + ow * g.stride.w] }
                            }
                            for ow in hi..<g.outWidth { dst[ow] = padValue }
                        }
                        dst += g.outWidth
                    }
                }
            }
        }
    }

    /// The adjoint of `unfold`: adds every column entry back into its image position.
    static func fold<T: FloatElement>(_ cols: UnsafePointer<T>, _ g: WindowGeometry, into x: UnsafeMutablePointer<T>) {
        let (H, W, L, N) = (g.height, g.width, g.positions, g.batch)
        let (kh, kw) = (g.kernel.h, g.kernel.w)
        x.initialize(repeating: 0, count: N * g.channels * H * W)
        // Each channel owns its image planes, so channels fold in parallel without conflicts.
        ThreadPool.parallelFor(g.channels, grain: 1) { range in
            for c in range {
                for i in 0..<kh {
                    for j in 0..<kw {
                        let r = (c * kh + i) * kw + j
                        for n in 0..<N {
                            let dstPlane = x + (n * g.channels + c) * H * W
                            var src = cols + (r * N + n) * L
                            for oh in 0..<g.outHeight {
                                let ih = oh * g.stride.h - g.padding.h + i * g.dilation.h
                                if ih >= 0 && ih < H {
                                    let row = dstPlane + ih * W
                                    let iw0 = j * g.dilation.w - g.padding.w
                                    let (lo, hi) = validRange(iw0, g.stride.w, g.outWidth, W)
                                    if g.stride.w == 1 {
                                        let to = row + iw0
                                        for ow in lo..<hi { to[ow] += src[ow] }
                                    } else {
                                        for ow in lo..<hi { row[iw0 + ow * g.stride.w] += src[ow] }
                                    }
                                }
                                src += g.outWidth
                            }
                        }
                    }
                }
            }
        }
    }

    /// The output columns `lo..<hi` whose input column `start + ow·stride` lies inside `0..<width`.
    @inline(__always)
    static func validRange(_ start: Int, _ stride: Int, _ count: Int, _ width: Int) -> (Int, Int) {
        let lo = start >= 0 ? 0 : Swift.min(count, (-start + stride - 1) / stride)
        let hi = start >= width ? lo : Swift.max(lo, Swift.min(count, (width - 1 - start) / stride + 1))
        return (lo, hi)
    }
}
