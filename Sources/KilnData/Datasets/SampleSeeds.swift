import Kiln

/// How loaders and pipelines derive their random streams: every stream is a Philox generator
/// keyed by a hash of (seed, purpose, epoch, index), so no generator is shared between threads
/// and the numbers do not depend on which thread asks or in which order.
enum SampleSeeds {
    /// The purposes a seed is used for; each gets its own streams.
    enum Stream: UInt64 {
        case sample = 0x5A4D_504C_4500_0001    // per-sample augmentation
        case shuffle = 0x5348_5546_4C45_0002   // a loader's epoch permutation
        case split = 0x5350_4C49_5400_0003     // randomSplit's permutation
        case pipelineShuffle = 0x5049_5045_0004  // a pipeline's shuffle buffer
    }

    /// SplitMix64's finaliser: a bijective mix with full avalanche.
    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A key that depends on the seed and the stream.
    @inline(__always)
    static func key(_ seed: UInt64, _ stream: Stream) -> UInt64 {
        mix(seed ^ stream.rawValue)
    }

    /// A key that depends on every part, in order.
    @inline(__always)
    static func key(_ seed: UInt64, _ stream: Stream, _ part: UInt64) -> UInt64 {
        mix(key(seed, stream) ^ part)
    }

    /// The generator for the sample at `index` in `epoch` (no allocation: it runs per sample).
    static func generator(seed: UInt64, epoch: Int, index: Int) -> RandomGenerator {
        let epochKey = key(seed, .sample, UInt64(bitPattern: Int64(epoch)))
        return RandomGenerator(seed: mix(epochKey ^ UInt64(bitPattern: Int64(index))))
    }

    /// A seed drawn from the global generator, for loaders and shuffles given no seed (so
    /// `GlobalRandom.seed(_:)` makes them reproducible, as `torch.manual_seed` does).
    static func drawSeed() -> UInt64 {
        var generator = GlobalRandom.generator
        let seed = generator.next()
        GlobalRandom.generator = generator
        return seed
    }
}
