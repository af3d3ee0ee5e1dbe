/// A saved metric state (from a checkpoint) that does not fit the metric it is loaded into.
public enum MetricStateError: Error, Equatable, CustomStringConvertible {
    /// The state has `got` numbers; the metric keeps `expected`.
    case wrongLength(metric: String, expected: Int, got: Int)
    /// The number at `index` is not what the metric keeps there (e.g. a negative count).
    case invalidValue(metric: String, index: Int, value: Double, expected: String)

    public var description: String {
        switch self {
        case let .wrongLength(metric, expected, got):
            "metric '\(metric)': the saved state has \(got) numbers, expected \(expected)"
                + " (was it saved by another metric or with another number of classes?)"
        case let .invalidValue(metric, index, value, expected):
            "metric '\(metric)': saved state number \(index) is \(value), expected \(expected)"
        }
    }
}

extension MetricStateError {
    /// Checks a saved state before a metric takes it: its length, that the numbers at `counts`
    /// are non-negative whole numbers and that those at `nonNegative` are not negative (a sum
    /// of absolute values may be NaN or infinite after a diverged batch, and still resumes).
    static func check(_ state: [Double], metric: String, expected: Int,
                      counts: some Sequence<Int>, nonNegative: some Sequence<Int> = EmptyCollection()) throws {
        guard state.count == expected else { throw wrongLength(metric: metric, expected: expected, got: state.count) }
        for i in counts where !(state[i] >= 0 && state[i] <= 0x1p53 && state[i].rounded() == state[i]) {
            throw invalidValue(metric: metric, index: i, value: state[i], expected: "a count (a non-negative whole number)")
        }
        for i in nonNegative where state[i] < 0 {
            throw invalidValue(metric: metric, index: i, value: state[i], expected: "a non-negative sum")
        }
    }
}
