import Kiln

// The draws the random transforms make. Each takes whole 64-bit outputs of the generator, so the
// sequence of draws (and with it every later sample) depends only on the generator's state.
extension RandomGenerator {
    /// A uniform number in [0, 1) with 53 random bits.
    mutating func unitUniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform number in [low, high) (`low` when both are equal), like torch's `uniform_`.
    mutating func uniform(from low: Double, to high: Double) -> Double { low + (high - low) * unitUniform() }

    /// A uniform integer in `range`, like `torch.randint(low, high + 1)`.
    mutating func integer(in range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
}
