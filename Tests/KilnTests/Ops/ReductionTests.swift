import Testing
@testable import Kiln

/// Reductions against PyTorch (`ReductionReference` below).
struct ReductionTests {
    let r = opTensor([3, 4, 5], mul: 37, mod: 23, offset: 11, scale: 0.5)
    /// Rows with ties: the first index wins.
    let t = Tensor([[1, 3, 3, 2], [5, 5, 1, 5], [0, -1, -1, 0]] as [[Float]])

    @Test func sumAndMean() {
        expectApprox(r.sum(axis: 1), ReductionReference.sumAxis1, shape: [3, 5], dtype: .float32)
        expectApprox(r.sum(axes: [0, 2]), ReductionReference.sumAxes02, shape: [4])
        expectApprox(r.sum(axes: [-1, 0], keepDims: true), ReductionReference.sumAxes02, shape: [1, 4, 1])
        expectApprox(r.mean(axis: -1), ReductionReference.meanAxisLast, shape: [3, 4], dtype: .float32)
        expectApprox(r.mean(), ReductionReference.meanAll, shape: [])
        #expect(r.sum().item() == Double(ReductionReference.sumAxes02.reduce(0, +)))
    }

    @Test(arguments: [0, 1])
    func varianceAndStd(correction: Int) {
        typealias R = ReductionReference
        let (varAxis1, varAxes02, stdAxis1, stdAxes02, varAll) = correction == 0
            ? (R.varAxis1Correction0, R.varAxes02Correction0, R.stdAxis1Correction0, R.stdAxes02Correction0, R.varAllCorrection0)
            : (R.varAxis1Correction1, R.varAxes02Correction1, R.stdAxis1Correction1, R.stdAxes02Correction1, R.varAllCorrection1)
        expectApprox(r.variance(axes: [1], correction: correction), varAxis1, shape: [3, 5], dtype: .float32)
        expectApprox(r.variance(axes: [0, 2], correction: correction), varAxes02, shape: [4])
        expectApprox(r.std(axes: [1], correction: correction), stdAxis1, shape: [3, 5])
        expectApprox(r.std(axes: [0, 2], correction: correction), stdAxes02, shape: [4])
        expectApprox(r.variance(correction: correction), varAll, shape: [])
    }

    @Test func stdFloat64KeepDims() {
        expectApprox(r.cast(to: .float64).std(axes: [1, 2], keepDims: true), ReductionReference.stdAxes12KeepDimsFloat64,
                     shape: [3, 1, 1], dtype: .float64, rtol: 1e-14)
    }

    @Test func product() {
        let p = Tensor([[1.5, -2, 0.5], [3, 0.25, -4]] as [[Float]])
        expectApprox(p.prod(axes: [1]), ReductionReference.prodAxis1, shape: [2])
        expectApprox(p.prod(axes: [0]), ReductionReference.prodAxis0, shape: [3])
        expectApprox(p.prod(), ReductionReference.prodAll, shape: [])
        // Integers multiply in int64, as in PyTorch.
        expectExact(Tensor([[2, -3], [4, 5]] as [[Int32]]).prod(axes: [1]), [-6, 20] as [Int64])
    }

    @Test func maxAndMinAlongAxisWithIndices() {
        let (maxValues, maxIndices) = t.max(alongAxis: 1)
        expectExact(maxValues, ReductionReference.maxAxis1Values, shape: [3])
        expectExact(maxIndices, ReductionReference.maxAxis1Indices, shape: [3])
        let (minValues, minIndices) = t.min(alongAxis: 1)
        expectExact(minValues, ReductionReference.minAxis1Values, shape: [3])
        expectExact(minIndices, ReductionReference.minAxis1Indices, shape: [3])
        let (columnMax, columnArgmax) = t.max(alongAxis: 0)
        expectExact(columnMax, ReductionReference.maxAxis0Values, shape: [4])
        expectExact(columnArgmax, ReductionReference.maxAxis0Indices, shape: [4])
        let kept = t.max(alongAxis: -1, keepDims: true)
        #expect(kept.values.shape == [3, 1] && kept.indices.shape == [3, 1])
    }

    @Test func argmaxArgminTiesGiveFirstIndex() {
        expectExact(t.argmax(axis: 0), ReductionReference.argmaxAxis0, shape: [4])
        expectExact(t.argmin(axis: 0), ReductionReference.argminAxis0, shape: [4])
        expectExact(t.argmax(), ReductionReference.argmaxFlat, shape: [])
        expectExact(t.argmin(), ReductionReference.argminFlat, shape: [])
        expectExact(t.argmax(keepDims: true), ReductionReference.argmaxFlat, shape: [1, 1])
    }

    @Test func maxMinOverSeveralAxes() {
        expectExact(r.max(axes: [0, 1]), ReductionReference.amaxAxes01, shape: [5])
        expectExact(r.min(axes: [2]), ReductionReference.aminAxis2, shape: [3, 4])
        expectExact(r.max(), [Float(5.5)], shape: [])
        // NaN wins, as in PyTorch.
        #expect(Tensor([1, .nan, 3] as [Float]).max().item().isNaN)
        #expect(Tensor([1, .nan, 3] as [Float]).argmax().item() == 1)
    }

    @Test func integerMaxKeepsDType() {
        let ints = Tensor([[4, -7, 9], [9, 2, -7]] as [[Int32]])
        expectExact(ints.max(alongAxis: 1).values, ReductionReference.intMaxAxis1, shape: [2])
        expectExact(ints.argmin(axis: 1), ReductionReference.intArgminAxis1, shape: [2])
    }

    @Test func allAndAny() {
        let logic = Tensor([[1, 0, 2], [3, 4, 5]] as [[Int64]])
        expectExact(logic.all(axes: [1]), ReductionReference.allAxis1, shape: [2])
        expectExact(logic.any(axes: [0]), ReductionReference.anyAxis0, shape: [3])
        expectExact(logic.all(), ReductionReference.allFlat, shape: [])
        expectExact(Tensor.zeros([2, 2], dtype: .int64).any(), ReductionReference.anyFlat, shape: [])
        expectExact(Tensor([true, true]).all(), [true], shape: [])
        expectExact((r .> 100).any(axes: [2], keepDims: true), [Bool](repeating: false, count: 12), shape: [3, 4, 1])
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_op_literals.py (Reduction); do not edit by hand.

enum ReductionReference {
    /// shape [3, 5]
    static let sumAxis1: [Float] = [
        -19.0, 9.0, -9.0, 19.0, 1.0, -11.0, 17.0, -1.0,
        -19.0, 9.0, -3.0, -9.5, 7.0, -11.0, 17.0,
    ]
    /// shape [4]
    static let sumAxes02: [Float] = [-3.5, -7.5, 0.0, 7.5]
    /// shape [3, 4]
    static let meanAxisLast: [Float] = [
        -0.7, -0.2, 0.3, 0.8, -1.0, -0.5, 0.0, 0.5,
        1.0, -0.8, -0.3, 0.2,
    ]
    /// shape []
    static let meanAll: [Float] = [-0.058333334]
    /// shape [3, 5]
    static let varAxis1Correction0: [Float] = [
        0.3125, 0.3125, 0.3125, 0.3125, 0.3125, 0.3125, 0.3125, 0.3125,
        0.3125, 0.3125, 0.3125, 20.796875, 0.3125, 0.3125, 0.3125,
    ]
    /// shape [4]
    static let varAxes02Correction0: [Float] = [11.528889, 10.966666, 10.966666, 10.966666]
    /// shape [3, 5]
    static let stdAxis1Correction0: [Float] = [
        0.559017, 0.559017, 0.559017, 0.559017, 0.559017, 0.559017, 0.559017, 0.559017,
        0.559017, 0.559017, 0.559017, 4.560359, 0.559017, 0.559017, 0.559017,
    ]
    /// shape [4]
    static let stdAxes02Correction0: [Float] = [3.3954217, 3.3115957, 3.3115957, 3.3115957]
    /// shape []
    static let varAllCorrection0: [Float] = [11.242431]
    /// shape [3, 5]
    static let varAxis1Correction1: [Float] = [
        0.41666666, 0.41666666, 0.41666666, 0.41666666, 0.41666666, 0.41666666, 0.41666666, 0.41666666,
        0.41666666, 0.41666666, 0.41666666, 27.729166, 0.41666666, 0.41666666, 0.41666666,
    ]
    /// shape [4]
    static let varAxes02Correction1: [Float] = [12.352381, 11.75, 11.75, 11.75]
    /// shape [3, 5]
    static let stdAxis1Correction1: [Float] = [
        0.6454972, 0.6454972, 0.6454972, 0.6454972, 0.6454972, 0.6454972, 0.6454972, 0.6454972,
        0.6454972, 0.6454972, 0.6454972, 5.265849, 0.6454972, 0.6454972, 0.6454972,
    ]
    /// shape [4]
    static let stdAxes02Correction1: [Float] = [3.5145955, 3.4278274, 3.4278274, 3.4278274]
    /// shape []
    static let varAllCorrection1: [Float] = [11.432981]
    /// shape [3, 1, 1]
    static let stdAxes12KeepDimsFloat64: [Double] = [3.459920899613017, 3.3892244105787914, 3.4621069033937]
    /// shape [2]
    static let prodAxis1: [Float] = [-1.5, -3.0]
    /// shape [3]
    static let prodAxis0: [Float] = [4.5, -0.5, -2.0]
    /// shape []
    static let prodAll: [Float] = [4.5]
    /// shape [3]
    static let maxAxis1Values: [Float] = [3.0, 5.0, 0.0]
    /// shape [3]
    static let maxAxis1Indices: [Int64] = [1, 0, 0]
    /// shape [3]
    static let minAxis1Values: [Float] = [1.0, 1.0, -1.0]
    /// shape [3]
    static let minAxis1Indices: [Int64] = [0, 2, 1]
    /// shape [4]
    static let maxAxis0Values: [Float] = [5.0, 5.0, 3.0, 5.0]
    /// shape [4]
    static let maxAxis0Indices: [Int64] = [1, 1, 0, 1]
    /// shape [4]
    static let argmaxAxis0: [Int64] = [1, 1, 0, 1]
    /// shape [4]
    static let argminAxis0: [Int64] = [2, 2, 2, 2]
    /// shape [1]
    static let argmaxFlat: [Int64] = [4]
    /// shape [1]
    static let argminFlat: [Int64] = [9]
    /// shape [5]
    static let amaxAxes01: [Float] = [0.0, 5.5, 2.5, 5.5, 5.0]
    /// shape [3, 4]
    static let aminAxis2: [Float] = [
        -5.5, -5.0, -4.5, -4.0, -5.5, -5.0, -4.5, -4.0,
        -3.5, -5.5, -5.0, -4.5,
    ]
    /// shape [2]
    static let intMaxAxis1: [Int32] = [9, 9]
    /// shape [2]
    static let intArgminAxis1: [Int64] = [1, 2]
    /// shape [2]
    static let allAxis1: [Bool] = [false, true]
    /// shape [3]
    static let anyAxis0: [Bool] = [true, true, true]
    /// shape [1]
    static let allFlat: [Bool] = [false]
    /// shape [1]
    static let anyFlat: [Bool] = [false]
}
