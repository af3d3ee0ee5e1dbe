import Testing
@testable import Kiln

/// Checks the portable GEMM against a naive triple loop computed in Double.
struct SwiftGEMMTests {
    /// Small deterministic generator so failures reproduce.
    struct LCG {
        var state: UInt64
        mutating func next() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53) * 2 - 1
        }
    }

    typealias GEMM<T> = @Sendable (
        _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: T,
        _ a: UnsafePointer<T>, _ lda: Int, _ b: UnsafePointer<T>, _ ldb: Int,
        _ beta: T, _ c: UnsafeMutablePointer<T>, _ ldc: Int
    ) -> Void

    static let sgemm: GEMM<Float> = {
        SwiftGEMM.sgemm(transA: $0, transB: $1, m: $2, n: $3, k: $4, alpha: $5, a: $6, lda: $7,
                        b: $8, ldb: $9, beta: $10, c: $11, ldc: $12)
    }
    static let dgemm: GEMM<Double> = {
        SwiftGEMM.dgemm(transA: $0, transB: $1, m: $2, n: $3, k: $4, alpha: $5, a: $6, lda: $7,
                        b: $8, ldb: $9, beta: $10, c: $11, ldc: $12)
    }

    /// Runs one case and compares every element of C (and checks the padding of C is untouched).
    func check<T: BinaryFloatingPoint>(
        _ gemm: GEMM<T>, tolerance: Double,
        m: Int, n: Int, k: Int, transA: Bool, transB: Bool, alpha: T, beta: T,
        pad: Int = 0, nanC: Bool = false, seed: UInt64 = 1
    ) {
        var rng = LCG(state: seed &+ UInt64(m * 1_000_003 + n * 1009 + k))
        // Stored shapes: A is m×k (k×m when transposed), B is k×n (n×k when transposed).
        let (aRows, aCols) = transA ? (k, m) : (m, k)
        let (bRows, bCols) = transB ? (n, k) : (k, n)
        let lda = aCols + pad, ldb = bCols + pad, ldc = n + pad
        let a = (0..<max(1, aRows * lda)).map { _ in T(rng.next()) }
        let b = (0..<max(1, bRows * ldb)).map { _ in T(rng.next()) }
        let sentinel = T(12345)
        var c = [T](repeating: sentinel, count: max(1, m * ldc))
        for i in 0..<m { for j in 0..<n { c[i * ldc + j] = nanC ? .nan : T(rng.next()) } }
        let c0 = c

        a.withUnsafeBufferPointer { ap in
            b.withUnsafeBufferPointer { bp in
                c.withUnsafeMutableBufferPointer { cp in
                    gemm(transA, transB, m, n, k, alpha, ap.baseAddress!, lda, bp.baseAddress!, ldb,
                         beta, cp.baseAddress!, ldc)
                }
            }
        }

        var failures = 0
        a.withUnsafeBufferPointer { a in b.withUnsafeBufferPointer { b in
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0, mag = 0.0
                for p in 0..<k {
                    let av = Double(transA ? a[p * lda + i] : a[i * lda + p])
                    let bv = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                    sum += av * bv
                    mag += abs(av * bv)
                }
                var expected = Double(alpha) * sum
                mag = abs(Double(alpha)) * mag
                if beta != 0 {
                    expected += Double(beta) * Double(c0[i * ldc + j])
                    mag += abs(Double(beta) * Double(c0[i * ldc + j]))
                }
                let got = Double(c[i * ldc + j])
                if !(abs(got - expected) <= tolerance * (mag + 1)) {
                    failures += 1
                    if failures <= 3 {
                        Issue.record("""
                            \(T.self) m=\(m) n=\(n) k=\(k) tA=\(transA) tB=\(transB) α=\(alpha) β=\(beta) \
                            pad=\(pad): C[\(i),\(j)] = \(got), expected \(expected)
                            """)
                    }
                }
            }
            for j in n..<ldc where c[i * ldc + j] != sentinel {
                Issue.record("\(T.self) m=\(m) n=\(n) k=\(k): padding C[\(i),\(j)] was overwritten")
            }
        }
        }}
        #expect(failures == 0)
    }

    static let shapes: [(Int, Int, Int)] = [
        (1, 1, 1), (3, 3, 3), (1, 17, 5), (17, 1, 9), (5, 7, 1), (6, 8, 4), (7, 9, 17),
        (17, 17, 17), (13, 24, 300), (33, 65, 129), (5, 300, 40),
    ]

    func runAll<T: BinaryFloatingPoint>(_ gemm: GEMM<T>, tolerance: Double) {
        // Three variants: plain overwrite; alpha/beta with padded leading dimensions; beta == 0
        // over NaN-filled C. Small shapes run all of them, large ones rotate through them.
        var rotation = 0
        for (m, n, k) in Self.shapes {
            let large = m * n * k > 10_000
            for transA in [false, true] {
                for transB in [false, true] {
                    for variant in 0..<3 where !large || variant == rotation % 3 {
                        switch variant {
                        case 0:
                            check(gemm, tolerance: tolerance, m: m, n: n, k: k,
                                  transA: transA, transB: transB, alpha: 1, beta: 0)
                        case 1:
                            check(gemm, tolerance: tolerance, m: m, n: n, k: k,
                                  transA: transA, transB: transB, alpha: 1.5, beta: -0.75, pad: 3)
                        default:
                            check(gemm, tolerance: tolerance, m: m, n: n, k: k, transA: transA,
                                  transB: transB, alpha: -0.5, beta: 0, pad: 5, nanC: true)
                        }
                    }
                    rotation += 1
                }
            }
        }
    }

    @Test func sgemmMatchesNaive() {
        runAll(Self.sgemm, tolerance: 1e-5)
    }

    @Test func dgemmMatchesNaive() {
        runAll(Self.dgemm, tolerance: 1e-13)
    }

    @Test(arguments: [(97, 77, true, true), (101, 40, false, false), (9, 300, false, true), (20, 290, true, false)])
    func sgemmSplitAcrossThreads(m: Int, n: Int, transA: Bool, transB: Bool) {
        // Large enough (≥ 2·10⁶ multiply-adds) to be split into pieces of rows (tall C) or of
        // columns (wide, short C) when more than one thread is available, with beta == 1 and k
        // split into two cache blocks. The driver is generic, so one element type suffices
        // (debug builds of the kernel are slow).
        check(Self.sgemm, tolerance: 1e-5, m: m, n: n, k: max(270, 2_000_000 / (m * n) + 1),
              transA: transA, transB: transB, alpha: 2, beta: 1, pad: 1)
    }

    @Test(arguments: [false, true])
    func zeroKOrAlphaScalesC(nanC: Bool) {
        // k == 0 or alpha == 0: C = beta·C, and beta == 0 clears C without reading it.
        for k in [0, 4] {
            let a = [Float](repeating: 1, count: 16), b = a
            var c = [Float](repeating: nanC ? .nan : 2, count: 12)
            let alpha: Float = k == 0 ? 1 : 0
            let beta: Float = nanC ? 0 : 3
            a.withUnsafeBufferPointer { ap in
                b.withUnsafeBufferPointer { bp in
                    c.withUnsafeMutableBufferPointer { cp in
                        SwiftGEMM.sgemm(transA: false, transB: false, m: 3, n: 4, k: k, alpha: alpha,
                                        a: ap.baseAddress!, lda: max(k, 1), b: bp.baseAddress!, ldb: 4,
                                        beta: beta, c: cp.baseAddress!, ldc: 4)
                    }
                }
            }
            #expect(c == [Float](repeating: nanC ? 0 : 6, count: 12))
        }
    }
}
