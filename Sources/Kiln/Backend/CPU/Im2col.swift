/// Geometry of a sliding 2-D window over [N, C, H, W] inputs.
struct WindowGeometry: Equatable {
    let batch: Int, channels: Int, height: Int, width: Int
    let kernel: Size2D, stride: Size2D, padding: Size2D, dilation: Size2D
    let outHeight: Int, outWidth: Int

    var kernelArea: Int { kernel.h * kernel.w }
    var rows: Int { channels * kernelArea }
    var positions: Int { outHeight * outWidth }
    var imageSize: Int { channels * height * width }

    /// The same window over `count` images of the batch (for chunked kernels).
    func batch(_ count: Int) -> WindowGeometry {
        WindowGeometry(batch: count, channels: channels, height: height, width: width, kernel: kernel, stride: stride,
                       padding: padding, dilation: dilation, outHeight: outHeight, outWidth: outWidth)
    }
}

/// Unfolds image patches into columns and folds them back: the data movement that turns a
/// convolution or a pooling window into matrix rows. Columns are laid out [C·kh·kw, N, Ho·Wo], so
/// the product with the weights is one GEMM over all the images given.
enum Im2colKernel {
    /// cols[(c, i, j), n, (oh, ow)] = x[n, c, oh·sh − ph + i·dh, ow·sw − pw + j·dw] (or `padValue`).
    static func unfold<T: FloatElement>(_ x: UnsafePointer<T>, _ g: WindowGeometry, padValue: T, into cols: UnsafeMutablePointer<T>,
                                        parallel: Bool = true) {
        let (H, W, L, N) = (g.height, g.width, g.positions, g.batch)
        let (kh, kw) = (g.kernel.h, g.kernel.w)
        ThreadPool.parallelFor(parallel ? g.rows : 1, grain: Swift.max(1, 4096 / Swift.max(N * L, 1))) { chunkRange in
            let range = parallel ? chunkRange : 0..<g.rows
            for r in range {
                let c = r / (kh * kw), i = (r / kw) % kh, j = r % kw
                // The columns that fall inside the image depend only on the kernel column j.
                let iw0 = j * g.dilation.w - g.padding.w
                let (lo, hi) = validRange(iw0, g.stride.w, g.outWidth, W)
                let ih0 = i * g.dilation.h - g.padding.h
                // "Same" windows (stride 1, output as wide as the input): image and column rows
                // have one stride, so the whole plane is one shifted copy plus its padded edges.
                if g.stride.h == 1 && g.stride.w == 1 && g.outWidth == W {
                    let ohLo = Swift.max(0, -ih0), ohHi = Swift.max(ohLo, Swift.min(g.outHeight, H - ih0))
                    for n in 0..<N {
                        let src = x + (n * g.channels + c) * H * W
                        let dst = cols + (r * N + n) * L
                        (dst).initialize(repeating: padValue, count: ohLo * W)
                        (dst + ohHi * W).initialize(repeating: padValue, count: (g.outHeight - ohHi) * W)
                        guard ohHi > ohLo, hi > lo else {
                            (dst + ohLo * W).initialize(repeating: padValue, count: (ohHi - ohLo) * W)
                            continue
                        }
                        let first = ohLo * W + lo, last = (ohHi - 1) * W + hi
                        let from = src + ih0 * W + iw0
                        for d in first..<last { dst[d] = from[d] }
                        if lo > 0 || hi < W {
                            for oh in ohLo..<ohHi {
                                let row = dst + oh * W
                                for ow in 0..<lo { row[ow] = padValue }
                                for ow in hi..<W { row[ow] = padValue }
                            }
                        }
                    }
                    continue
                }
                for n in 0..<N {
                    let src = x + (n * g.channels + c) * H * W
                    var dst = cols + (r * N + n) * L
                    for oh in 0..<g.outHeight {
                        let ih = oh * g.stride.h - g.padding.h + i * g.dilation.h
                        if ih < 0 || ih >= H {
                            dst.initialize(repeating: padValue, count: g.outWidth)
                        } else {
                            let row = src + ih * W
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

    /// The adjoint of `unfold`: adds every column entry back into its image position. The
    /// columns are scratch: entries for positions outside the image may be overwritten.
    static func fold<T: FloatElement>(_ cols: UnsafeMutablePointer<T>, _ g: WindowGeometry, into x: UnsafeMutablePointer<T>,
                                      parallel: Bool = true) {
        let (H, W, L, N) = (g.height, g.width, g.positions, g.batch)
        let (kh, kw) = (g.kernel.h, g.kernel.w)
        x.initialize(repeating: 0, count: N * g.channels * H * W)
        // Each channel owns its image planes, so channels fold in parallel without conflicts.
        ThreadPool.parallelFor(parallel ? g.channels : 1, grain: 1) { chunkRange in
            let range = parallel ? chunkRange : 0..<g.channels
            for c in range {
                for i in 0..<kh {
                    for j in 0..<kw {
                        let r = (c * kh + i) * kw + j
                        let iw0 = j * g.dilation.w - g.padding.w
                        let (lo, hi) = validRange(iw0, g.stride.w, g.outWidth, W)
                        if g.stride.h == 1 && g.stride.w == 1 && g.outWidth == W {
                            // "Same" windows: one shifted add per plane, as in `unfold`. The
                            // entries that fall outside the image are zeroed first so the
                            // contiguous add leaves the neighbouring rows unchanged.
                            let ih0 = i * g.dilation.h - g.padding.h
                            let ohLo = Swift.max(0, -ih0), ohHi = Swift.max(ohLo, Swift.min(g.outHeight, H - ih0))
                            guard ohHi > ohLo, hi > lo else { continue }
                            for n in 0..<N {
                                let plane = x + (n * g.channels + c) * H * W
                                let src = cols + (r * N + n) * L
                                if lo > 0 || hi < W {
                                    for oh in ohLo..<ohHi {
                                        let row = src + oh * W
                                        for ow in 0..<lo { row[ow] = 0 }
                                        for ow in hi..<W { row[ow] = 0 }
                                    }
                                }
                                let to = plane + ih0 * W + iw0
                                for d in (ohLo * W + lo)..<((ohHi - 1) * W + hi) { to[d] += src[d] }
                            }
                            continue
                        }
                        for n in 0..<N {
                            let dstPlane = x + (n * g.channels + c) * H * W
                            var src = cols + (r * N + n) * L
                            for oh in 0..<g.outHeight {
                                let ih = oh * g.stride.h - g.padding.h + i * g.dilation.h
                                if ih >= 0 && ih < H {
                                    let row = dstPlane + ih * W
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
