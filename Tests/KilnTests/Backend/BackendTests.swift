import Foundation
import Testing
@testable import Kiln

@Suite struct BackendTests {
    /// CI installs OpenBLAS and runs the suite twice; make sure each run really used the path it
    /// means to test.
    @Test func blasIsLoadedUnlessDisabled() {
        let setting = ProcessInfo.processInfo.environment["KILN_BLAS"]
        if setting?.lowercased() == "none" {
            #expect(BLAS.library == nil)
            #expect(Kiln.backendDescription.contains("portable Swift"))
        } else if setting == nil, FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/libopenblas.so.0") {
            #expect(BLAS.library != nil)
            #expect(Kiln.backendDescription.contains("OpenBLAS"))
        }
        #expect(Kiln.backendDescription.contains("threads: \(ThreadPool.threadCount)"))
    }

    @Test func parallelForCoversTheRangeOnce() {
        let n = 100_003
        let hits = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        hits.initialize(repeating: 0, count: n)
        defer { hits.deallocate() }
        ThreadPool.parallelFor(n, grain: 1000) { range in
            for i in range { hits[i] += 1 }
        }
        #expect((0..<n).allSatisfy { hits[$0] == 1 })
    }

    /// A parallel loop inside a parallel loop, and parallel loops from several threads at once,
    /// each cover their range exactly once (the pool runs one job at a time; the others run on
    /// their caller's thread).
    @Test func nestedAndConcurrentParallelLoops() {
        let outer = 8, inner = 50_000
        let hits = UnsafeMutablePointer<UInt8>.allocate(capacity: outer * inner)
        hits.initialize(repeating: 0, count: outer * inner)
        defer { hits.deallocate() }
        ThreadPool.parallelFor(outer, grain: 1) { rows in
            for row in rows {
                ThreadPool.parallelFor(inner, grain: 1000) { cols in
                    for c in cols { hits[row * inner + c] += 1 }
                }
            }
        }
        #expect((0..<(outer * inner)).allSatisfy { hits[$0] == 1 })

        let callers = 4, rounds = 200, n = 40_000
        let sums = UnsafeMutablePointer<Int>.allocate(capacity: callers)
        sums.initialize(repeating: 0, count: callers)
        defer { sums.deallocate() }
        let shared = SharedPointer(value: sums)
        DispatchQueue.concurrentPerform(iterations: callers) { caller in
            let parts = UnsafeMutablePointer<Int>.allocate(capacity: n)
            defer { parts.deallocate() }
            for _ in 0..<rounds {
                ThreadPool.parallelFor(n, grain: 1000) { range in
                    for i in range { parts[i] = i }
                }
                shared.value[caller] += (0..<n).reduce(0) { $0 + parts[$1] }
            }
        }
        #expect((0..<callers).allSatisfy { sums[$0] == rounds * (n * (n - 1) / 2) })
    }

    /// Resident memory stays flat over 10,000 forward/backward/update steps of a small MLP: the
    /// graph, its saved tensors and the buffer cache are all released or reused each step. It runs
    /// in a child process (an exit test) so other tests running in parallel do not disturb the
    /// measurement.
    @Test func trainingLoopDoesNotLeak() async {
        guard Kiln.residentMemoryBytes() != nil else { return }
        await #expect(processExitsWith: .success) {
            let resident = BackendTests.residentMemoryTrace(steps: 10_000, every: 1_000)
            // After warm-up, growth over the last 9,000 steps stays under 2 MiB (a leak of even
            // one small tensor per step would add more than that).
            if resident.last! - resident[0] >= 2 << 20 {
                print("resident memory grew: \(resident)")
                exit(1)
            }
        }
    }

    static func residentMemoryTrace(steps: Int, every: Int) -> [Int] {
        let w1 = Parameter(Tensor(randomNormal: [16, 32], seed: 1) * 0.1), b1 = Parameter(Tensor.zeros([32]))
        let w2 = Parameter(Tensor(randomNormal: [32, 4], seed: 2) * 0.1), b2 = Parameter(Tensor.zeros([4]))
        let parameters = [w1, b1, w2, b2]
        let x = Tensor(randomNormal: [8, 16], seed: 3)
        let labels = Tensor(randomIntegers: [8, 1], high: 4, seed: 4)
        var resident: [Int] = []
        for step in 1...steps {
            let hidden = relu(matmul(x, w1.value) + b1.value)
            let logits = matmul(hidden, w2.value) + b2.value
            let loss = -logits.logSoftmax(axis: 1).gathering(alongAxis: 1, index: labels).mean()
            loss.backward()
            noGrad {
                for p in parameters {
                    p.value = p.value - p.grad! * 0.05
                    p.zeroGrad()
                }
            }
            if step % every == 0 { resident.append(Kiln.residentMemoryBytes()!) }
        }
        return resident
    }
}

/// Hands a pointer to concurrent test code that writes disjoint elements.
private struct SharedPointer: @unchecked Sendable {
    let value: UnsafeMutablePointer<Int>
}
