import Kiln

// Every draw KilnData makes from a generator: loaders' epoch orders, splits, shuffle buffers and
// augmentations. Written out rather than the standard library's `random(in:using:)` so the
// numbers cannot change with the Swift version; each takes whole 64-bit outputs, so the sequence
// of draws depends only on the generator's state.
extension RandomGenerator {
    /// A uniform number in [0, 1) with 53 random bits.
    mutating func unitUniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// A uniform number in [low, high) (`low` when both are equal), like torch's `uniform_`.
    mutating func uniform(from low: Double, to high: Double) -> Double { low + (high - low) * unitUniform() }

    /// A uniform integer in `0..<bound` (Lemire's multiply-and-reject: exact, no modulo bias).
    mutating func integer(below bound: Int) -> Int {
        precondition(bound > 0, "integer(below:): bound must be positive, got \(bound)")
        let b = UInt64(bound)
        var (high, low) = next().multipliedFullWidth(by: b)
        if low < b {
            let threshold = (0 &- b) % b
            while low < threshold { (high, low) = next().multipliedFullWidth(by: b) }
        }
        return Int(high)
    }

    /// A uniform integer in `range`, like `torch.randint(low, high + 1)`.
    mutating func integer(in range: ClosedRange<Int>) -> Int { range.lowerBound + integer(below: range.count) }

    /// Shuffles `items` in place (Fisher–Yates, from the last position down).
    mutating func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i > 0 {
            items.swapAt(i, integer(below: i + 1))
            i -= 1
        }
    }

    /// A random permutation of `0..<count`.
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        shuffle(&order)
        return order
    }
}
