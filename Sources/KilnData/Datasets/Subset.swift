import Kiln

/// The samples of `dataset` at `indices`, in that order (PyTorch's `Subset`); what `randomSplit`
/// returns. Indices may repeat.
public struct Subset<Base: Dataset>: Dataset {
    public typealias Element = Base.Element
    public typealias Failure = Base.Failure

    public let dataset: Base
    public let indices: [Int]

    public init(_ dataset: Base, indices: [Int]) {
        let n = dataset.count
        if let bad = indices.first(where: { $0 < 0 || $0 >= n }) {
            require(false, "Subset: index \(bad) is out of range for a dataset of \(n) samples")
        }
        self.dataset = dataset
        self.indices = indices
    }

    public var count: Int { indices.count }

    public func element(at index: Int) throws(Failure) -> Element {
        requireSampleIndex(index, count: count, in: "Subset")
        return try dataset.element(at: indices[index])
    }

    public func element(at index: Int, generator: inout RandomGenerator) throws(Failure) -> Element {
        requireSampleIndex(index, count: count, in: "Subset")
        return try dataset.element(at: indices[index], generator: &generator)
    }
}
