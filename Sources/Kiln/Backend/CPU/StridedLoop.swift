/// Joint iteration over up to three strided operands (output and inputs) of one shape.
///
/// Axes are coalesced first (merged where every operand is dense across them, size-1 axes
/// dropped), so a contiguous or simply broadcast layout becomes one long inner run and the kernel's
/// inner loop sees plain pointers it can vectorise.
@usableFromInline
struct StridedLoop {
    @usableFromInline var shape: [Int]
    @usableFromInline var strides: [[Int]]

    @usableFromInline
    init(shape: [Int], strides: [[Int]]) {
        var outShape: [Int] = []
        var outStrides: [[Int]] = Array(repeating: [], count: strides.count)
        for axis in 0..<shape.count where shape[axis] != 1 {
            if let last = outShape.indices.last,
               strides.indices.allSatisfy({ outStrides[$0][last] == strides[$0][axis] * shape[axis] }) {
                outShape[last] *= shape[axis]
                for k in strides.indices { outStrides[k][last] = strides[k][axis] }
            } else {
                outShape.append(shape[axis])
                for k in strides.indices { outStrides[k].append(strides[k][axis]) }
            }
        }
        if outShape.isEmpty {
            outShape = [1]
            for k in strides.indices { outStrides[k] = [0] }
        }
        self.shape = outShape
        self.strides = outStrides
    }

    @usableFromInline var count: Int { shape.reduce(1, *) }
    @usableFromInline var innerCount: Int { shape[shape.count - 1] }
    @usableFromInline var rowCount: Int { count / innerCount }

    /// Calls `body(offsets, n, innerStrides)` for every inner run; offsets are in elements for up to
    /// three operands (missing operands read as 0). Runs are split across the pool when
    /// `count >= parallelThreshold`.
    @inlinable
    func forEachRun(
        parallelThreshold: Int = 1 << 15,
        _ body: (_ o0: Int, _ o1: Int, _ o2: Int, _ n: Int, _ s0: Int, _ s1: Int, _ s2: Int) -> Void
    ) {
        // An empty operand (a size-0 axis) has no runs; `rowCount` would divide by zero.
        if count == 0 { return }
        let n = innerCount
        let rank = shape.count
        let st0 = strides[0], st1 = strides.count > 1 ? strides[1] : Array(repeating: 0, count: rank)
        let st2 = strides.count > 2 ? strides[2] : Array(repeating: 0, count: rank)
        let is0 = st0[rank - 1], is1 = st1[rank - 1], is2 = st2[rank - 1]
        if rank == 1 {
            // One run: split it into pieces when large.
            if count >= parallelThreshold {
                ThreadPool.parallelFor(n, grain: Swift.max(parallelThreshold / 2, 1)) { r in
                    body(r.lowerBound * is0, r.lowerBound * is1, r.lowerBound * is2, r.count, is0, is1, is2)
                }
            } else {
                body(0, 0, 0, n, is0, is1, is2)
            }
            return
        }
        let rows = rowCount
        let grain = Swift.max(1, parallelThreshold / Swift.max(n, 1))
        func work(_ range: Range<Int>) {
            // Decompose the first row index, then step an odometer over the outer axes.
            var index = [Int](repeating: 0, count: rank - 1)
            var rem = range.lowerBound
            var o0 = 0, o1 = 0, o2 = 0
            for axis in stride(from: rank - 2, through: 0, by: -1) {
                index[axis] = rem % shape[axis]
                rem /= shape[axis]
                o0 += index[axis] * st0[axis]; o1 += index[axis] * st1[axis]; o2 += index[axis] * st2[axis]
            }
            for _ in range {
                body(o0, o1, o2, n, is0, is1, is2)
                var axis = rank - 2
                while axis >= 0 {
                    index[axis] += 1
                    o0 += st0[axis]; o1 += st1[axis]; o2 += st2[axis]
                    if index[axis] < shape[axis] { break }
                    o0 -= st0[axis] * shape[axis]; o1 -= st1[axis] * shape[axis]; o2 -= st2[axis] * shape[axis]
                    index[axis] = 0
                    axis -= 1
                }
            }
        }
        if count >= parallelThreshold {
            ThreadPool.parallelFor(rows, grain: grain, work)
        } else {
            work(0..<rows)
        }
    }
}
