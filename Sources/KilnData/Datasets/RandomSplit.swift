import Kiln

/// Splits `dataset` into non-overlapping random subsets of the given sizes, which must add up to
/// its count (PyTorch's `random_split`). The same seed gives the same split.
///
/// ```swift
/// let parts = randomSplit(dataset, [800, 200], seed: 42)
/// ```
public func randomSplit<Base: Dataset>(_ dataset: Base, _ lengths: [Int], seed: UInt64) -> [Subset<Base>] {
    let total = lengths.reduce(0, +)
    require(lengths.allSatisfy { $0 >= 0 } && total == dataset.count,
                    "randomSplit: lengths \(lengths) must be non-negative and add up to the dataset's \(dataset.count) samples")
    var generator = RandomGenerator(seed: SampleSeeds.key(seed, .split))
    let order = generator.permutation(total)
    var start = 0
    return lengths.map { length in
        defer { start += length }
        return Subset(dataset, indices: Array(order[start..<(start + length)]))
    }
}

/// Splits `dataset` into random subsets holding the given fractions of it, which must add up to 1
/// (PyTorch's `random_split` with fractions): each part gets ⌊fraction × count⌋ samples, and the
/// samples left over go one each to the parts in order, from the first (so 10 samples split
/// [0.7, 0.3] gives 7 and 3; [0.5, 0.5] of 11 gives 6 and 5).
public func randomSplit<Base: Dataset>(_ dataset: Base, _ fractions: [Double], seed: UInt64) -> [Subset<Base>] {
    randomSplit(dataset, splitLengths(count: dataset.count, fractions: fractions), seed: seed)
}

/// The part sizes for `fractions` of `count` items, by PyTorch's rule.
func splitLengths(count: Int, fractions: [Double]) -> [Int] {
    require(!fractions.isEmpty, "randomSplit: needs at least one fraction")
    require(fractions.allSatisfy { $0 >= 0 && $0 <= 1 },
                    "randomSplit: fractions \(fractions) must each be between 0 and 1")
    let sum = fractions.reduce(0, +)
    require(abs(sum - 1) <= 1e-9, "randomSplit: fractions \(fractions) add up to \(sum), not 1")
    var lengths = fractions.map { Int((Double(count) * $0).rounded(.down)) }
    let remainder = count - lengths.reduce(0, +)
    for i in 0..<max(remainder, 0) { lengths[i % lengths.count] += 1 }
    return lengths
}
