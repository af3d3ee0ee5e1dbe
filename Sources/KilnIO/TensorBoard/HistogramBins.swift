/// How `SummaryWriter.addHistogram` buckets values, as PyTorch's `add_histogram(bins=)` does.
///
/// `bins: 30` (an integer literal) and `bins: [0, 0.5, 1]` (an array literal) work too.
public enum HistogramBins: Sendable, Equatable, ExpressibleByIntegerLiteral, ExpressibleByArrayLiteral {
    /// TensorBoard's default buckets (PyTorch's `bins="tensorflow"`): edges at ±1e-12 · 1.1^k up
    /// to 1e20, and 0 — fine near zero, coarse far from it, the same for every step so the
    /// histograms of successive steps line up.
    case tensorflow
    /// This many equal-width bins from the smallest to the largest value (NumPy's `bins=int`).
    case count(Int)
    /// These bin edges, in increasing order; values outside them are counted in `num` but in no
    /// bucket (NumPy's `bins=sequence`).
    case edges([Double])

    public init(integerLiteral value: Int) { self = .count(value) }
    public init(arrayLiteral elements: Double...) { self = .edges(elements) }

    /// The bin edges for `values` (finite, not empty), as `numpy.histogram` computes them.
    func edges(for values: [Double]) -> [Double] {
        switch self {
        case .tensorflow:
            return Self.tensorFlowEdges
        case .count(let count):
            require(count > 0, "addHistogram: bins must be at least 1, got \(count)")
            var low = values.min()!, high = values.max()!
            if low == high {
                low -= 0.5
                high += 0.5
            }
            // numpy.linspace(low, high, count + 1): start + i · step, the last edge exactly `high`.
            let step = (high - low) / Double(count)
            var edges = (0...count).map { low + Double($0) * step }
            edges[count] = high
            return edges
        case .edges(let edges):
            require(edges.count >= 2, "addHistogram: bin edges need at least 2 values, got \(edges.count)")
            require(edges.allSatisfy { $0.isFinite }, "addHistogram: bin edges must be finite, got \(edges)")
            require(zip(edges, edges.dropFirst()).allSatisfy { $0 <= $1 }, "addHistogram: bin edges must increase monotonically, got \(edges)")
            return edges
        }
    }

    /// PyTorch's `SummaryWriter.default_bins`: v = 1e-12, multiplied by 1.1 while below 1e20,
    /// mirrored to the negatives around 0 (the same double arithmetic, so the same edges).
    static let tensorFlowEdges: [Double] = {
        var positive: [Double] = []
        var v = 1e-12
        while v < 1e20 {
            positive.append(v)
            v *= 1.1
        }
        return positive.reversed().map { -$0 } + [0] + positive
    }()
}
