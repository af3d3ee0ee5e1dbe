import RealModule

/// A Swift type that can be the element of a tensor.
public protocol TensorElement: Sendable {
    static var dtype: DType { get }
    /// Conversion used by `cast`: floating values go through Double, integers through Int64,
    /// so int64 values above 2^53 survive integer-to-integer casts.
    init(kilnDouble value: Double)
    init(kilnInt value: Int64)
    var kilnDouble: Double { get }
    var kilnInt: Int64 { get }
}

/// Elements that kernels compute in directly (half types are widened to float32 first).
public protocol NumericElement: TensorElement, Numeric, Comparable {
    /// Arithmetic that wraps on integer overflow, as in C and PyTorch (plain operators for floats).
    static func wrappingAdd(_ a: Self, _ b: Self) -> Self
    static func wrappingSubtract(_ a: Self, _ b: Self) -> Self
    static func wrappingMultiply(_ a: Self, _ b: Self) -> Self
}

extension NumericElement where Self: FixedWidthInteger {
    @inlinable @inline(__always) public static func wrappingAdd(_ a: Self, _ b: Self) -> Self { a &+ b }
    @inlinable @inline(__always) public static func wrappingSubtract(_ a: Self, _ b: Self) -> Self { a &- b }
    @inlinable @inline(__always) public static func wrappingMultiply(_ a: Self, _ b: Self) -> Self { a &* b }
}

extension NumericElement where Self: BinaryFloatingPoint {
    @inlinable @inline(__always) public static func wrappingAdd(_ a: Self, _ b: Self) -> Self { a + b }
    @inlinable @inline(__always) public static func wrappingSubtract(_ a: Self, _ b: Self) -> Self { a - b }
    @inlinable @inline(__always) public static func wrappingMultiply(_ a: Self, _ b: Self) -> Self { a * b }
}

/// Floating-point elements with the elementary functions (exp, log, tanh, …).
public protocol FloatElement: NumericElement, Real, BinaryFloatingPoint {}

extension Float: FloatElement {
    public static var dtype: DType { .float32 }
    @inlinable public init(kilnDouble value: Double) { self.init(value) }
    @inlinable public init(kilnInt value: Int64) { self.init(value) }
    @inlinable public var kilnDouble: Double { Double(self) }
    @inlinable public var kilnInt: Int64 { Int64(clampingFloat: Double(self)) }
}

extension Double: FloatElement {
    public static var dtype: DType { .float64 }
    @inlinable public init(kilnDouble value: Double) { self = value }
    @inlinable public init(kilnInt value: Int64) { self.init(value) }
    @inlinable public var kilnDouble: Double { self }
    @inlinable public var kilnInt: Int64 { Int64(clampingFloat: self) }
}

extension Int64: NumericElement {
    public static var dtype: DType { .int64 }
    @inlinable public init(kilnDouble value: Double) { self.init(clampingFloat: value) }
    @inlinable public init(kilnInt value: Int64) { self = value }
    @inlinable public var kilnDouble: Double { Double(self) }
    @inlinable public var kilnInt: Int64 { self }
}

extension Int32: NumericElement {
    public static var dtype: DType { .int32 }
    @inlinable public init(kilnDouble value: Double) { self.init(truncatingIfNeeded: Int64(clampingFloat: value)) }
    @inlinable public init(kilnInt value: Int64) { self.init(truncatingIfNeeded: value) }
    @inlinable public var kilnDouble: Double { Double(self) }
    @inlinable public var kilnInt: Int64 { Int64(self) }
}

extension UInt8: NumericElement {
    public static var dtype: DType { .uint8 }
    @inlinable public init(kilnDouble value: Double) { self.init(truncatingIfNeeded: Int64(clampingFloat: value)) }
    @inlinable public init(kilnInt value: Int64) { self.init(truncatingIfNeeded: value) }
    @inlinable public var kilnDouble: Double { Double(self) }
    @inlinable public var kilnInt: Int64 { Int64(self) }
}

extension Bool: TensorElement {
    public static var dtype: DType { .bool }
    @inlinable public init(kilnDouble value: Double) { self = value != 0 }
    @inlinable public init(kilnInt value: Int64) { self = value != 0 }
    @inlinable public var kilnDouble: Double { self ? 1 : 0 }
    @inlinable public var kilnInt: Int64 { self ? 1 : 0 }
}

#if !((os(macOS) || targetEnvironment(macCatalyst)) && arch(x86_64))
extension Float16: TensorElement {
    public static var dtype: DType { .float16 }
    @inlinable public init(kilnDouble value: Double) { self.init(Float(value)) }
    @inlinable public init(kilnInt value: Int64) { self.init(Float(value)) }
    @inlinable public var kilnDouble: Double { Double(self) }
    @inlinable public var kilnInt: Int64 { Int64(clampingFloat: Double(self)) }
}
#endif

extension Int64 {
    /// C-like truncation toward zero that saturates instead of trapping (NaN becomes 0).
    @inlinable init(clampingFloat value: Double) {
        if value.isNaN { self = 0 }
        else if value >= 9.223372036854775807e18 { self = .max }
        else if value <= -9.223372036854775808e18 { self = .min }
        else { self = Int64(value.rounded(.towardZero)) }
    }
}
