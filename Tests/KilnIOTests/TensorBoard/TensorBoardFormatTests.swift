import Foundation
import Kiln
import Testing
@testable import KilnIO

/// The bytes of Kiln's events against FORMATS.md 5.3's test vectors (tensorboard 2.21 protos) and
/// against the records PyTorch's SummaryWriter wrote into the fixture.
@Suite struct TensorBoardFormatTests {
    @Test func scalarEventMatchesTestVector() {
        let event = SummaryEvent.summary(SummaryEvent.scalar(tag: "loss", value: 0.5), step: 1, wallTime: 1.0)
        #expect(hexString(SummaryEvent.serialized(event)) == "09000000000000f03f10012a0d0a0b0a046c6f7373150000003f")
    }

    @Test func scalarRecordMatchesTestVector() {
        let event = SummaryEvent.summary(SummaryEvent.scalar(tag: "loss", value: 0.5), step: 1, wallTime: 1.0)
        #expect(hexString(TFRecordWriter.frame(SummaryEvent.serialized(event)))
            == "1a00000000000000129bd82d09000000000000f03f10012a0d0a0b0a046c6f7373150000003f27f95db1")
    }

    @Test func fileVersionEventMatchesTestVector() {
        #expect(hexString(SummaryEvent.serialized(SummaryEvent.fileVersion(wallTime: 1.0)))
            == "09000000000000f03f1a0d627261696e2e4576656e743a32")
    }

    /// The writer's file holds the test vector's record after the file-version record.
    @Test func writerWritesTheTestVectorRecord() throws {
        try TensorBoardFixtures.withTemporaryDirectory { directory in
            let writer = try SummaryWriter(logDirectory: directory)
            try writer.addScalar("loss", 0.5, step: 1, wallTime: 1.0)
            try writer.close()
            let records = try TFRecordReader.records(at: writer.path)
            #expect(records.count == 2)
            #expect(hexString(records[1]) == "09000000000000f03f10012a0d0a0b0a046c6f7373150000003f")
            let file = try TestFiles.bytes(writer.path)
            #expect(hexString(Array(file.suffix(42)))
                == "1a00000000000000129bd82d09000000000000f03f10012a0d0a0b0a046c6f7373150000003f27f95db1")
        }
    }

    /// PyTorch's records 1, 2 and 8 of the fixture (make_fixtures.py printed them): Kiln's events
    /// for the same calls are the same bytes.
    @Test func eventsEqualPyTorchRecords() throws {
        let wall = TensorBoardFixtures.wallTime
        let records = try TFRecordReader.records(at: TensorBoardFixtures.pytorchFile)
        #expect(hexString(records[1]) == "0900000040fc54d9412a0d0a0b0a046c6f7373150000003f")
        #expect(hexString(records[2]) == "0900004040fc54d94110012a0d0a0b0a046c6f7373150000803e")
        #expect(hexString(records[8]) == "090000c040fc54d94110032a3d0a3b0a116e6f74652f746578745f73756d6d617279421c0807120412020801421268656c6c6f202a2a6b696c6e2a2a20e29c934a080a060a0474657874")
        #expect(SummaryEvent.serialized(SummaryEvent.summary(SummaryEvent.scalar(tag: "loss", value: 0.5), step: 0, wallTime: wall)) == records[1])
        #expect(SummaryEvent.serialized(SummaryEvent.summary(SummaryEvent.scalar(tag: "loss", value: 0.25), step: 1, wallTime: wall + 1)) == records[2])
        #expect(SummaryEvent.serialized(SummaryEvent.summary(SummaryEvent.text(tag: "note", TensorBoardFixtures.text), step: 3, wallTime: wall + 3))
            == records[8])
    }

    /// Histogram events are PyTorch's bytes too (the values' sums are exact, so NumPy's order of
    /// summation does not matter).
    @Test func histogramEventsEqualPyTorchRecords() throws {
        let wall = TensorBoardFixtures.wallTime
        let records = try TFRecordReader.records(at: TensorBoardFixtures.pytorchFile)
        let cases: [(Int, String, HistogramBins)] = [
            (5, "weights", .tensorflow), (6, "weights_bins5", 5), (7, "weights_edges", .edges(TensorBoardFixtures.histogramEdges)),
        ]
        for (index, tag, bins) in cases {
            let histogram = try SummaryHistogram.make(tag: tag, values: TensorBoardFixtures.histogramValues, bins: bins)
            let event = SummaryEvent.summary(SummaryEvent.histogram(tag: tag, histogram), step: 2, wallTime: wall + 2)
            #expect(SummaryEvent.serialized(event) == records[index], "\(tag)")
        }
    }
}
