import Foundation
import Kiln
import KilnData
import KilnIO
import Synchronization
import Testing

@Suite struct PipelineSourceTests {
    @Test func listFilesMatchesAndSortsByBytes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-list-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir + "/sub", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["b.tfrecord", "a.tfrecord", "B.tfrecord", "c.txt", "sub/d.tfrecord", "a-10.tfrecord", "a-2.tfrecord"] {
            _ = FileManager.default.createFile(atPath: dir + "/" + name, contents: Data())
        }
        let files = try listFiles(matching: dir + "/*.tfrecord").elements
        #expect(files == ["B.tfrecord", "a-10.tfrecord", "a-2.tfrecord", "a.tfrecord", "b.tfrecord"].map { dir + "/" + $0 })
        #expect(try listFiles(matching: dir + "/*/*.tfrecord").elements == [dir + "/sub/d.tfrecord"])
        #expect(throws: FileError.self) { try listFiles(matching: dir + "/*.parquet") }
    }

    @Test func asyncElementsYieldsTheSequence() async throws {
        #expect(try await collect(AsyncElements([3, 1, 2])) == [3, 1, 2])
        #expect(try await collect(AsyncElements(0..<0)).isEmpty)
    }
}

@Suite struct PipelineParallelMapTests {
    /// Random delays make transforms finish out of order; the results still come in input order,
    /// and several transforms do run at once (never more than `parallelism`).
    @Test(.timeLimit(.minutes(1)))
    func keepsTheInputOrder() async throws {
        let running = Mutex<(now: Int, most: Int)>((0, 0))
        var delays = RandomGenerator(seed: 3)
        let delayFor = (0..<60).map { _ in Int(delays.next() % 6) }
        let mapped = AsyncElements(0..<60).map(parallelism: 4) { x in
            running.withLock { $0.now += 1; $0.most = max($0.most, $0.now) }
            try await Task.sleep(for: .milliseconds(delayFor[x]))
            running.withLock { $0.now -= 1 }
            return x * x
        }
        #expect(try await collect(mapped) == (0..<60).map { $0 * $0 })
        let most = running.withLock { $0.most }
        #expect(most <= 4)
        #expect(most > 1)
    }

    struct Bad: Error, Equatable { let value: Int }

    @Test func errorsReachTheConsumerInOrder() async {
        let mapped = AsyncElements(0..<10).map(parallelism: 3) { x in
            if x == 4 { throw Bad(value: 4) }
            return x
        }
        var seen: [Int] = []
        await #expect(throws: Bad(value: 4)) {
            for try await x in mapped { seen.append(x) }
        }
        #expect(seen == [0, 1, 2, 3])
    }

    /// A consumer that stops cancels the transforms still in flight.
    @Test(.timeLimit(.minutes(1)))
    func stoppingCancelsTransformsInFlight() async throws {
        let cancelled = Atomic<Int>(0)
        let mapped = AsyncElements(0..<100).map(parallelism: 4) { x in
            if x == 0 { return x }
            do {
                try await Task.sleep(for: .seconds(30))
            } catch {
                cancelled.add(1, ordering: .relaxed)
                throw error
            }
            return x
        }
        for try await _ in mapped { break }
        #expect(await eventually { cancelled.load(ordering: .relaxed) == 3 })
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerTaskCancelsTheTransforms() async {
        let mapped = AsyncElements(0..<100).map(parallelism: 2) { x in
            try await Task.sleep(for: .seconds(30))
            return x
        }
        let task = Task { try await collect(mapped) }
        try? await Task.sleep(for: .milliseconds(20))
        task.cancel()
        let result = await task.result
        #expect(throws: CancellationError.self) { try result.get() }
    }
}

@Suite struct PipelineShuffleTests {
    @Test(arguments: [1, 2, 7, 50, 100, 1000])
    func everyElementComesOutExactlyOnce(bufferSize: Int) async throws {
        let out = try await collect(AsyncElements(0..<100).shuffle(bufferSize: bufferSize, seed: 42))
        #expect(out.sorted() == Array(0..<100))
        // tf.data's buffer: output k is one of the first bufferSize + k inputs.
        for (k, x) in out.enumerated() { #expect(x < bufferSize + k) }
        if bufferSize == 1 { #expect(out == Array(0..<100)) } else { #expect(out != Array(0..<100)) }
    }

    @Test func theSeedDecidesTheOrder() async throws {
        let a = try await collect(AsyncElements(0..<50).shuffle(bufferSize: 20, seed: 1))
        let b = try await collect(AsyncElements(0..<50).shuffle(bufferSize: 20, seed: 1))
        let c = try await collect(AsyncElements(0..<50).shuffle(bufferSize: 20, seed: 2))
        #expect(a == b)
        #expect(a != c)
    }

    @Test func eachPassHasANewOrderUnlessToldOtherwise() async throws {
        let twice = try await collect(AsyncElements(0..<30).shuffle(bufferSize: 30, seed: 5).repeat(2))
        #expect(twice.count == 60)
        let first = Array(twice[..<30]), second = Array(twice[30...])
        #expect(first.sorted() == Array(0..<30) && second.sorted() == Array(0..<30))
        #expect(first != second)
        let same = try await collect(AsyncElements(0..<30).shuffle(bufferSize: 30, seed: 5, reshuffleEachIteration: false).repeat(2))
        #expect(Array(same[..<30]) == Array(same[30...]))
        #expect(Array(same[..<30]) == first, "pass 0 is the same either way")
    }
}

@Suite struct PipelineShardTests {
    @Test func elementIGoesToShardIModCount() async throws {
        let shards = try await (0..<3).asyncMap { try await collect(AsyncElements(0..<10).shard(count: 3, index: $0)) }
        #expect(shards == [[0, 3, 6, 9], [1, 4, 7], [2, 5, 8]])
    }

    @Test(arguments: [1, 2, 4, 7, 30])
    func shardsAreDisjointAndCoverTheData(count: Int) async throws {
        let shards = try await (0..<count).asyncMap { try await collect(AsyncElements(0..<23).shard(count: count, index: $0)) }
        let all = shards.flatMap { $0 }
        #expect(all.count == 23)
        #expect(Set(all).count == 23 && all.sorted() == Array(0..<23))
    }
}

@Suite struct PipelineInterleaveTests {
    /// The example of tf.data's `Dataset.interleave` documentation: range(1, 6), each element x
    /// repeated 6 times, cycle_length=2, block_length=4.
    @Test func tfDataDocumentationExample() async throws {
        let out = try await collect(AsyncElements(1..<6).interleave(cycleLength: 2, blockLength: 4) { x in
            AsyncElements(Array(repeating: x, count: 6))
        })
        #expect(out == [1, 1, 1, 1, 2, 2, 2, 2, 1, 1, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 3, 3, 4, 4, 5, 5, 5, 5, 5, 5])
    }

    /// Inner sequences of different lengths, one element per turn. By tf.data's rule (an ended
    /// inner sequence frees its slot, which the next outer element fills on the slot's next turn):
    /// slot 0: 10 | slot 1: 20 | slot 0 ends | 21 | slot 0 opens 3: 30 | slot 1 ends | 31 |
    /// slot 1 opens 4: 40 | 32 | 41 | slot 0 ends | 42 | (input ends) | 43 | slot 1 ends.
    @Test func unevenInnerSequencesTakeTurns() async throws {
        let out = try await collect(AsyncElements(1...4).interleave(cycleLength: 2) { x in
            AsyncElements((0..<x).map { x * 10 + $0 })
        })
        #expect(out == [10, 20, 21, 30, 31, 40, 32, 41, 42, 43])
    }

    @Test func cycleLengthOneIsFlatMap() async throws {
        let out = try await collect(AsyncElements(1...3).interleave(cycleLength: 1) { x in AsyncElements(Array(repeating: x, count: x)) })
        #expect(out == [1, 2, 2, 3, 3, 3])
    }
}

@Suite struct PipelineBatchTests {
    @Test func tensorsAreStacked() async throws {
        let tensors = (0..<7).map { Tensor([Float($0), Float(-$0)]) }
        let batches = try await collect(AsyncElements(tensors).batch(size: 3))
        #expect(batches.map(\.shape) == [[3, 2], [3, 2], [1, 2]])
        #expect(batches[1].scalars(as: Float.self) == [3, -3, 4, -4, 5, -5])
        let full = try await collect(AsyncElements(tensors).batch(size: 3, dropRemainder: true))
        #expect(full.map(\.shape) == [[3, 2], [3, 2]])
    }

    @Test func pairsAndArrays() async throws {
        let pairs = (0..<5).map { (Tensor([Float($0)]), $0 * 10) }
        let batches = try await collect(AsyncElements(pairs).batch(size: 2))
        #expect(batches.map { $0.1.scalars(as: Int64.self) } == [[0, 10], [20, 30], [40]])
        #expect(batches[0].0.shape == [2, 1])
        let words = try await collect(AsyncElements(["a", "b", "c"]).batch(size: 2) { $0 })
        #expect(words == [["a", "b"], ["c"]])
    }
}

@Suite struct PipelinePrefetchTests {
    /// The producer runs ahead, up to `count` elements and never more, and the order is kept.
    @Test(.timeLimit(.minutes(1)), arguments: [1, 3])
    func runsAheadByAtMostCount(count: Int) async throws {
        let source = CountingSource(count: 40)
        var received: [Int] = []
        for try await x in source.prefetch(count) {
            received.append(x)
            let ahead = { source.log.produced.load(ordering: .relaxed) - received.count }
            #expect(ahead() <= count)
            // The producer fills the window while the consumer waits…
            let window = min(count, 40 - received.count)
            #expect(await eventually { ahead() >= window })
            // …and goes no further.
            try await Task.sleep(for: .milliseconds(2))
            #expect(ahead() <= count)
        }
        #expect(received == Array(0..<40))
    }

    /// A consumer that stops early cancels the producer task: the producer leaves the source (its
    /// 30-second wait is cancelled) and produces nothing more.
    @Test(.timeLimit(.minutes(1)))
    func stoppingEarlyCancelsTheProducer() async throws {
        let source = CountingSource(count: nil, delay: .seconds(30), slowFrom: 1)
        for try await _ in source.prefetch(2) { break }
        #expect(await eventually { source.log.active.load(ordering: .relaxed) == 0 })
        #expect(source.log.produced.load(ordering: .relaxed) == 1)
    }

    @Test(.timeLimit(.minutes(1)))
    func cancellingTheConsumerTaskCancelsTheProducer() async {
        let source = CountingSource(count: nil, delay: .seconds(30))
        let task = Task { try await collect(source.prefetch(2)) }
        // Cancel once the producer is inside the source, waiting for its first element.
        #expect(await eventually { source.log.active.load(ordering: .relaxed) == 1 })
        task.cancel()
        _ = await task.result
        #expect(await eventually { source.log.sawCancellation.load(ordering: .relaxed) })
        #expect(await eventually { source.log.active.load(ordering: .relaxed) == 0 })
    }

    struct Broken: Error, Equatable {}

    @Test func errorsPassThrough() async {
        let failing = AsyncElements(0..<10).map(parallelism: 1) { x in
            if x == 6 { throw Broken() }
            return x
        }
        var seen: [Int] = []
        await #expect(throws: Broken()) {
            for try await x in failing.prefetch(2) { seen.append(x) }
        }
        #expect(seen == [0, 1, 2, 3, 4, 5])
    }
}

@Suite struct PipelineRepeatTakeCacheTests {
    @Test func repeatCountsPasses() async throws {
        #expect(try await collect(AsyncElements([1, 2, 3]).repeat(3)) == [1, 2, 3, 1, 2, 3, 1, 2, 3])
        #expect(try await collect(AsyncElements([1, 2, 3]).repeat(0)).isEmpty)
        #expect(try await collect(AsyncElements([1, 2, 3]).repeat().take(7)) == [1, 2, 3, 1, 2, 3, 1])
        #expect(try await collect(AsyncElements([Int]()).repeat()).isEmpty, "an empty sequence repeated forever ends")
    }

    @Test func takeIsAPrefix() async throws {
        #expect(try await collect(AsyncElements(0..<10).take(3)) == [0, 1, 2])
        #expect(try await collect(AsyncElements(0..<10).take(0)).isEmpty)
        #expect(try await collect(AsyncElements(0..<2).take(5)) == [0, 1])
    }

    @Test func cacheReplaysTheFirstCompletePass() async throws {
        let source = CountingSource(count: 5)
        let out = try await collect(source.cache().repeat(3))
        #expect(out == [0, 1, 2, 3, 4, 0, 1, 2, 3, 4, 0, 1, 2, 3, 4])
        #expect(source.log.iterations.load(ordering: .relaxed) == 1)
        #expect(source.log.produced.load(ordering: .relaxed) == 5)
    }

    @Test func anIncompletePassIsNotCached() async throws {
        let source = CountingSource(count: 5)
        let cached = source.cache()
        #expect(try await collect(cached.take(2)) == [0, 1])
        #expect(try await collect(cached) == [0, 1, 2, 3, 4])
        #expect(try await collect(cached) == [0, 1, 2, 3, 4])
        #expect(source.log.iterations.load(ordering: .relaxed) == 2)
    }

    @Test func filterComposesWithThePipeline() async throws {
        let evens = AsyncElements(0..<20).filter { $0 % 2 == 0 }.shuffle(bufferSize: 4, seed: 1).prefetch(2)
        #expect(try await collect(evens).sorted() == Array(stride(from: 0, to: 20, by: 2)))
    }
}

/// A whole tf.data-style pipeline over files: list, shard, interleave, parallel decode, shuffle,
/// batch, prefetch.
@Suite struct PipelineCompositionTests {
    @Test(.timeLimit(.minutes(1)))
    func filesToBatches() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-pipe-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for f in 0..<6 {
            let lines = (0..<5).map { String(f * 100 + $0) }.joined(separator: "\n")
            try lines.write(toFile: "\(dir)/part-\(f).txt", atomically: true, encoding: .utf8)
        }
        var all: [Int64] = []
        for shard in 0..<2 {
            let batches = try listFiles(matching: dir + "/part-*.txt")
                .shard(count: 2, index: shard)
                .interleave(cycleLength: 2) { path in
                    AsyncElements(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init))
                }
                .map(parallelism: 3) { line in Int(line)! }
                .shuffle(bufferSize: 8, seed: 7)
                .batch(size: 4)
                .prefetch(2)
            for try await batch in batches {
                #expect(batch.dtype == .int64)
                all += batch.scalars(as: Int64.self)
            }
        }
        let expected = (0..<6).flatMap { f in (0..<5).map { Int64(f * 100 + $0) } }
        #expect(all.sorted() == expected.sorted())
    }
}

extension Sequence {
    /// `map` with an async transform, one element after another.
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var out: [T] = []
        for element in self { out.append(try await transform(element)) }
        return out
    }
}
