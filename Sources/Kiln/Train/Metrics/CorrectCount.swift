/// The tallies behind `Accuracy` and `TopKAccuracy`: samples counted correct, samples seen.
struct CorrectCount: Equatable, Sendable {
    var correct = 0
    var total = 0

    /// correct / total; NaN before the first sample.
    func compute() -> Double { total > 0 ? Double(correct) / Double(total) : .nan }

    /// [correct, total].
    var state: [Double] { [Double(correct), Double(total)] }

    mutating func load(_ state: [Double], metric: String) throws {
        try MetricStateError.check(state, metric: metric, expected: 2, counts: 0..<2)
        guard state[0] <= state[1] else {
            throw MetricStateError.invalidValue(metric: metric, index: 0, value: state[0], expected: "at most the total \(state[1])")
        }
        (correct, total) = (Int(state[0]), Int(state[1]))
    }
}
