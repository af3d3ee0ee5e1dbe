import Kiln

/// A random-access collection of samples (PyTorch's map-style dataset): a `count` and the sample
/// at each index, read as `dataset[i]`. Loaders read samples in any order and from several
/// threads at once, so a dataset is `Sendable` and reading must be safe to do concurrently.
///
/// A conforming type implements `count` and `element(at:)` (PyTorch's `__len__` and
/// `__getitem__`); one whose samples are random (augmentation) implements
/// `element(at:generator:)` too and draws from the generator it is given:
///
/// ```swift
/// struct Squares: Dataset {
///     var count: Int { 10 }
///     func element(at index: Int) -> Tensor { Tensor(Double(index * index)) }
/// }
/// Squares()[3]   // 9
/// ```
///
/// Reading a sample may throw — a dataset that decodes files on demand fails on a bad file —
/// with the error type `Failure`. In-memory datasets have `Failure == Never` (inferred from a
/// non-throwing `element(at:)`), so reading them and iterating their loaders needs no `try`.
public protocol Dataset<Element>: Sendable {
    associatedtype Element: Sendable
    associatedtype Failure: Error = Never

    /// The number of samples; valid indices are `0..<count`.
    var count: Int { get }

    /// The sample at `index`.
    func element(at index: Int) throws(Failure) -> Element

    /// The sample at `index`, drawing any randomness (augmentation) from `generator`. Loaders call
    /// this with a generator seeded from (loader seed, epoch, index), so the same seed gives the
    /// same samples on any number of threads. By default, `element(at:)`.
    func element(at index: Int, generator: inout RandomGenerator) throws(Failure) -> Element
}

extension Dataset {
    public func element(at index: Int, generator: inout RandomGenerator) throws(Failure) -> Element {
        try element(at: index)
    }

    /// Whether the dataset has no samples.
    public var isEmpty: Bool { count == 0 }

    /// The indices of the samples, `0..<count`.
    public var indices: Range<Int> { 0..<count }

    /// The sample at `index`, for datasets that can fail to load.
    public subscript(index: Int) -> Element {
        get throws { try element(at: index) }
    }
}

extension Dataset where Failure == Never {
    /// The sample at `index`.
    public subscript(index: Int) -> Element {
        element(at: index)
    }
}

// These subscripts are conveniences over the `element(at:)` methods rather than requirements: a
// subscript with a generic typed error that is `Never` at the call site crashes the Swift 6.3
// compiler (SILGen), while methods of that kind compile.

// MARK: - map

extension Dataset where Failure == Never {
    /// A dataset whose samples are `transform` applied to this one's, computed when read (lazily,
    /// on the loader's worker threads). `transform` gets a generator for random augmentation:
    /// seeded per (loader seed, epoch, index) under a `DataLoader`, so augmentations are
    /// reproducible whatever the number of workers. A throwing transform makes the dataset
    /// throw its error type.
    public func map<Output: Sendable, TransformFailure: Error>(
        _ transform: @escaping @Sendable (Element, inout RandomGenerator) throws(TransformFailure) -> Output
    ) -> AnyDataset<Output, TransformFailure> {
        AnyDataset(count: count) { (index: Int, generator: inout RandomGenerator) throws(TransformFailure) -> Output in
            try transform(self.element(at: index, generator: &generator), &generator)
        }
    }

    /// A dataset whose samples are `transform` applied to this one's (no randomness).
    public func map<Output: Sendable, TransformFailure: Error>(
        _ transform: @escaping @Sendable (Element) throws(TransformFailure) -> Output
    ) -> AnyDataset<Output, TransformFailure> {
        AnyDataset(count: count) { (index: Int, generator: inout RandomGenerator) throws(TransformFailure) -> Output in
            try transform(self.element(at: index, generator: &generator))
        }
    }
}

extension Dataset {
    /// `map` for a dataset whose samples can fail to load: the result throws either error.
    public func map<Output: Sendable>(
        _ transform: @escaping @Sendable (Element, inout RandomGenerator) throws -> Output
    ) -> AnyDataset<Output, any Error> {
        AnyDataset(count: count) { (index: Int, generator: inout RandomGenerator) throws -> Output in
            try transform(self.element(at: index, generator: &generator), &generator)
        }
    }

    /// `map` without randomness for a dataset whose samples can fail to load.
    public func map<Output: Sendable>(
        _ transform: @escaping @Sendable (Element) throws -> Output
    ) -> AnyDataset<Output, any Error> {
        AnyDataset(count: count) { (index: Int, generator: inout RandomGenerator) throws -> Output in
            try transform(self.element(at: index, generator: &generator))
        }
    }
}
