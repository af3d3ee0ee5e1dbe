import Foundation
import Testing
@testable import Kiln

@Suite struct VectorMathTests {
    /// Distance in units in the last place between a result and the correctly rounded value.
    static func ulps(_ got: Float, _ expected: Float) -> Float {
        if got == expected { return 0 }
        return abs(got - expected) / max(expected.ulp, Float.leastNonzeroMagnitude)
    }

    @Test func expIsWithinTwoUlpsEverywhere() {
        // A dense sweep over every input whose result is finite and non-zero, plus the overflow and
        // underflow ends, against exp computed in Double and rounded once.
        var worst: (ulps: Float, x: Float) = (0, 0)
        let count = 400_000
        let lo: Float = -104, hi: Float = 89
        var x = SIMD8<Float>()
        for i in stride(from: 0, to: count, by: 8) {
            for lane in 0..<8 { x[lane] = lo + (hi - lo) * Float(i + lane) / Float(count) }
            let y = VectorMath.exp(x)
            for lane in 0..<8 {
                let expected = Float(Foundation.exp(Double(x[lane])))
                let e = Self.ulps(y[lane], expected)
                if e > worst.ulps { worst = (e, x[lane]) }
            }
        }
        #expect(worst.ulps <= 2, "worst error \(worst.ulps) ulp at x = \(worst.x)")
    }

    @Test func expSpecialValues() {
        let x = SIMD8<Float>(0, -0.0, 1, -1, .infinity, -.infinity, .nan, 89)
        let y = VectorMath.exp(x)
        #expect(y[0] == 1 && y[1] == 1)
        #expect(y[2] == Float(Foundation.exp(1.0)) || Self.ulps(y[2], Float(Foundation.exp(1.0))) <= 1)
        #expect(Self.ulps(y[3], Float(Foundation.exp(-1.0))) <= 1)
        #expect(y[4] == .infinity && y[5] == 0 && y[6].isNaN && y[7] == .infinity)
    }

    /// The vector path (contiguous float32) and the scalar path (strided, or float64) agree.
    @Test func vectorAndScalarKernelsAgree() {
        let x = Tensor(randomNormal: [37, 9], std: 6, seed: 11)       // a tail after the vectors
        let strided = x.transposed().contiguous().transposed()          // same values, strided layout
        for (name, f) in [("exp", { exp($0) }), ("sigmoid", { sigmoid($0) }), ("silu", { silu($0) })] as [(String, (Tensor) -> Tensor)] {
            let fast: [Float] = f(x).scalars(), reference: [Float] = f(x.cast(to: .float64)).cast(to: .float32).scalars()
            let slow: [Float] = f(strided).scalars()
            for i in fast.indices {
                #expect(Self.ulps(fast[i], reference[i]) <= 3, "\(name)(\(x.scalars(as: Float.self)[i])): \(fast[i]) vs \(reference[i])")
                #expect(Self.ulps(slow[i], reference[i]) <= 3, "\(name) strided")
            }
        }
    }
}
