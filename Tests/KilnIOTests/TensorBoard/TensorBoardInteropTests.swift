import Foundation
import Kiln
import Testing
@testable import KilnIO

/// The run check_kiln_events.py checks with TensorBoard's own readers:
///
///     KILN_TENSORBOARD_OUT=/tmp/kiln-tb swift test --filter TensorBoardInteropTests
///     python Tests/Fixtures/tensorboard/check_kiln_events.py /tmp/kiln-tb/run --expect /tmp/kiln-tb/expected.json
///
/// It writes `run/` (one event file) and `expected.json`, which lists what was logged — the
/// inputs of the calls below and, for images, the pixels PyTorch's writer makes from the same
/// tensors (make_fixtures.py) — and reads the file back here.
@Suite struct TensorBoardInteropTests {
    @Test func writesARunForTensorBoard() throws {
        let fixtures = TensorBoardFixtures.self
        let output = try FormatFixtures.outputDirectory(environment: "KILN_TENSORBOARD_OUT")
        let run = output + "/run"
        try? FileManager.default.removeItem(atPath: run)
        let writer = try SummaryWriter(logDirectory: run)
        let losses = [2.25, 1.5, 0.875, 0.5, 0.3125]
        for (step, loss) in losses.enumerated() {
            try writer.addScalar("loss/train", loss, step: step)
            try writer.addScalar("learning_rate", 0.1, step: step)
        }
        try writer.addScalar("accuracy/valid", 0.9375, step: 4)
        let weights = (0..<200).map { Double($0 - 100) / 32 }
        try writer.addHistogram("fc1.weight", values: Tensor(weights.map { Float($0) }, shape: [10, 20]), step: 4)
        try writer.addHistogram("fc1.weight_bins10", values: weights, step: 4, bins: 10)
        try writer.addText("config", fixtures.text, step: 0)
        try writer.addImage("sample", fixtures.imageCHW, step: 4)
        try writer.addImage("sample_rgba", fixtures.imageHWC, step: 4, dataFormats: .hwc)
        try writer.close()

        let expected: [String: Any] = [
            "scalars": [
                "loss/train": losses.enumerated().map { [$0.offset, $0.element] },
                "learning_rate": (0..<5).map { [$0, 0.1] },
                "accuracy/valid": [[4, 0.9375]],
            ],
            "histograms": [
                "fc1.weight": [["step": 4, "values": weights, "bins": "tensorflow"]],
                "fc1.weight_bins10": [["step": 4, "values": weights, "bins": 10]],
            ],
            "texts": ["config/text_summary": [[0, fixtures.text]]],
            "images": [
                "sample": [["step": 4, "width": 3, "height": 2, "channels": 3, "pixels": fixtures.samplePixels.map(Int.init)]],
                "sample_rgba": [["step": 4, "width": 3, "height": 2, "channels": 4, "pixels": fixtures.sampleHWCPixels.map(Int.init)]],
            ],
        ]
        let json = try JSONSerialization.data(withJSONObject: expected, options: [.prettyPrinted, .sortedKeys])
        try json.write(to: URL(fileURLWithPath: output + "/expected.json"))

        // Read back here too: 1 + 11 scalars + 2 histograms + 1 text + 2 images.
        let events = try EventFileReader.events(at: writer.path)
        #expect(events.count == 17)
        let loss = events.compactMap { event -> Double? in
            guard let value = event.values.first, value.tag == "loss/train", case .scalar(let v) = value.content else { return nil }
            return v
        }
        #expect(loss == losses)
        if ProcessInfo.processInfo.environment["KILN_TENSORBOARD_OUT"] == nil {
            try FileManager.default.removeItem(atPath: output)
        }
    }
}
