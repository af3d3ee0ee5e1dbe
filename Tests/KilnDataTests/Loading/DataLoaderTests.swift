import Foundation
import Kiln
@testable import KilnData
import Synchronization
import Testing

/// A dataset of `count` samples: sample i is ([i, i + 0.5, i + 0.25] + uniform noise drawn from the
/// sample's generator, i). The noise makes the per-sample generators part of what is compared.
private func noisyDataset(_ count: Int) -> AnyDataset<(Tensor, Int), Never> {
    let rows = Tensor((0..<count).flatMap { [Float($0), Float($0) + 0.5, Float($0) + 0.25] }, shape: [count, 3])
    return TensorDataset(rows).map { row, generator in
        (row[0] + Tensor(randomUniform: [3], generator: &generator), Int(row[0][0].item()))
    }
}

/// The batches of one epoch as plain numbers: (inputs, labels) per batch.
private func epochBatches(_ loader: DataLoader<(Tensor, Tensor), Never>) -> [([Float], [Int64])] {
    loader.map { x, y in (x.scalars(as: Float.self), y.scalars(as: Int64.self)) }
}

private func sleep(milliseconds: Int) {
    Thread.sleep(forTimeInterval: Double(milliseconds) / 1000)
}

@Suite struct DataLoaderTests {
    /// len(DataLoader) from PyTorch (make_loader_literals.py).
    @Test(arguments: [(10, 3, 4, 3), (9, 3, 3, 3), (0, 4, 0, 0), (5, 8, 1, 0)])
    func batchCountIsPyTorchsLength(samples: Int, batchSize: Int, expected: Int, expectedDroppingLast: Int) {
        let data = TensorDataset(Tensor((0..<samples).map { Float($0) }))
        #expect(DataLoader(data, batchSize: batchSize).count == expected)
        #expect(DataLoader(data, batchSize: batchSize, dropLast: true).count == expectedDroppingLast)
        #expect(Array(DataLoader(data, batchSize: batchSize)).count == expected)
        #expect(Array(DataLoader(data, batchSize: batchSize, dropLast: true, workers: 2)).count == expectedDroppingLast)
    }

    @Test(arguments: [0, 3])
    func withoutShuffleBatchesAreConsecutiveSamples(workers: Int) {
        let data = TensorDataset(Tensor((0..<10).map { Float($0) }), Tensor((0..<10).map { Int64(100 + $0) }))
        let loader = DataLoader(data, batchSize: 4, workers: workers)
        let batches = Array(loader)
        #expect(batches.count == 3)
        #expect(batches.map { $0[0].scalars(as: Float.self) } == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]])
        #expect(batches.map { $0[1].scalars(as: Int64.self) } == [[100, 101, 102, 103], [104, 105, 106, 107], [108, 109]])
        #expect(batches[0][0].shape == [4])
        let dropping = Array(DataLoader(data, batchSize: 4, dropLast: true, workers: workers))
        #expect(dropping.map { $0[0].scalars(as: Float.self) } == [[0, 1, 2, 3], [4, 5, 6, 7]])
    }

    /// The acceptance: same seed, same batches with 0, 1 and 4 workers — including the random
    /// per-sample transform — and each epoch a new order that still covers every sample once.
    @Test func sameSeedGivesTheSameBatchesWhateverTheWorkers() {
        let data = noisyDataset(37)
        var runs: [[[([Float], [Int64])]]] = []
        for workers in [0, 1, 4] {
            let loader = DataLoader(data, batchSize: 5, shuffle: true, workers: workers, seed: 1234)
            runs.append([epochBatches(loader), epochBatches(loader)])
        }
        let reference = runs[0]
        for run in runs.dropFirst() {
            for epoch in 0..<2 {
                #expect(run[epoch].map(\.0) == reference[epoch].map(\.0))
                #expect(run[epoch].map(\.1) == reference[epoch].map(\.1))
            }
        }
        for epoch in 0..<2 {
            let labels = reference[epoch].flatMap(\.1)
            #expect(labels.sorted() == (0..<37).map { Int64($0) }, "epoch \(epoch) covers every sample once")
            #expect(reference[epoch].count == 8 && reference[epoch].last?.1.count == 2)
        }
        #expect(reference[0].flatMap(\.1) != reference[1].flatMap(\.1), "each epoch has a new order")
        // The noise is drawn per (seed, epoch, sample): epoch 1 augments sample k differently.
        let noise0 = Dictionary(uniqueKeysWithValues: reference[0].flatMap { b in zip(b.1, stride(from: 0, to: b.0.count, by: 3).map { b.0[$0] }) })
        let noise1 = Dictionary(uniqueKeysWithValues: reference[1].flatMap { b in zip(b.1, stride(from: 0, to: b.0.count, by: 3).map { b.0[$0] }) })
        #expect(noise0[5] != noise1[5])
        // Another seed, other batches.
        let other = DataLoader(data, batchSize: 5, shuffle: true, workers: 2, seed: 1235)
        #expect(epochBatches(other).flatMap(\.1) != reference[0].flatMap(\.1))
    }

    @Test func settingTheEpochResumesItsOrder() {
        let data = noisyDataset(20)
        let first = DataLoader(data, batchSize: 3, shuffle: true, workers: 2, seed: 9)
        _ = epochBatches(first)
        let second = epochBatches(first)
        #expect(first.epoch == 2)
        let resumed = DataLoader(data, batchSize: 3, shuffle: true, seed: 9)
        resumed.epoch = 1
        let again = epochBatches(resumed)
        #expect(again.map(\.0) == second.map(\.0) && again.map(\.1) == second.map(\.1))
        #expect(resumed.sampleOrder(epoch: 1) == second.flatMap(\.1).map { Int($0) })
    }

    /// The example of `DataLoader`'s documentation.
    @Test func documentationExample() {
        let images = Tensor(randomUniform: [10, 4], seed: 1)
        let labels = Tensor((0..<10).map { Int64($0 % 3) })
        let data = TensorDataset(images, labels).map { row, rng in
            (row[0] + Tensor(randomNormal: row[0].shape, std: 0.1, generator: &rng), row[1])
        }
        let loader = DataLoader(data, batchSize: 4, shuffle: true, workers: 2, seed: 42)
        var shapes: [[Int]] = [], seen: [Int64] = []
        for (x, y) in loader {
            shapes.append(x.shape)
            #expect(y.dtype == .int64)
            seen += y.scalars(as: Int64.self)
        }
        #expect(shapes == [[4, 4], [4, 4], [2, 4]])
        #expect(seen.sorted() == labels.scalars(as: Int64.self).sorted())
    }

    @Test func labeledSamplesGiveNamedBatches() {
        let data = AnyDataset<LabeledSample<Tensor, Int>, Never>(count: 6) { i, _ in
            LabeledSample(input: Tensor([Float(i), Float(-i)]), label: i % 3)
        }
        var inputs: [[Float]] = [], labels: [[Int64]] = []
        for batch in DataLoader(data, batchSize: 4, workers: 1) {
            inputs.append(batch.input.scalars(as: Float.self))
            labels.append(batch.label.scalars(as: Int64.self))
        }
        #expect(inputs == [[0, 0, 1, -1, 2, -2, 3, -3], [4, -4, 5, -5]])
        #expect(labels == [[0, 1, 2, 0], [1, 2]])
    }

    @Test func customCollate() {
        let data = AnyDataset<String, Never>(count: 5) { i, _ in String(i) }
        let loader = DataLoader(data, batchSize: 2) { $0.joined(separator: "+") }
        #expect(Array(loader) == ["0+1", "2+3", "4"])
    }

    /// At most `prefetch` batches are ready or in the making ahead of the one the loop works on,
    /// and the workers do fill that window while the loop is busy.
    @Test(.timeLimit(.minutes(1)), arguments: [(1, 1), (2, 3), (3, 5)])
    func prefetchBoundsHowFarWorkersRunAhead(workers: Int, prefetch: Int) {
        let started = Mutex<Int>(-1)   // the highest batch any worker started
        let data = AnyDataset<Int, Never>(count: 60) { i, _ in
            started.withLock { $0 = max($0, i / 3) }
            return i
        }
        let loader = DataLoader(data, batchSize: 3, workers: workers, prefetch: prefetch)
        for (k, batch) in loader.enumerated() {
            #expect(batch.scalars(as: Int64.self) == [Int64(3 * k), Int64(3 * k + 1), Int64(3 * k + 2)])
            #expect(started.withLock { $0 } <= k + prefetch)
            // The workers fill the window while the loop works on batch k…
            let window = min(k + prefetch, loader.count - 1)
            #expect(waitUntil { started.withLock { $0 } >= window })
            // …and go no further.
            sleep(milliseconds: 2)
            #expect(started.withLock { $0 } <= k + prefetch)
        }
    }

    /// With workers, samples load while the loop is working on a batch (the loader keeps a
    /// training loop fed); with none they load only when the loop asks.
    @Test(.timeLimit(.minutes(1)), arguments: [(0, false), (2, true)])
    func workersLoadWhileTheLoopWorks(workers: Int, overlaps: Bool) {
        let loopIsWorking = Atomic<Bool>(false)
        let loadedDuringWork = Atomic<Int>(0)
        let data = AnyDataset<Int, Never>(count: 64) { i, _ in
            if loopIsWorking.load(ordering: .relaxed) { loadedDuringWork.add(1, ordering: .relaxed) }
            sleep(milliseconds: 1)   // a sample takes a while to load, as decoding does
            return i
        }
        for (k, _) in DataLoader(data, batchSize: 4, workers: workers).enumerated() where k < 3 {
            // The loop's "training step": lasts until a sample loaded meanwhile (at most 0.2 s).
            loopIsWorking.store(true, ordering: .relaxed)
            _ = waitUntil(seconds: 0.2) { loadedDuringWork.load(ordering: .relaxed) > 0 }
            loopIsWorking.store(false, ordering: .relaxed)
        }
        #expect((loadedDuringWork.load(ordering: .relaxed) > 0) == overlaps)
    }

    /// `waitingTime` adds up the time spent in `next()`: at least the loading time without workers.
    @Test func waitingTimeCountsTheTimeInNext() {
        let data = AnyDataset<Int, Never>(count: 12) { i, _ in
            sleep(milliseconds: 2)
            return i
        }
        var iterator = DataLoader(data, batchSize: 4).makeIterator()
        #expect(iterator.waitingTime == .zero)
        while iterator.next() != nil {}
        #expect(iterator.waitingTime >= .milliseconds(24))
    }

    /// Leaving the loop early stops and joins the workers, many times over, without hanging.
    @Test(.timeLimit(.minutes(1)))
    func breakingOutJoinsTheWorkers() {
        let data = noisyDataset(64)
        let loader = DataLoader(data, batchSize: 4, shuffle: true, workers: 3, prefetch: 4, seed: 5)
        for round in 0..<100 {
            for (k, _) in loader.enumerated() where k == round % 5 { break }
            #expect(loader.threadLog.started == loader.threadLog.joined)
        }
        #expect(loader.threadLog.started == 300)
        // An iterator dropped before its first batch starts no thread; one run to the end joins them.
        _ = loader.makeIterator()
        for _ in loader {}
        #expect(loader.threadLog.started == 303 && loader.threadLog.joined == 303)
    }

    /// The same for `for await … { break }` over `loader.async`.
    @Test(.timeLimit(.minutes(1)))
    func breakingOutOfTheAsyncLoopJoinsTheWorkers() async {
        let loader = DataLoader(noisyDataset(64), batchSize: 4, shuffle: true, workers: 2, seed: 5)
        for round in 0..<50 {
            for await (x, _) in loader.async {
                #expect(x.shape == [4, 3])
                if round % 3 == 0 { break }
            }
            #expect(loader.threadLog.started == loader.threadLog.joined)
        }
        #expect(loader.threadLog.started == 100)
    }

    struct Corrupt: Error, Equatable { let index: Int }

    private func failingDataset() -> AnyDataset<Tensor, Corrupt> {
        AnyDataset(count: 20) { (i: Int, _: inout RandomGenerator) throws(Corrupt) -> Tensor in
            if i == 13 { throw Corrupt(index: 13) }
            return Tensor(Double(i))
        }
    }

    /// A sample that fails to load ends the epoch with its error, after the batches before it.
    @Test(arguments: [0, 3])
    func errorsReachTheLoop(workers: Int) {
        let loader = DataLoader(failingDataset(), batchSize: 4, workers: workers)
        var iterator = loader.makeIterator()
        var batches: [[Float]] = []
        var caught: Corrupt?
        do {
            while let batch = try iterator.nextBatch() { batches.append(batch.scalars(as: Float.self)) }
        } catch {
            caught = error
        }
        #expect(caught == Corrupt(index: 13))
        #expect(batches == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]])
        var ended = false
        do { ended = try iterator.nextBatch() == nil } catch {}
        #expect(ended, "the epoch is over after an error")
        #expect(loader.threadLog.started == loader.threadLog.joined)
    }

    @Test(arguments: [0, 2])
    func asyncIterationGivesTheSameBatchesAndThrows(workers: Int) async {
        let data = noisyDataset(23)
        let syncLoader = DataLoader(data, batchSize: 4, shuffle: true, workers: workers, seed: 77)
        let expected = epochBatches(syncLoader)
        let asyncLoader = DataLoader(data, batchSize: 4, shuffle: true, workers: workers, seed: 77)
        var got: [([Float], [Int64])] = []
        for await (x, y) in asyncLoader.async {
            got.append((x.scalars(as: Float.self), y.scalars(as: Int64.self)))
        }
        #expect(got.map(\.0) == expected.map(\.0) && got.map(\.1) == expected.map(\.1))

        let failing = DataLoader(failingDataset(), batchSize: 4, workers: workers)
        var count = 0
        await #expect(throws: Corrupt(index: 13)) {
            for try await _ in failing.async { count += 1 }
        }
        #expect(count == 3)
        #expect(failing.threadLog.started == failing.threadLog.joined)
    }

    /// Cancelling the task that iterates `loader.async` ends the loop and joins the workers.
    @Test(.timeLimit(.minutes(1)))
    func cancellingTheAsyncLoopStopsTheWorkers() async throws {
        let data = AnyDataset<Int, Never>(count: 400) { i, _ in
            Thread.sleep(forTimeInterval: 0.002)
            return i
        }
        let loader = DataLoader(data, batchSize: 2, workers: 2)
        let received = Atomic<Int>(0)
        let task = Task {
            for await _ in loader.async { received.add(1, ordering: .relaxed) }
        }
        // A batch has arrived, so both workers run (a loaded CI machine can take many seconds).
        try #require(waitUntil(seconds: 45) { received.load(ordering: .relaxed) > 0 })
        task.cancel()
        await task.value
        #expect(received.load(ordering: .relaxed) < loader.count)
        #expect(loader.threadLog.started == 2 && loader.threadLog.joined == 2)
    }
}

/// Polls `condition` until it holds or `seconds` have passed; whether it held.
private func waitUntil(seconds: Double = 30, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return condition()
}
