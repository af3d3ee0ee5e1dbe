import Foundation

/// Median seconds per call of `body`, measured like the reference scripts: three warm-up calls,
/// then `samples` samples, each repeating the call until it lasts `minSampleSeconds`.
func secondsPerCall(minSampleSeconds: Double = 0.02, samples: Int = 5, minCalls: Int = 1, _ body: () -> Void) -> Double {
    for _ in 0..<3 { body() }
    var calls = minCalls
    while true {
        let elapsed = measure(calls, body)
        if elapsed >= minSampleSeconds { break }
        calls = max(calls * 2, Int(Double(calls) * 1.2 * minSampleSeconds / max(elapsed, 1e-9)))
    }
    let times = (0..<samples).map { _ in measure(calls, body) / Double(calls) }.sorted()
    return times[times.count / 2]
}

private func measure(_ calls: Int, _ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<calls { body() }
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Four significant digits: well inside run-to-run noise, and readable.
func significant(_ x: Double) -> Double {
    guard x != 0, x.isFinite else { return x }
    let scale = pow(10, 3 - floor(log10(abs(x))))
    return (x * scale).rounded() / scale
}

/// Keeps a value alive so the optimiser cannot drop the work that made it.
@inline(never)
func blackHole<T>(_ value: T) { _ = value }
