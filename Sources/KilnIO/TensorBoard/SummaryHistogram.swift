/// Builds the histogram TensorBoard's histogram plugin reads, bucketed exactly as
/// `torch.utils.tensorboard.summary.make_histogram` does: `numpy.histogram` over the edges, then
/// only the buckets from the first to the last non-empty one are kept, with one empty bucket to
/// their left whose right limit is the lowest kept edge (TensorBoard stores right limits only).
enum SummaryHistogram {
    static func make(tag: String, values: [Double], bins: HistogramBins) throws -> Tensorboard_HistogramProto {
        require(!values.isEmpty, "addHistogram(\"\(tag)\"): values is empty")
        let nonFinite = values.count(where: { !$0.isFinite })
        guard nonFinite == 0 else {
            throw SummaryWriterError(.nonFiniteValues, tag: tag,
                                     "\(nonFinite) of the \(values.count) values are NaN or infinite; a histogram needs finite values")
        }
        let edges = bins.edges(for: values)
        let counts = bucketCounts(values, edges: edges)
        let first: Int, last: Int
        if let nonEmpty = counts.firstIndex(where: { $0 > 0 }), let lastNonEmpty = counts.lastIndex(where: { $0 > 0 }) {
            (first, last) = (nonEmpty, lastNonEmpty)
        } else if counts.count == 1 {
            // PyTorch's slicing keeps the one (empty) bucket of a single bin.
            (first, last) = (1, 0)
        } else {
            throw SummaryWriterError(.valuesOutsideBins, tag: tag,
                                     "none of the \(values.count) values lies within the bins [\(edges.first!), \(edges.last!)]")
        }
        var histogram = Tensorboard_HistogramProto()
        histogram.min = values.min()!
        histogram.max = values.max()!
        histogram.num = Double(values.count)
        var sum = 0.0, sumSquares = 0.0
        for v in values {
            sum += v
            sumSquares += v * v
        }
        histogram.sum = sum
        histogram.sumSquares = sumSquares
        let end = last + 1
        histogram.bucket = first > 0 ? counts[(first - 1)..<end].map(Double.init) : [0] + counts[0..<end].map(Double.init)
        histogram.bucketLimit = Array(edges[first...end])
        return histogram
    }

    /// `numpy.histogram(values, bins=edges)[0]`: bin i holds edges[i] ≤ v < edges[i + 1], the
    /// last bin also v == its right edge; values outside [edges.first, edges.last] are in none.
    static func bucketCounts(_ values: [Double], edges: [Double]) -> [Int] {
        let binCount = edges.count - 1
        var counts = [Int](repeating: 0, count: binCount)
        guard let low = edges.first, let high = edges.last else { return counts }
        for v in values where v >= low && v <= high {
            if v == high {
                counts[binCount - 1] += 1
                continue
            }
            // The number of edges ≤ v, minus one.
            var lo = 0, hi = edges.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if edges[mid] <= v { lo = mid + 1 } else { hi = mid }
            }
            counts[lo - 1] += 1
        }
        return counts
    }
}
