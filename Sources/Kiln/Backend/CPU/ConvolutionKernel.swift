/// 2-D convolution as im2col + GEMM, a few images at a time.
///
/// Unfolding the whole batch at once writes (and the products then re-read) C·kh·kw times the
/// input — 14 MB for a batch of 64 × 32 × 14 × 14 with a 3 × 3 kernel — which makes the data
/// movement, not the arithmetic, the cost. Instead, each pool thread takes chunks of images
/// small enough to stay in its L2 cache and runs the whole pipeline on them (unfold, a
/// single-threaded product, write-back), so the columns stay hot and no phase waits for the other
/// core. The backward pass unfolds again instead of keeping the columns from the forward pass.
enum ConvolutionKernel {
    /// Output channels and weight groups of a convolution over `geometry`.
    struct Layout {
        let geometry: WindowGeometry
        let outChannels: Int
        let groups: Int

        var groupOut: Int { outChannels / groups }
        /// Columns per group: (C / groups)·kh·kw.
        var groupRows: Int { geometry.rows / groups }
        var positions: Int { geometry.positions }

        /// Images per chunk: about 1 MiB of columns, so a chunk stays in its core's L2 cache; at
        /// least one image.
        func chunkSize<T>(_: T.Type) -> Int {
            let perImage = geometry.rows * positions * MemoryLayout<T>.stride
            return Swift.max(1, Swift.min(geometry.batch, (1 << 20) / Swift.max(perImage, 1)))
        }
    }

    /// Scratch memory from the buffer cache, returned when `body` ends.
    static func withScratch<T, R>(_: T.Type, count: Int, _ body: (UnsafeMutablePointer<T>) -> R) -> R {
        let (raw, capacity) = BufferCache.shared.allocate(byteCount: Swift.max(count, 1) * MemoryLayout<T>.stride)
        defer { BufferCache.shared.release(raw, capacity: capacity) }
        return body(raw.assumingMemoryBound(to: T.self))
    }

    /// out[N, O, L] = weight ⋆ x (+ bias). Each pool thread takes whole chunks of images.
    static func forward<T: FloatElement>(
        x: UnsafePointer<T>, weight: UnsafePointer<T>, bias: UnsafePointer<T>?,
        out: UnsafeMutablePointer<T>, _ layout: Layout
    ) {
        let g = layout.geometry, L = layout.positions, O = layout.outChannels
        let chunk = layout.chunkSize(T.self)
        let chunks = (g.batch + chunk - 1) / chunk
        BLAS.withSingleThreadedLibrary {
            ThreadPool.parallelFor(chunks, grain: 1) { range in
                withScratch(T.self, count: g.rows * chunk * L) { cols in
                    withScratch(T.self, count: O * chunk * L) { product in
                        for c in range {
                            let n0 = c * chunk, nb = Swift.min(chunk, g.batch - n0), width = nb * L
                            Im2colKernel.unfold(x + n0 * g.imageSize, g.batch(nb), padValue: 0, into: cols, parallel: false)
                            for group in 0..<layout.groups {
                                BLAS.gemm(transA: false, transB: false, m: layout.groupOut, n: width, k: layout.groupRows, alpha: 1,
                                          a: weight + group * layout.groupOut * layout.groupRows, lda: layout.groupRows,
                                          b: cols + group * layout.groupRows * width, ldb: width,
                                          beta: 0, c: product + group * layout.groupOut * width, ldc: width)
                            }
                            // [O, nb, L] → out[n0 + i, O, L], adding the bias on the way.
                            let target = out + n0 * O * L
                            for o in 0..<O {
                                let b = bias?[o] ?? 0
                                for i in 0..<nb {
                                    let src = product + o * width + i * L, dst = target + (i * O + o) * L
                                    for l in 0..<L { dst[l] = src[l] + b }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Gradients of `forward` for the given output gradient; each pointer that is nil is skipped.
    /// `gradWeight`, `gradBias` and `gradInput` are overwritten. Each pool thread takes whole
    /// chunks and keeps its own weight and bias sums, added up in piece order at the end, so the
    /// result is the same on every run with the same thread count.
    static func backward<T: FloatElement & SIMDScalar>(
        x: UnsafePointer<T>, weight: UnsafePointer<T>, gradOut: UnsafePointer<T>,
        gradInput: UnsafeMutablePointer<T>?, gradWeight: UnsafeMutablePointer<T>?, gradBias: UnsafeMutablePointer<T>?,
        _ layout: Layout
    ) {
        let g = layout.geometry, L = layout.positions, O = layout.outChannels
        let chunk = layout.chunkSize(T.self)
        let chunks = (g.batch + chunk - 1) / chunk
        let pieces = ThreadPool.pieces(chunks, grain: 1)
        let weightCount = O * layout.groupRows
        // One weight-gradient and one bias-gradient slot per piece.
        withScratch(T.self, count: pieces * (weightCount + O)) { partials in
            BLAS.withSingleThreadedLibrary {
                ThreadPool.parallelPieces(chunks, grain: 1) { piece, range in
                    let dW = partials + piece * weightCount, dB = partials + pieces * weightCount + piece * O
                    dB.initialize(repeating: 0, count: O)
                    withScratch(T.self, count: g.rows * chunk * L) { cols in
                        withScratch(T.self, count: O * chunk * L) { gradChunk in
                            for c in range {
                                let n0 = c * chunk, nb = Swift.min(chunk, g.batch - n0), width = nb * L
                                // gradOut[n0 + i, O, L] → [O, nb, L], summing the bias gradient on the way.
                                let source = gradOut + n0 * O * L
                                for o in 0..<O {
                                    for i in 0..<nb {
                                        let src = source + (i * O + o) * L, dst = gradChunk + o * width + i * L
                                        for l in 0..<L { dst[l] = src[l] }
                                    }
                                    dB[o] += ReductionKernels.sum(UnsafePointer(gradChunk + o * width), width)
                                }
                                if gradWeight != nil {
                                    Im2colKernel.unfold(x + n0 * g.imageSize, g.batch(nb), padValue: 0, into: cols, parallel: false)
                                    for group in 0..<layout.groups {
                                        BLAS.gemm(transA: false, transB: true, m: layout.groupOut, n: layout.groupRows, k: width, alpha: 1,
                                                  a: gradChunk + group * layout.groupOut * width, lda: width,
                                                  b: cols + group * layout.groupRows * width, ldb: width,
                                                  beta: c == range.lowerBound ? 0 : 1, c: dW + group * layout.groupOut * layout.groupRows,
                                                  ldc: layout.groupRows)
                                    }
                                }
                                if let gradInput {
                                    for group in 0..<layout.groups {
                                        BLAS.gemm(transA: true, transB: false, m: layout.groupRows, n: width, k: layout.groupOut, alpha: 1,
                                                  a: weight + group * layout.groupOut * layout.groupRows, lda: layout.groupRows,
                                                  b: gradChunk + group * layout.groupOut * width, ldb: width,
                                                  beta: 0, c: cols + group * layout.groupRows * width, ldc: width)
                                    }
                                    Im2colKernel.fold(cols, g.batch(nb), into: gradInput + n0 * g.imageSize, parallel: false)
                                }
                            }
                        }
                    }
                }
            }
            // Combine the pieces in order.
            if let gradWeight {
                gradWeight.update(from: partials, count: weightCount)
                for p in 1..<pieces { for i in 0..<weightCount { gradWeight[i] += partials[p * weightCount + i] } }
            }
            if let gradBias {
                let biases = partials + pieces * weightCount
                gradBias.update(from: biases, count: O)
                for p in 1..<pieces { for o in 0..<O { gradBias[o] += biases[p * O + o] } }
            }
        }
    }
}
