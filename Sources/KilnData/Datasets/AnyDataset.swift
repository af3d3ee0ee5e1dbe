import Kiln

/// A dataset defined by a closure, or any dataset with its type erased (to store datasets of
/// different types together, or to give a pipeline of wrappers a short name).
public struct AnyDataset<Element: Sendable, Failure: Error>: Dataset {
    public let count: Int
    private let load: @Sendable (Int, inout RandomGenerator) throws(Failure) -> Element

    /// A dataset of `count` samples; `element(index, generator)` makes the sample at `index`
    /// and draws any randomness from `generator`.
    public init(count: Int, element: @escaping @Sendable (Int, inout RandomGenerator) throws(Failure) -> Element) {
        require(count >= 0, "AnyDataset: count must not be negative, got \(count)")
        self.count = count
        self.load = element
    }

    /// `dataset` behind a closure.
    public init<Base: Dataset>(_ dataset: Base) where Base.Element == Element, Base.Failure == Failure {
        self.count = dataset.count
        self.load = { (index: Int, generator: inout RandomGenerator) throws(Failure) -> Element in
            try dataset.element(at: index, generator: &generator)
        }
    }

    /// The sample at `index`; random transforms draw from the generator a loader would use at
    /// epoch 0 with seed 0, so reading the same index twice gives the same sample.
    public func element(at index: Int) throws(Failure) -> Element {
        var generator = SampleSeeds.generator(seed: 0, epoch: 0, index: index)
        return try element(at: index, generator: &generator)
    }

    public func element(at index: Int, generator: inout RandomGenerator) throws(Failure) -> Element {
        requireSampleIndex(index, count: count, in: "AnyDataset")
        return try load(index, &generator)
    }
}

/// Stops when `index` is outside `0..<count` (an index out of range, as in an array).
@inline(__always)
func requireSampleIndex(_ index: Int, count: Int, in type: String) {
    require(index >= 0 && index < count, "\(type): index \(index) is out of range for \(count) samples")
}
