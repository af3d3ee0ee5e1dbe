import Foundation

/// A reproducible random-number generator: Philox-4×32-10 (Salmon et al., "Parallel random
/// numbers: as easy as 1, 2, 3"), the counter-based generator PyTorch and JAX use on GPUs.
/// The same seed gives the same numbers on every machine and any thread count, because each
/// block of four numbers depends only on (seed, counter).
public struct RandomGenerator: RandomNumberGenerator, Sendable {
    public private(set) var seed: UInt64
    /// Index of the next 4-number block.
    public private(set) var counter: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        self.counter = 0
    }

    /// Restores a generator from its saved state (for checkpoints).
    public init(seed: UInt64, counter: UInt64) {
        self.seed = seed
        self.counter = counter
    }

    /// Four 32-bit numbers for block `counter` of key `seed`.
    @inlinable
    static func philox(seed: UInt64, counter: UInt64) -> (UInt32, UInt32, UInt32, UInt32) {
        var c0 = UInt32(truncatingIfNeeded: counter), c1 = UInt32(truncatingIfNeeded: counter >> 32)
        var c2: UInt32 = 0, c3: UInt32 = 0
        var k0 = UInt32(truncatingIfNeeded: seed), k1 = UInt32(truncatingIfNeeded: seed >> 32)
        for _ in 0..<10 {
            let p0 = UInt64(0xD251_1F53) &* UInt64(c0)
            let p1 = UInt64(0xCD9E_8D57) &* UInt64(c2)
            let n0 = UInt32(truncatingIfNeeded: p1 >> 32) ^ c1 ^ k0
            let n2 = UInt32(truncatingIfNeeded: p0 >> 32) ^ c3 ^ k1
            c0 = n0; c1 = UInt32(truncatingIfNeeded: p1); c2 = n2; c3 = UInt32(truncatingIfNeeded: p0)
            k0 &+= 0x9E37_79B9; k1 &+= 0xBB67_AE85
        }
        return (c0, c1, c2, c3)
    }

    /// Fills `count` 32-bit numbers and advances the counter past them.
    mutating func next(_ count: Int) -> [UInt32] {
        let blocks = (count + 3) / 4
        var out = [UInt32](repeating: 0, count: blocks * 4)
        let seed = self.seed, start = counter
        out.withUnsafeMutableBufferPointer { buf in
            let p = buf.baseAddress!
            ThreadPool.parallelFor(blocks, grain: 1 << 14) { range in
                for b in range {
                    let (x, y, z, w) = RandomGenerator.philox(seed: seed, counter: start &+ UInt64(b))
                    p[4 * b] = x; p[4 * b + 1] = y; p[4 * b + 2] = z; p[4 * b + 3] = w
                }
            }
        }
        counter &+= UInt64(blocks)
        out.removeLast(out.count - count)
        return out
    }

    /// 64 random bits from one block (Swift's `RandomNumberGenerator`, so `Int.random(in:using:)`
    /// and `shuffle(using:)` draw from this generator).
    public mutating func next() -> UInt64 {
        let (x, y, _, _) = RandomGenerator.philox(seed: seed, counter: counter)
        counter &+= 1
        return UInt64(x) << 32 | UInt64(y)
    }

    /// Uniform doubles in [0, 1) with 53 random bits each (two 32-bit draws).
    public mutating func uniform(_ count: Int) -> [Double] {
        let bits = next(2 * count)
        return (0..<count).map { i in
            let v = (UInt64(bits[2 * i]) << 21) ^ (UInt64(bits[2 * i + 1]) >> 11)
            return Double(v & ((1 << 53) - 1)) * 0x1p-53
        }
    }

    /// Standard normal samples by the Box–Muller transform, in Double so float32 results agree
    /// to the last bit across libm implementations.
    public mutating func normal(_ count: Int) -> [Double] {
        let u = uniform(2 * ((count + 1) / 2))
        var out = [Double](repeating: 0, count: u.count)
        for i in stride(from: 0, to: u.count, by: 2) {
            let r = (-2 * Foundation.log(1 - u[i])).squareRoot()
            let theta = 2 * Double.pi * u[i + 1]
            out[i] = r * Foundation.cos(theta)
            out[i + 1] = r * Foundation.sin(theta)
        }
        out.removeLast(out.count - count)
        return out
    }
}

/// A generator's state is its seed and counter, which is what a checkpoint saves.
extension RandomGenerator: Codable, Equatable {}

/// The generator used when a creation call names no seed (PyTorch's default generator).
public enum GlobalRandom {
    private static let shared = LockedGenerator(RandomGenerator(seed: 0x5EED_C0DE))
    @TaskLocal private static var scoped: LockedGenerator?
    /// The generator of the current `withGenerator` scope, else the process-wide one.
    private static var state: LockedGenerator { scoped ?? shared }

    /// Runs `body` with a default generator of its own, seeded with `seed`: the draws of `body`
    /// (and of tasks it creates) neither see nor disturb those of other tasks and threads, so
    /// concurrent trainings, or tests run in parallel, are each reproducible.
    public static func withGenerator<R>(seed: UInt64, _ body: () throws -> R) rethrows -> R {
        try $scoped.withValue(LockedGenerator(RandomGenerator(seed: seed)), operation: body)
    }

    /// Re-seeds the default generator (PyTorch's `torch.manual_seed`).
    public static func seed(_ seed: UInt64) { state.replace(RandomGenerator(seed: seed)) }

    /// The default generator's state, for checkpoints.
    public static var generator: RandomGenerator {
        get { state.value }
        set { state.replace(newValue) }
    }

    static func draw<R>(_ body: (inout RandomGenerator) -> R) -> R { state.withLock(body) }
}

private final class LockedGenerator: @unchecked Sendable {
    private var generator: RandomGenerator
    private let lock = NSLock()
    init(_ g: RandomGenerator) { generator = g }
    var value: RandomGenerator { lock.lock(); defer { lock.unlock() }; return generator }
    func replace(_ g: RandomGenerator) { lock.lock(); generator = g; lock.unlock() }
    func withLock<R>(_ body: (inout RandomGenerator) -> R) -> R {
        lock.lock(); defer { lock.unlock() }
        return body(&generator)
    }
}

extension Tensor {
    /// Draws with `seed` when given, else from the default generator.
    private static func draw<R>(seed: UInt64?, _ body: (inout RandomGenerator) -> R) -> R {
        if let seed {
            var g = RandomGenerator(seed: seed)
            return body(&g)
        }
        return GlobalRandom.draw(body)
    }

    /// Samples from the normal distribution N(mean, std²).
    public init(randomNormal shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32, seed: UInt64? = nil) {
        require(dtype.isFloatingPoint, "randomNormal: dtype must be floating point, not \(dtype)")
        let n = shape.reduce(1, *)
        let values = Tensor.draw(seed: seed) { $0.normal(n) }
        self = Tensor(values.map { mean + std * $0 }, shape: shape).cast(to: dtype)
    }

    /// Samples `randomNormal` with a caller-owned generator.
    public init(randomNormal shape: [Int], mean: Double = 0, std: Double = 1, dtype: DType = .float32, generator: inout RandomGenerator) {
        let values = generator.normal(shape.reduce(1, *))
        self = Tensor(values.map { mean + std * $0 }, shape: shape).cast(to: dtype)
    }

    /// Samples uniformly from [low, high).
    public init(randomUniform shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32, seed: UInt64? = nil) {
        require(dtype.isFloatingPoint, "randomUniform: dtype must be floating point, not \(dtype)")
        let n = shape.reduce(1, *)
        let values = Tensor.draw(seed: seed) { $0.uniform(n) }
        self = Tensor(values.map { low + (high - low) * $0 }, shape: shape).cast(to: dtype)
    }

    /// Samples `randomUniform` with a caller-owned generator.
    public init(randomUniform shape: [Int], low: Double = 0, high: Double = 1, dtype: DType = .float32, generator: inout RandomGenerator) {
        let values = generator.uniform(shape.reduce(1, *))
        self = Tensor(values.map { low + (high - low) * $0 }, shape: shape).cast(to: dtype)
    }

    /// Samples integers uniformly from [low, high) (PyTorch's `randint`), int64 by default.
    public init(randomIntegers shape: [Int], low: Int64 = 0, high: Int64, dtype: DType = .int64, seed: UInt64? = nil) {
        require(high > low, "randomIntegers: high (\(high)) must be greater than low (\(low))")
        let n = shape.reduce(1, *)
        let range = UInt64(bitPattern: high &- low)
        let values: [Int64] = Tensor.draw(seed: seed) { g in
            // 64 random bits reduced by multiply-high: bias below 2^-32 for any range that fits.
            let bits = g.next(2 * n)
            return (0..<n).map { i in
                let v = (UInt64(bits[2 * i]) << 32) | UInt64(bits[2 * i + 1])
                return low &+ Int64(bitPattern: v.multipliedFullWidth(by: range).high)
            }
        }
        self = Tensor(values, shape: shape).cast(to: dtype)
    }

    /// `randomNormal` with the shape and dtype of `t`.
    public static func randomNormal(like t: Tensor, seed: UInt64? = nil) -> Tensor {
        Tensor(randomNormal: t.shape, dtype: t.dtype.isFloatingPoint ? t.dtype : .float32, seed: seed)
    }

    /// `randomUniform` with the shape and dtype of `t`.
    public static func randomUniform(like t: Tensor, seed: UInt64? = nil) -> Tensor {
        Tensor(randomUniform: t.shape, dtype: t.dtype.isFloatingPoint ? t.dtype : .float32, seed: seed)
    }
}
