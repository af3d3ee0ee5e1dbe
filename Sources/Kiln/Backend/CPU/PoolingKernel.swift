/// Direct 2-D pooling over contiguous [N, C, H, W] planes, parallel over planes. Max pooling
/// records the position of each window's maximum (its flat index in the plane, as PyTorch's
/// `return_indices`) so the backward pass is a scatter.
enum PoolingKernel {
    /// The input rows (or columns) `lo..<hi` of window `o` along one axis, clipped to the image.
    @inline(__always)
    static func span(_ o: Int, stride: Int, padding: Int, kernel: Int, dilation: Int, size: Int) -> (start: Int, lo: Int, hi: Int) {
        let start = o * stride - padding
        // Kernel taps i with 0 <= start + i·dilation < size.
        let lo = start >= 0 ? 0 : (-start + dilation - 1) / dilation
        let hi = Swift.min(kernel, (size - 1 - start) / dilation + 1)
        return (start, lo, Swift.max(lo, hi))
    }

    static func maxForward<T: FloatElement>(_ x: UnsafePointer<T>, _ g: WindowGeometry,
                                            out: UnsafeMutablePointer<T>, indices: UnsafeMutablePointer<Int64>) {
        let plane = g.height * g.width, outPlane = g.positions
        ThreadPool.parallelFor(g.batch * g.channels, grain: Swift.max(1, 8192 / Swift.max(outPlane * g.kernelArea, 1))) { planes in
            for p in planes {
                let src = x + p * plane, dst = out + p * outPlane, idx = indices + p * outPlane
                for oh in 0..<g.outHeight {
                    let (h0, ilo, ihi) = span(oh, stride: g.stride.h, padding: g.padding.h, kernel: g.kernel.h, dilation: g.dilation.h, size: g.height)
                    for ow in 0..<g.outWidth {
                        let (w0, jlo, jhi) = span(ow, stride: g.stride.w, padding: g.padding.w, kernel: g.kernel.w, dilation: g.dilation.w, size: g.width)
                        var best = -T.infinity, at = -1
                        // The first maximum wins; NaN wins over everything and stays, as in PyTorch.
                        search: for i in ilo..<ihi {
                            let row = (h0 + i * g.dilation.h) * g.width
                            for j in jlo..<jhi {
                                let k = row + w0 + j * g.dilation.w
                                let v = src[k]
                                if v > best || at < 0 { best = v; at = k }
                                if v.isNaN { best = v; at = k; break search }
                            }
                        }
                        dst[oh * g.outWidth + ow] = best
                        idx[oh * g.outWidth + ow] = Int64(at)
                    }
                }
            }
        }
    }

    static func maxBackward<T: FloatElement>(_ grad: UnsafePointer<T>, indices: UnsafePointer<Int64>, _ g: WindowGeometry,
                                             into dx: UnsafeMutablePointer<T>) {
        let plane = g.height * g.width, outPlane = g.positions
        ThreadPool.parallelFor(g.batch * g.channels, grain: Swift.max(1, 8192 / Swift.max(outPlane, 1))) { planes in
            for p in planes {
                let dst = dx + p * plane, gp = grad + p * outPlane, idx = indices + p * outPlane
                dst.initialize(repeating: 0, count: plane)
                for o in 0..<outPlane where idx[o] >= 0 { dst[Int(idx[o])] += gp[o] }
            }
        }
    }

    /// The divisor of window (oh, ow): the kernel area (padding included, clipped at the padded
    /// border as PyTorch does) or only the taps inside the image.
    @inline(__always)
    static func divisor(_ g: WindowGeometry, _ oh: Int, _ ow: Int, countIncludePad: Bool) -> Int {
        let (h0, ilo, ihi) = span(oh, stride: g.stride.h, padding: g.padding.h, kernel: g.kernel.h, dilation: 1, size: g.height)
        let (w0, jlo, jhi) = span(ow, stride: g.stride.w, padding: g.padding.w, kernel: g.kernel.w, dilation: 1, size: g.width)
        if !countIncludePad { return (ihi - ilo) * (jhi - jlo) }
        let rows = Swift.min(h0 + g.kernel.h, g.height + g.padding.h) - h0
        let cols = Swift.min(w0 + g.kernel.w, g.width + g.padding.w) - w0
        return rows * cols
    }

    static func averageForward<T: FloatElement>(_ x: UnsafePointer<T>, _ g: WindowGeometry, countIncludePad: Bool,
                                                out: UnsafeMutablePointer<T>) {
        let plane = g.height * g.width, outPlane = g.positions
        ThreadPool.parallelFor(g.batch * g.channels, grain: Swift.max(1, 8192 / Swift.max(outPlane * g.kernelArea, 1))) { planes in
            for p in planes {
                let src = x + p * plane, dst = out + p * outPlane
                for oh in 0..<g.outHeight {
                    let (h0, ilo, ihi) = span(oh, stride: g.stride.h, padding: g.padding.h, kernel: g.kernel.h, dilation: 1, size: g.height)
                    for ow in 0..<g.outWidth {
                        let (w0, jlo, jhi) = span(ow, stride: g.stride.w, padding: g.padding.w, kernel: g.kernel.w, dilation: 1, size: g.width)
                        var sum: T = 0
                        for i in ilo..<ihi {
                            let row = src + (h0 + i) * g.width + w0
                            for j in jlo..<jhi { sum += row[j] }
                        }
                        dst[oh * g.outWidth + ow] = sum / T(divisor(g, oh, ow, countIncludePad: countIncludePad))
                    }
                }
            }
        }
    }

    static func averageBackward<T: FloatElement>(_ grad: UnsafePointer<T>, _ g: WindowGeometry, countIncludePad: Bool,
                                                 into dx: UnsafeMutablePointer<T>) {
        let plane = g.height * g.width, outPlane = g.positions
        ThreadPool.parallelFor(g.batch * g.channels, grain: Swift.max(1, 8192 / Swift.max(outPlane * g.kernelArea, 1))) { planes in
            for p in planes {
                let dst = dx + p * plane, gp = grad + p * outPlane
                dst.initialize(repeating: 0, count: plane)
                for oh in 0..<g.outHeight {
                    let (h0, ilo, ihi) = span(oh, stride: g.stride.h, padding: g.padding.h, kernel: g.kernel.h, dilation: 1, size: g.height)
                    for ow in 0..<g.outWidth {
                        let (w0, jlo, jhi) = span(ow, stride: g.stride.w, padding: g.padding.w, kernel: g.kernel.w, dilation: 1, size: g.width)
                        let share = gp[oh * g.outWidth + ow] / T(divisor(g, oh, ow, countIncludePad: countIncludePad))
                        for i in ilo..<ihi {
                            let row = dst + (h0 + i) * g.width + w0
                            for j in jlo..<jhi { row[j] += share }
                        }
                    }
                }
            }
        }
    }
}
