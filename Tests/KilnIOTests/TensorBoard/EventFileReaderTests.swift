import Foundation
import Kiln
import Testing
@testable import KilnIO

/// EventFileReader on the event file PyTorch's SummaryWriter wrote (make_fixtures.py): every
/// event with the values PyTorch logged, as TensorBoard's EventAccumulator read them there.
@Suite struct EventFileReaderTests {
    let events: [TensorBoardEvent]
    let wall = TensorBoardFixtures.wallTime

    init() throws {
        events = try EventFileReader.events(at: TensorBoardFixtures.pytorchFile)
    }

    /// The one value of the event at `index`.
    func value(_ index: Int) -> TensorBoardEvent.Value? {
        events[index].values.count == 1 ? events[index].values[0] : nil
    }

    @Test func findsTheEventFile() throws {
        #expect(try EventFileReader.eventFiles(in: TensorBoardFixtures.pytorchDirectory) == [TensorBoardFixtures.pytorchFile])
    }

    @Test func firstEventIsTheFileVersion() {
        #expect(events.count == 12)
        #expect(events[0].kind == .fileVersion("brain.Event:2"))
        #expect(events[0].step == 0)
    }

    @Test func scalars() {
        #expect(events[1] == TensorBoardEvent(wallTime: wall, step: 0, kind: .summary([.init(tag: "loss", content: .scalar(0.5))])))
        #expect(events[2] == TensorBoardEvent(wallTime: wall + 1, step: 1, kind: .summary([.init(tag: "loss", content: .scalar(0.25))])))
        // 0.1 as a float32 (EventAccumulator: 0.10000000149011612).
        #expect(value(3) == .init(tag: "lr", content: .scalar(0.10000000149011612)))
        // new_style=True: a DT_FLOAT tensor of the "scalars" plugin.
        #expect(value(4) == .init(tag: "accuracy", pluginName: "scalars", content: .scalar(0.75)))
        #expect(events[4].step == 2)
    }

    @Test func histograms() throws {
        guard case .histogram(let h)? = value(5)?.content else { Issue.record("event 5 is \(events[5])"); return }
        #expect(value(5)?.tag == "weights")
        #expect(events[5].step == 2)
        #expect((h.min, h.max, h.count, h.sum, h.sumSquares) == (-2.5, 3.0, 10, 3.5, 21.625))
        #expect(h.bucketLimits.count == 605 && h.bucketCounts.count == 605)
        let nonzero = h.bucketCounts.enumerated().filter { $0.element != 0 }.map { [$0.offset, Int($0.element)] }
        #expect(nonzero == [[1, 1], [11, 1], [25, 1], [302, 2], [585, 1], [592, 2], [598, 1], [604, 1]])
        #expect(h.bucketLimits.first == Double("-0x1.4efa3760f36eap+1"))
        #expect(h.bucketLimits.last == Double("0x1.95529a0c59c0dp+1"))

        guard case .histogram(let five)? = value(6)?.content else { Issue.record("event 6 is \(events[6])"); return }
        #expect(five.bucketCounts == [0, 1, 1, 4, 3, 1])
        // make_fixtures.py printed them with float.hex().
        #expect(five.bucketLimits == ["-0x1.4000000000000p+1", "-0x1.6666666666666p+0", "-0x1.3333333333330p-2",
                                      "0x1.999999999999cp-1", "0x1.e666666666668p+0", "0x1.8000000000000p+1"].map { Double($0)! })

        guard case .histogram(let edges)? = value(7)?.content else { Issue.record("event 7 is \(events[7])"); return }
        #expect(edges.bucketLimits == TensorBoardFixtures.histogramEdges)
        #expect(edges.bucketCounts == [0, 1, 2, 3, 3])
        #expect(edges.count == 10)
    }

    @Test func text() {
        #expect(value(8) == .init(tag: "note/text_summary", pluginName: "text", content: .text(TensorBoardFixtures.text)))
        #expect(events[8].step == 3)
    }

    @Test func images() throws {
        let expected: [(Int, String, Int, Int, Int, [UInt8])] = [
            (9, "sample", 3, 2, 3, TensorBoardFixtures.samplePixels),
            (10, "sample_hwc", 3, 2, 4, TensorBoardFixtures.sampleHWCPixels),
            (11, "grey", 2, 2, 3, TensorBoardFixtures.greyPixels),
        ]
        for (index, tag, width, height, channels, pixels) in expected {
            guard let value = value(index), case .image(let image) = value.content else { Issue.record("event \(index) is \(events[index])"); continue }
            #expect(value.tag == tag)
            #expect((image.width, image.height, image.channels) == (width, height, channels), "\(tag)")
            let decoded = try decodeSimplePNG(image.encoded)
            #expect((decoded.width, decoded.height, decoded.channels) == (width, height, channels), "\(tag)")
            #expect(decoded.pixels == pixels, "\(tag)")
        }
    }
}
