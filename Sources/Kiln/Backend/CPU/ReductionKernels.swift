/// Reduction kernels. A reduction over any set of axes is brought to rows: the kept axes become
/// the row index and the reduced axes the (contiguous) row, so each kernel is a loop over a plain
/// buffer. Reductions over leading axes of a contiguous tensor (a bias gradient: sum over the
/// batch) instead accumulate whole rows into the output, with no transposing copy.
enum ReductionKernels {
    /// The layout of a reduction: `rows` outputs, each reducing `rowLength` elements.
    struct Plan {
        let input: Tensor     // contiguous, kept axes first
        let rows: Int
        let rowLength: Int
        let outputShape: [Int]  // with the reduced axes removed
    }

    static func plan(_ x: Tensor, axes: [Int]) -> Plan {
        let reduced = Set(axes)
        let kept = (0..<x.rank).filter { !reduced.contains($0) }
        let order = kept + axes.sorted()
        let permuted = order == Array(0..<x.rank) ? x : x.detach().permuted(order)
        let rows = kept.reduce(1) { $0 * x.shape[$1] }
        return Plan(input: permuted.detach().contiguous(), rows: rows,
                    rowLength: rows == 0 ? 0 : x.count / Swift.max(rows, 1), outputShape: kept.map { x.shape[$0] })
    }

    /// Runs `body(row, pointer, length)` for each row, in parallel when the work is large.
    @inline(__always)
    static func forEachRow<T>(_ plan: Plan, _: T.Type, _ body: (Int, UnsafePointer<T>, Int) -> Void) {
        let p = UnsafePointer(plan.input.pointer(as: T.self))
        let n = plan.rowLength
        let grain = Swift.max(1, (1 << 15) / Swift.max(n, 1))
        ThreadPool.parallelFor(plan.rows, grain: grain) { range in
            for r in range { body(r, p + r * n, n) }
        }
    }

    /// Sum of a contiguous run, with several independent SIMD accumulators.
    @inline(__always)
    static func sum<T: SIMDScalar & BinaryFloatingPoint>(_ p: UnsafePointer<T>, _ n: Int) -> T {
        var acc0 = SIMD8<T>(), acc1 = SIMD8<T>(), acc2 = SIMD8<T>(), acc3 = SIMD8<T>()
        var i = 0
        let raw = UnsafeRawPointer(p)
        let stride = MemoryLayout<T>.stride
        while i + 32 <= n {
            acc0 += raw.loadUnaligned(fromByteOffset: i * stride, as: SIMD8<T>.self)
            acc1 += raw.loadUnaligned(fromByteOffset: (i + 8) * stride, as: SIMD8<T>.self)
            acc2 += raw.loadUnaligned(fromByteOffset: (i + 16) * stride, as: SIMD8<T>.self)
            acc3 += raw.loadUnaligned(fromByteOffset: (i + 24) * stride, as: SIMD8<T>.self)
            i += 32
        }
        let acc = (acc0 + acc1) + (acc2 + acc3)
        var s: T = 0
        for k in 0..<8 { s += acc[k] }
        while i < n { s += p[i]; i += 1 }
        return s
    }

    /// Sums a contiguous `[outer, inner]` block over its first axis into `out[inner]`.
    @inline(__always)
    static func sumLeading<T: BinaryFloatingPoint>(_ p: UnsafePointer<T>, outer: Int, inner: Int, into out: UnsafeMutablePointer<T>) {
        let grain = Swift.max(64, (1 << 15) / Swift.max(outer, 1))
        ThreadPool.parallelFor(inner, grain: grain) { range in
            let o = out + range.lowerBound
            let n = range.count
            o.initialize(repeating: 0, count: n)
            for r in 0..<outer {
                let row = p + r * inner + range.lowerBound
                for j in 0..<n { o[j] += row[j] }
            }
        }
    }
}
