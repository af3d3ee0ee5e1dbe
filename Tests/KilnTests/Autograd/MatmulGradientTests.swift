import Testing
@testable import Kiln

/// Operand shapes for a matrix product, and whether to feed each operand as the transpose of a
/// stored tensor (`.mT`, a strided view).
struct MatmulGradientCase: Sendable, CustomTestStringConvertible {
    let a: [Int], b: [Int]
    var transposeA = false, transposeB = false
    var testDescription: String {
        "\(a)\(transposeA ? ".mT" : "") · \(b)\(transposeB ? ".mT" : "")"
    }
}

let matmulGradientCases: [MatmulGradientCase] = [
    MatmulGradientCase(a: [4], b: [4]),                 // dot product, 0-d result
    MatmulGradientCase(a: [3, 4], b: [4]),              // matrix · vector
    MatmulGradientCase(a: [4], b: [4, 2]),              // vector · matrix
    MatmulGradientCase(a: [3, 4], b: [4, 2]),
    MatmulGradientCase(a: [2, 3, 4], b: [2, 4, 5]),     // batched
    MatmulGradientCase(a: [2, 3, 4], b: [4, 5]),        // shared right operand (folded into one GEMM)
    MatmulGradientCase(a: [3, 4], b: [2, 4, 5]),        // shared left operand
    MatmulGradientCase(a: [2, 1, 3, 4], b: [5, 4, 2]),  // broadcast batch axes
    MatmulGradientCase(a: [2, 3, 4], b: [4]),           // batched · vector
    MatmulGradientCase(a: [4], b: [2, 4, 3]),           // vector · batched
    MatmulGradientCase(a: [1, 4], b: [4, 1]),
    MatmulGradientCase(a: [4, 3], b: [4, 2], transposeA: true),
    MatmulGradientCase(a: [3, 4], b: [2, 4], transposeB: true),
    MatmulGradientCase(a: [4, 3], b: [2, 4], transposeA: true, transposeB: true),
    MatmulGradientCase(a: [2, 4, 3], b: [2, 5, 4], transposeA: true, transposeB: true),
]

@Suite("Matmul gradients")
struct MatmulGradientTests {
    @Test("matmul", arguments: matmulGradientCases)
    func matmulCase(_ c: MatmulGradientCase) {
        let a = normal64(c.a, seed: 111), b = normal64(c.b, seed: 112)
        checkGradients("matmul \(c.testDescription)", at: [a, b]) {
            matmul(c.transposeA ? $0[0].mT : $0[0], c.transposeB ? $0[1].mT : $0[1])
        }
    }

    @Test("method spelling, a product with itself, and one constant operand")
    func variants() {
        let a = normal64([3, 3], seed: 113), b = normal64([3, 2], seed: 114)
        checkGradients("a.matmul(b)", at: [a, b]) { $0[0].matmul($0[1]) }
        checkGradients("a · a", at: a) { matmul($0, $0) }
        checkGradients("a · aᵀ", at: a) { matmul($0, $0.mT) }
        checkGradients("constant · b", at: b) { matmul(a, $0) }
        checkGradients("a · constant", at: a) { matmul($0, b) }
        // A strided operand that BLAS cannot read directly (column slice with step 2).
        checkGradients("strided slice operand", at: [normal64([3, 6], seed: 115), b]) {
            matmul($0[0][.all, .stride(0..<6, by: 2)], $0[1])
        }
    }
}
