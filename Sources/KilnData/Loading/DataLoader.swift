import Kiln
import Synchronization

/// Batches of samples from a dataset, for training loops (PyTorch's `DataLoader`).
///
/// Each pass (`for batch in loader`) is one epoch: the sample order is a permutation drawn from
/// (seed, epoch) when `shuffle` is on, so every epoch has a new order; `workers` threads read and
/// transform samples and collate them into batches while the loop works on earlier ones, keeping
/// at most `prefetch` batches ahead of it; batches arrive in order.
///
/// **The batches depend only on the seed and the epoch, never on `workers`**: the order comes from
/// (seed, epoch), every sample's random augmentation from a generator seeded by (seed, epoch,
/// sample index), and no generator is shared between threads.
///
/// ```swift
/// let data = TensorDataset(images, labels).map { row, rng in   // random noise as augmentation
///     (row[0] + Tensor(randomNormal: row[0].shape, std: 0.1, generator: &rng), row[1])
/// }
/// let loader = DataLoader(data, batchSize: 128, shuffle: true, workers: 2, seed: 42)
/// for epoch in 0..<10 {
///     for (x, y) in loader { … }          // a new order each epoch
/// }
/// ```
///
/// A dataset that can throw (files decoded on demand) gives a loader whose iteration throws:
/// `for try await batch in loader.async`, or `while let batch = try iterator.nextBatch()`.
///
/// ## Keeping a training loop fed
///
/// Each worker makes whole batches (read, transform, collate) on its own thread, claiming batch
/// numbers in order, while the loop trains on earlier ones; the loop waits only when the batch it
/// asks for is not finished. Workers share the cores with the step's kernels, so a loop is fed
/// while making a batch costs less CPU than a step leaves free. `DataLoaderIterator.waitingTime`
/// says how long a loop waited for its batches. Kiln's kernel pool runs one parallel job at a
/// time: keep per-sample transforms small (they run inline on the worker), or a large op in a
/// transform can take the pool from the training step.
public final class DataLoader<Batch: Sendable, Failure: Error>: Sendable {
    /// Samples per batch.
    public let batchSize: Int
    /// Whether each epoch visits the samples in a new random order.
    public let shuffle: Bool
    /// Whether a last batch smaller than `batchSize` is left out.
    public let dropLast: Bool
    /// Threads that load batches; 0 loads each batch on the iterating thread when it is asked for.
    public let workers: Int
    /// How many batches may be ready or in the making ahead of the one the loop is working on
    /// (PyTorch's `prefetch_factor × num_workers`); 0 when `workers` is 0.
    public let prefetch: Int
    /// The seed of the epoch orders and of the samples' random transforms.
    public let seed: UInt64
    /// The number of samples in the dataset.
    public let sampleCount: Int

    /// Makes the batch of the samples at `indices` for `epoch`; nil when `stop` is raised first.
    let makeBatch: @Sendable (_ indices: ArraySlice<Int>, _ epoch: Int, _ stop: StopSignal?) throws(Failure) -> Batch?
    private let nextEpoch = Mutex<Int>(0)
    /// Counts of worker threads started and joined (for tests that check nothing is left behind).
    let threadLog = WorkerThreadLog()

    /// A loader that joins samples into batches with `collate`.
    ///
    /// - Parameters:
    ///   - prefetch: batches kept ready or in the making ahead of the loop; by default twice
    ///     `workers`. Fewer than `workers` leaves some workers idle.
    ///   - seed: the seed of the orders and transforms; by default one drawn from the global
    ///     generator (`GlobalRandom.seed(_:)` makes it reproducible, like `torch.manual_seed`).
    public init<Data: Dataset>(
        _ dataset: Data, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        workers: Int = 0, prefetch: Int? = nil, seed: UInt64? = nil,
        collate: @escaping @Sendable ([Data.Element]) -> Batch
    ) where Data.Failure == Failure {
        require(batchSize >= 1, "DataLoader: batchSize must be at least 1, got \(batchSize)")
        require(workers >= 0, "DataLoader: workers must not be negative, got \(workers)")
        if let prefetch {
            require(prefetch >= 1, "DataLoader: prefetch must be at least 1, got \(prefetch)")
        }
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.dropLast = dropLast
        self.workers = workers
        self.prefetch = workers == 0 ? 0 : (prefetch ?? 2 * workers)
        self.seed = seed ?? SampleSeeds.drawSeed()
        self.sampleCount = dataset.count
        let loaderSeed = self.seed
        self.makeBatch = { (indices: ArraySlice<Int>, epoch: Int, stop: StopSignal?) throws(Failure) -> Batch? in
            var samples: [Data.Element] = []
            samples.reserveCapacity(indices.count)
            for index in indices {
                if let stop, stop.isRaised { return nil }
                var generator = SampleSeeds.generator(seed: loaderSeed, epoch: epoch, index: index)
                samples.append(try dataset.element(at: index, generator: &generator))
            }
            return collate(samples)
        }
    }

    /// A loader for samples that collate themselves: tensors are stacked, numbers become 1-D
    /// tensors, `LabeledSample`s become `(input:, label:)` batches (see `Collatable`).
    public convenience init<Data: Dataset>(
        _ dataset: Data, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        workers: Int = 0, prefetch: Int? = nil, seed: UInt64? = nil
    ) where Data.Failure == Failure, Data.Element: Collatable, Batch == Data.Element.Batch {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, workers: workers,
                  prefetch: prefetch, seed: seed, collate: { Data.Element.collate($0) })
    }

    /// A loader for tuple samples, collated entry by entry: `(Tensor, Int)` samples give
    /// `(Tensor, Tensor)` batches, so `for (x, y) in loader` reads naturally.
    public convenience init<Data: Dataset, First: Collatable, Second: Collatable, each Rest: Collatable>(
        _ dataset: Data, batchSize: Int = 1, shuffle: Bool = false, dropLast: Bool = false,
        workers: Int = 0, prefetch: Int? = nil, seed: UInt64? = nil
    ) where Data.Failure == Failure, Data.Element == (First, Second, repeat each Rest),
            Batch == (First.Batch, Second.Batch, repeat (each Rest).Batch) {
        self.init(dataset, batchSize: batchSize, shuffle: shuffle, dropLast: dropLast, workers: workers,
                  prefetch: prefetch, seed: seed, collate: { (samples: [(First, Second, repeat each Rest)]) in collate(samples) })
    }

    /// Batches per epoch (PyTorch's `len(loader)`): ⌈samples / batchSize⌉, or ⌊samples / batchSize⌋
    /// with `dropLast`.
    public var count: Int {
        dropLast ? sampleCount / batchSize : (sampleCount + batchSize - 1) / batchSize
    }

    /// The epoch the next iteration will run. Each new iteration (`for … in loader`,
    /// `makeIterator()`, `loader.async`'s iterator) takes this epoch and advances it by one, so a
    /// loop over epochs sees a new order each time; set it to resume training at a given epoch.
    public var epoch: Int {
        get { nextEpoch.withLock { $0 } }
        set { nextEpoch.withLock { $0 = newValue } }
    }

    /// The sample indices of `epoch` in the order the batches take them (before `dropLast`).
    public func sampleOrder(epoch: Int) -> [Int] {
        guard shuffle else { return Array(0..<sampleCount) }
        var generator = RandomGenerator(seed: SampleSeeds.key(seed, .shuffle, UInt64(bitPattern: Int64(epoch))))
        return generator.permutation(sampleCount)
    }

    /// An iterator over the batches of the next epoch (advances `epoch`).
    public func makeIterator() -> DataLoaderIterator<Batch, Failure> {
        DataLoaderIterator(run: EpochRun(loader: self, epoch: takeEpoch()))
    }

    /// An iterator over the batches of `epoch` from batch `firstBatch` on, as the full epoch would
    /// have made them: what a training run resumed mid-epoch needs. Leaves `epoch` as it is.
    public func makeIterator(epoch: Int, firstBatch: Int) -> DataLoaderIterator<Batch, Failure> {
        require(firstBatch >= 0, "DataLoader.makeIterator: firstBatch must not be negative, got \(firstBatch)")
        return DataLoaderIterator(run: EpochRun(loader: self, epoch: epoch, firstBatch: firstBatch))
    }

    /// The batches of the next epoch as an `AsyncSequence`, for async training loops: waiting for
    /// a batch suspends the task instead of blocking its thread.
    public var async: DataLoaderBatches<Batch, Failure> { DataLoaderBatches(loader: self) }

    /// Returns the epoch for a new iteration and advances the counter.
    func takeEpoch() -> Int {
        nextEpoch.withLock { epoch in
            defer { epoch += 1 }
            return epoch
        }
    }
}

extension DataLoader: Sequence where Failure == Never {}

/// The batches of one epoch. Stopping early (leaving the loop) stops the workers and waits for
/// them to finish.
public struct DataLoaderIterator<Batch: Sendable, Failure: Error> {
    let run: EpochRun<Batch, Failure>

    /// The epoch this iterator runs.
    public var epoch: Int { run.epoch }

    /// The time spent inside `next()` so far: with workers, how long the loop waited for batches
    /// that were not ready (zero when it was always fed); without, the time spent loading them.
    public var waitingTime: Duration { run.waitingTime }

    /// The next batch, nil after the last; throws the error of a sample that failed to load
    /// (after which the iteration is over).
    public mutating func nextBatch() throws(Failure) -> Batch? {
        try run.next()
    }
}

extension DataLoaderIterator: IteratorProtocol where Failure == Never {
    public mutating func next() -> Batch? {
        nextBatch()
    }
}

/// A loader's batches for `for try await` loops: each iterator made runs a new epoch.
public struct DataLoaderBatches<Batch: Sendable, Failure: Error>: AsyncSequence, Sendable {
    public let loader: DataLoader<Batch, Failure>

    public func makeAsyncIterator() -> AsyncIterator {
        AsyncIterator(run: EpochRun(loader: loader, epoch: loader.takeEpoch()))
    }

    public struct AsyncIterator: AsyncIteratorProtocol {
        let run: EpochRun<Batch, Failure>

        /// The next batch, nil after the last or when the task is cancelled.
        public mutating func next(isolation actor: isolated (any Actor)?) async throws(Failure) -> Batch? {
            try await run.nextAsync(isolation: actor)
        }

        public mutating func next() async throws(Failure) -> Batch? {
            try await run.nextAsync()
        }
    }
}

/// A loader feeds `Trainer.fit`, which may resume an epoch part-way (from a checkpoint).
extension DataLoader: BatchSource {
    public func forEachBatch(epoch: Int, from firstBatch: Int, _ body: (Batch) throws -> Bool) throws {
        var batches = makeIterator(epoch: epoch, firstBatch: firstBatch)
        while let batch = try batches.nextBatch() {
            guard try body(batch) else { return }
        }
    }
}
