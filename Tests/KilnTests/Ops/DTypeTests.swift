import Testing
@testable import Kiln

/// Integer and bool arithmetic, type promotion, comparisons, logic and casts against PyTorch
/// (`DTypeReference` below).
struct DTypeTests {
    typealias R = DTypeReference
    let bt = Tensor([true, false, true, false])
    let bf = Tensor([true, true, false, false])

    /// Integer arithmetic wraps on overflow (two's complement), as PyTorch's does.
    @Test func integerArithmeticWraps() {
        expectExact(Tensor([2147483647, -2147483648, 5] as [Int32]) + Tensor([1, -1, 7] as [Int32]), R.int32AddWraps)
        expectExact(Tensor([65536, 46341, -3] as [Int32]) * Tensor([65536, 46341, 7] as [Int32]), R.int32MultiplyWraps)
        expectExact(Tensor([-2147483648, 0] as [Int32]) - Tensor([1, -2147483648] as [Int32]), R.int32SubtractWraps)
        expectExact(Tensor([200, 255, 1] as [UInt8]) + Tensor([100, 1, 2] as [UInt8]), R.uint8AddWraps)
        expectExact(Tensor([1, 2] as [UInt8]) - Tensor([3, 1] as [UInt8]), R.uint8SubtractWraps)
        expectExact(Tensor([Int64.max]) + Tensor([1] as [Int64]), R.int64AddWraps)
        expectExact(Tensor([1, -2] as [Int32]) * 3, R.int32TimesScalar)
    }

    /// `/` is true division: integer operands give float32.
    @Test func integerTrueDivisionGivesFloat32() {
        expectExact(Tensor([7, -7, 1, 0] as [Int64]) / Tensor([2, 2, 3, 5] as [Int64]), R.int64TrueDivide)
        expectExact(Tensor([1, 2, 3] as [Int32]) / 2, R.int32DivideScalar)
    }

    @Test func typePromotion() {
        expectExact(Tensor([200, 100] as [UInt8]) + Tensor([100, -300] as [Int32]), R.uint8PlusInt32)
        expectExact(Tensor([2147483647, 1] as [Int32]) + Tensor([1, 2] as [Int64]), R.int32PlusInt64)
        expectExact(Tensor([1, 2, 3] as [Int32]) + Tensor([0.5, 0.25, -4] as [Float]), R.int32PlusFloat32)
        // A fractional Swift number with an integer tensor gives float32; an integral one keeps the dtype.
        expectExact(Tensor([1, 2, 3] as [Int64]) + 2.5, R.int64PlusFractionalScalar)
        #expect((Tensor([1, 2] as [Int32]) + 2).dtype == .int32)
        // Swift passes every number as a Double, so an integral 2.0 counts as an integer here
        // (PyTorch would give float32 for the Python float 2.0).
        #expect((Tensor([1, 2] as [UInt8]) * 2.0).dtype == .uint8)
        #expect((Tensor([1, 2] as [Float]) + Tensor([1, 2] as [Double])).dtype == .float64)
        #expect((Tensor([1, 2] as [Int64]) + Tensor([1, 2] as [Float]).cast(to: .float16)).dtype == .float16)
        // float16 with bfloat16 has no common half type: float32, as in PyTorch.
        let half = Tensor([1.0 / 3, 2] as [Double]).cast(to: .float32).cast(to: .float16)
        let brain = Tensor([1.0 / 3, 1] as [Double]).cast(to: .float32).cast(to: .bfloat16)
        expectExact(half + brain, R.float16PlusBfloat16)
        #expect(DType.int32.promoted(with: .int64) == .int64)
        #expect(DType.uint8.promoted(with: .int32) == .int32)
        #expect(DType.bool.promoted(with: .uint8) == .uint8)
        #expect(DType.int64.promoted(with: .bfloat16) == .bfloat16)
    }

    /// bool + bool is logical or and bool * bool logical and (PyTorch computes them the same way);
    /// a bool tensor with a Swift integer gives int64 and with a fraction float32, as in PyTorch.
    @Test func boolArithmetic() {
        expectExact(bt + bf, R.boolPlusBool)
        expectExact(bt * bf, R.boolTimesBool)
        expectExact(bt + 1, R.boolPlusOne)
        expectExact(bt + 0.5, R.boolPlusHalf)
    }

    @Test func comparisonsGiveBool() {
        let f = Tensor([-2.5, -0.5, 0, 0.5, 1, 2.5, 3] as [Float])
        expectExact(f .< 1, R.lessThanOne)
        expectExact(f .>= 0.5, R.greaterEqualHalf)
        expectExact(f .!= 0.5, R.notEqualScalar)
        expectExact(Tensor([1, 2, 3] as [Int32]) .== Tensor([1, 0, 3] as [Int64]), R.equalInt)
        expectExact(f .> Tensor([0] as [Float]), [false, false, false, true, true, true, true], shape: [7])
        expectExact(f .<= f, [Bool](repeating: true, count: 7))
        // A bool tensor compared with a fraction compares as float (never equal to 0.5).
        expectExact(bt .== 0.5, [false, false, false, false])
    }

    @Test func logicOperators() {
        expectExact(bt .& bf, R.and)
        expectExact(bt .| bf, R.or)
        expectExact(.!bt, R.not)
        // Non-zero numbers count as true.
        expectExact(Tensor([0, 2, -1] as [Int64]) .& Tensor([1, 1, 0] as [Float]), [false, true, false])
    }

    /// Sums of bool and integer tensors are int64, as in PyTorch.
    @Test func sumsOfIntegersAreInt64() {
        expectExact(bt.sum(), R.sumBool, shape: [])
        expectExact(Tensor([[2147483647, 1], [-5, 3]] as [[Int32]]).sum(axis: 1), R.sumInt32Axis1, shape: [2])
        expectExact(Tensor([200, 100, 50] as [UInt8]).sum(), R.sumUint8, shape: [])
        // mean of integers is float32.
        expectExact(Tensor([1, 2] as [Int64]).mean(), [Float(1.5)], shape: [])
    }

    /// Float to integer truncates toward zero. A negative float cast to uint8 goes through int64
    /// and wraps (-1.5 → -1 → 255), which is what PyTorch's CPU kernel does for values within
    /// the int64 range (C++ calls it undefined behaviour; Kiln defines it this way).
    @Test func castsFromFloat() {
        let values = Tensor([-2.9, -1.5, -0.5, 0.5, 1.5, 2.9] as [Double]).cast(to: .float32)
        expectExact(values.cast(to: .int32), R.floatToInt32)
        expectExact(values.cast(to: .int64), R.floatToInt64)
        let wide = Tensor([-1.5, -300.7, 2.9, 255.9, 256.0, 300.2] as [Double]).cast(to: .float32)
        expectExact(wide.cast(to: .uint8), R.floatToUint8)
        expectExact(Tensor([0, -0.0, 0.1, .nan] as [Double]).cast(to: .float32).cast(to: .bool), R.floatToBool)
    }

    @Test func castsToBool() {
        expectExact(Tensor([0, 3, -2, 0] as [Int64]).cast(to: .bool), R.intToBool)
        expectExact(Tensor([true, false]).cast(to: .int32), [1, 0] as [Int32])
        expectExact(Tensor([true, false]).cast(to: .float32), [1, 0] as [Float])
    }

    /// Half types round to nearest even: 1/3 is 0.333984375 in bfloat16 and 0.333251953125 in
    /// float16; 65504 (float16's largest) rounds up to 65536 in bfloat16.
    @Test func halfPrecisionRoundTrips() {
        let values = Tensor([1.0 / 3, -2.0 / 3, 1000.1, 65504, 1e-3] as [Double]).cast(to: .float32)
        let brain = values.cast(to: .bfloat16)
        #expect(brain.dtype == .bfloat16)
        expectExact(brain.cast(to: .float32), R.bfloat16RoundTrip)
        expectExact(values.cast(to: .float16).cast(to: .float32), R.float16RoundTrip)
        #expect(Tensor(1.0 / 3, dtype: .bfloat16).item() == 0.333984375)
        #expect(Tensor(1.0 / 3, dtype: .float16).item() == 0.333251953125)
        #expect(Tensor(1.0 / 3, dtype: .float32).cast(to: .bfloat16).item() == 0.333984375)
        // Arithmetic on half tensors computes in float32 and rounds back.
        let sum = brain + brain
        #expect(sum.dtype == .bfloat16)
        expectExact(sum.cast(to: .float32), R.bfloat16RoundTrip.map { $0 * 2 })
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_op_literals.py (DType); do not edit by hand.

enum DTypeReference {
    /// shape [3]
    static let int32AddWraps: [Int32] = [-2147483648, 2147483647, 12]
    /// shape [3]
    static let int32MultiplyWraps: [Int32] = [0, -2147479015, -21]
    /// shape [2]
    static let int32SubtractWraps: [Int32] = [2147483647, -2147483648]
    /// shape [3]
    static let uint8AddWraps: [UInt8] = [44, 0, 3]
    /// shape [2]
    static let uint8SubtractWraps: [UInt8] = [254, 1]
    /// shape [1]
    static let int64AddWraps: [Int64] = [-9223372036854775808]
    /// shape [4]
    static let int64TrueDivide: [Float] = [3.5, -3.5, 0.33333334, 0.0]
    /// shape [3]
    static let int32DivideScalar: [Float] = [0.5, 1.0, 1.5]
    /// shape [2]
    static let uint8PlusInt32: [Int32] = [300, -200]
    /// shape [2]
    static let int32PlusInt64: [Int64] = [2147483648, 3]
    /// shape [3]
    static let int32PlusFloat32: [Float] = [1.5, 2.25, -1.0]
    /// shape [3]
    static let int64PlusFractionalScalar: [Float] = [3.5, 4.5, 5.5]
    /// shape [4]
    static let boolPlusBool: [Bool] = [true, true, true, false]
    /// shape [4]
    static let boolTimesBool: [Bool] = [true, false, false, false]
    /// shape [4]
    static let boolPlusOne: [Int64] = [2, 1, 2, 1]
    /// shape [4]
    static let boolPlusHalf: [Float] = [1.5, 0.5, 1.5, 0.5]
    /// shape [7]
    static let lessThanOne: [Bool] = [true, true, true, true, false, false, false]
    /// shape [7]
    static let greaterEqualHalf: [Bool] = [false, false, false, true, true, true, true]
    /// shape [3]
    static let equalInt: [Bool] = [true, false, true]
    /// shape [7]
    static let notEqualScalar: [Bool] = [true, true, true, false, true, true, true]
    /// shape [4]
    static let and: [Bool] = [true, false, false, false]
    /// shape [4]
    static let or: [Bool] = [true, true, true, false]
    /// shape [4]
    static let not: [Bool] = [false, true, false, true]
    /// shape [1]
    static let sumBool: [Int64] = [2]
    /// shape [2]
    static let sumInt32Axis1: [Int64] = [2147483648, -2]
    /// shape [1]
    static let sumUint8: [Int64] = [350]
    /// shape [6]
    static let floatToInt32: [Int32] = [-2, -1, 0, 0, 1, 2]
    /// shape [6]
    static let floatToInt64: [Int64] = [-2, -1, 0, 0, 1, 2]
    /// shape [6]
    static let floatToUint8: [UInt8] = [255, 212, 2, 255, 0, 44]
    /// shape [4]
    static let intToBool: [Bool] = [false, true, true, false]
    /// shape [4]
    static let floatToBool: [Bool] = [false, false, true, true]
    /// shape [5]
    static let bfloat16RoundTrip: [Float] = [0.33398438, -0.66796875, 1000.0, 65536.0, 0.0009994507]
    /// shape [5]
    static let float16RoundTrip: [Float] = [0.33325195, -0.6665039, 1000.0, 65504.0, 0.0010004044]
    /// shape [2]
    static let float16PlusBfloat16: [Float] = [0.6672363, 3.0]
    /// shape [2]
    static let int32TimesScalar: [Int32] = [3, -6]
}
