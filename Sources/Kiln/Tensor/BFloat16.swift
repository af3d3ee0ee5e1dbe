/// Brain floating point: the upper 16 bits of a float32 (8-bit exponent, 7-bit mantissa).
/// Kiln stores it and converts it; arithmetic happens in float32.
public struct BFloat16: TensorElement, Hashable, CustomStringConvertible {
    public var bitPattern: UInt16

    public init(bitPattern: UInt16) { self.bitPattern = bitPattern }

    /// Rounds to nearest even, as PyTorch and the hardware do; NaN stays NaN.
    @inlinable public init(_ value: Float) {
        let bits = value.bitPattern
        if value.isNaN {
            bitPattern = UInt16(truncatingIfNeeded: (bits >> 16) | 0x0040)
        } else {
            let roundingBias: UInt32 = 0x7FFF + ((bits >> 16) & 1)
            bitPattern = UInt16(truncatingIfNeeded: (bits &+ roundingBias) >> 16)
        }
    }

    @inlinable public var floatValue: Float { Float(bitPattern: UInt32(bitPattern) << 16) }

    public static var dtype: DType { .bfloat16 }
    @inlinable public init(kilnDouble value: Double) { self.init(Float(value)) }
    @inlinable public init(kilnInt value: Int64) { self.init(Float(value)) }
    @inlinable public var kilnDouble: Double { Double(floatValue) }
    @inlinable public var kilnInt: Int64 { Int64(clampingFloat: Double(floatValue)) }
    public var description: String { floatValue.description }
}
