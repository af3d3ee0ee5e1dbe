import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Kiln's histogram buckets against PyTorch's (`torch.utils.tensorboard.summary.make_histogram`):
/// the histograms PyTorch wrote into the fixture for the same values, and literals printed by
/// PyTorch for edge cases (see make_fixtures.py).
@Suite struct SummaryHistogramTests {
    /// The fixture's histogram event with this tag.
    func pytorchHistogram(_ tag: String) throws -> TensorBoardEvent.Histogram? {
        for event in try EventFileReader.events(at: TensorBoardFixtures.pytorchFile) {
            for value in event.values where value.tag == tag {
                if case .histogram(let h) = value.content { return h }
            }
        }
        return nil
    }

    @Test(arguments: [("weights", HistogramBins.tensorflow), ("weights_bins5", 5), ("weights_edges", .edges(TensorBoardFixtures.histogramEdges))])
    func bucketsEqualPyTorch(tag: String, bins: HistogramBins) throws {
        let reference = try #require(try pytorchHistogram(tag))
        let kiln = try SummaryHistogram.make(tag: tag, values: TensorBoardFixtures.histogramValues, bins: bins)
        #expect(kiln.bucketLimit == reference.bucketLimits)
        #expect(kiln.bucket == reference.bucketCounts)
        #expect((kiln.min, kiln.max, kiln.num, kiln.sum, kiln.sumSquares)
            == (reference.min, reference.max, reference.count, reference.sum, reference.sumSquares))
    }

    /// PyTorch's `SummaryWriter().default_bins`: 1,549 edges from -0x1.58323029f544cp+66 to its
    /// negation, 0 in the middle, ±1e-12 beside it.
    @Test func defaultEdgesArePyTorchs() {
        let edges = HistogramBins.tensorFlowEdges
        #expect(edges.count == 1549)
        #expect(edges[0] == -Double("0x1.58323029f544cp+66")!)
        #expect(edges[1548] == Double("0x1.58323029f544cp+66")!)
        #expect(edges[773] == -1e-12 && edges[774] == 0 && edges[775] == 1e-12)
        #expect(edges[776] == Double("0x1.359f5a7b2817ap-40")!)
    }

    /// make_histogram([2, 2, 2], bins=3): NumPy widens an empty range by ±0.5.
    @Test func equalValuesWithCountBins() throws {
        let h = try SummaryHistogram.make(tag: "t", values: [2, 2, 2], bins: 3)
        #expect(h.bucketLimit == [Double("0x1.d555555555555p+0")!, Double("0x1.1555555555555p+1")!])
        #expect(h.bucket == [0, 3])
        #expect((h.min, h.max, h.num, h.sum, h.sumSquares) == (2, 2, 3, 6, 12))
    }

    /// make_histogram([7], default_bins) and make_histogram([-1, 1], bins=1).
    @Test func singleValues() throws {
        let seven = try SummaryHistogram.make(tag: "t", values: [7], bins: .tensorflow)
        #expect(seven.bucketLimit == [Double("0x1.b26c2d0ea8829p+2")!, Double("0x1.dddd64c352f61p+2")!])
        #expect(seven.bucket == [0, 1])
        let one = try SummaryHistogram.make(tag: "t", values: [-1, 1], bins: 1)
        #expect(one.bucketLimit == [-1, 1])
        #expect(one.bucket == [0, 2])
    }

    /// make_histogram([1e-13, -1e-13, 5e19, 0], [-1e-12, 0, 1e-12, 1e20]): edges are [left, right),
    /// the last bin closed.
    @Test func valuesOnEdges() throws {
        let h = try SummaryHistogram.make(tag: "t", values: [1e-13, -1e-13, 5e19, 0], bins: [-1e-12, 0, 1e-12, 1e20])
        #expect(h.bucket == [0, 1, 2, 1])
        #expect(h.bucketLimit == [-1e-12, 0, 1e-12, 1e20])
        let last = try SummaryHistogram.make(tag: "t", values: [0, 1, 1], bins: [0, 0.5, 1])
        #expect(last.bucket == [0, 1, 2])
    }

    /// make_histogram([5], [0, 1]) keeps one empty bucket (PyTorch writes it); with more bins and
    /// no value inside them PyTorch raises "The histogram is empty": Kiln throws.
    @Test func valuesOutsideTheBins() throws {
        let h = try SummaryHistogram.make(tag: "t", values: [5], bins: [0, 1])
        #expect(h.bucket == [0] && h.bucketLimit == [1])
        #expect(throws: SummaryWriterError.self) { try SummaryHistogram.make(tag: "t", values: [5], bins: [0, 1, 2]) }
    }

    @Test func nonFiniteValuesThrow() throws {
        for bad in [Double.nan, .infinity, -.infinity] {
            let error = #expect(throws: SummaryWriterError.self) { try SummaryHistogram.make(tag: "w", values: [1, bad], bins: .tensorflow) }
            #expect(error?.kind == .nonFiniteValues)
            #expect(error?.description.contains("\"w\"") == true)
        }
    }
}
