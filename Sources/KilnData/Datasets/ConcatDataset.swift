import Kiln

/// Datasets one after another (PyTorch's `ConcatDataset`, also spelled `a + b`): the samples of
/// the first, then of the second, and so on. The parts may be of different dataset types with
/// the same element and error types.
public struct ConcatDataset<Element: Sendable, Failure: Error>: Dataset {
    public let datasets: [AnyDataset<Element, Failure>]
    /// `offsets[k]` is the index of part k's first sample; the last entry is the total count.
    private let offsets: [Int]

    public init(_ datasets: [AnyDataset<Element, Failure>]) {
        self.datasets = datasets
        var offsets = [0]
        for d in datasets {
            let (sum, overflow) = offsets[offsets.count - 1].addingReportingOverflow(d.count)
            require(!overflow, "ConcatDataset: the total count overflows")
            offsets.append(sum)
        }
        self.offsets = offsets
    }

    public init<Part: Dataset>(_ datasets: [Part]) where Part.Element == Element, Part.Failure == Failure {
        self.init(datasets.map { AnyDataset($0) })
    }

    public var count: Int { offsets[offsets.count - 1] }

    /// The part holding sample `index` and the sample's index inside it.
    private func locate(_ index: Int) -> (part: Int, index: Int) {
        requireSampleIndex(index, count: count, in: "ConcatDataset")
        // The last offset ≤ index whose part is not empty: binary search for the first offset > index.
        var low = 0, high = offsets.count - 1
        while low < high {
            let mid = (low + high) / 2
            if offsets[mid] <= index { low = mid + 1 } else { high = mid }
        }
        let part = low - 1
        return (part, index - offsets[part])
    }

    public func element(at index: Int) throws(Failure) -> Element {
        let (part, local) = locate(index)
        return try datasets[part].element(at: local)
    }

    public func element(at index: Int, generator: inout RandomGenerator) throws(Failure) -> Element {
        let (part, local) = locate(index)
        return try datasets[part].element(at: local, generator: &generator)
    }
}

/// `lhs` followed by `rhs`.
public func + <A: Dataset, B: Dataset>(lhs: A, rhs: B) -> ConcatDataset<A.Element, A.Failure>
where A.Element == B.Element, A.Failure == B.Failure {
    ConcatDataset(parts(of: lhs) + parts(of: rhs))
}

/// The parts of `dataset` for a concatenation: a concatenation's own parts (so `a + b + c` is one
/// flat concatenation), or the dataset itself.
private func parts<D: Dataset>(of dataset: D) -> [AnyDataset<D.Element, D.Failure>] {
    if let concat = dataset as? ConcatDataset<D.Element, D.Failure> { return concat.datasets }
    if let erased = dataset as? AnyDataset<D.Element, D.Failure> { return [erased] }
    return [AnyDataset(dataset)]
}
