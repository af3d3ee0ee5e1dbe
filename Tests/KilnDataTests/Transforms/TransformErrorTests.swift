import Foundation
import Kiln
import KilnData
import Testing

/// Wrong arguments are programmer errors: the process stops with a message naming the transform
/// and the values. Each case runs in a child process (a Swift Testing exit test).
@Suite struct TransformErrorTests {
    static func expectMessage(_ result: ExitTest.Result?, contains needles: [String],
                              sourceLocation: SourceLocation = #_sourceLocation) {
        guard let result else { return }
        let text = String(decoding: result.standardErrorContent, as: UTF8.self)
        for needle in needles {
            #expect(text.contains(needle), "stderr lacks \"\(needle)\": \(text)", sourceLocation: sourceLocation)
        }
    }

    @Test func cropLargerThanThePaddedImage() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var g = RandomGenerator(seed: 0)
            _ = RandomCrop(30, padding: 2)(Image(pixels: Tensor.zeros([20, 20, 1], dtype: .uint8)), using: &g)
        }
        Self.expectMessage(result, contains: ["RandomCrop:", "[30, 30]", "24 × 24"])
    }

    @Test func normalizeWithTheWrongChannelCount() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = Normalize(mean: [0.5, 0.5], std: [0.2, 0.2])(Tensor.zeros([3, 4, 4]))
        }
        Self.expectMessage(result, contains: ["Normalize:", "2 means", "3 channels"])
    }

    @Test func colourOpsOnTensorsOfOtherChannelCounts() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = adjustSaturation(Tensor.zeros([4, 2, 2]), factor: 0.5)
        }
        Self.expectMessage(result, contains: ["adjustSaturation:", "1 or 3 channels", "[4, 2, 2]"])
    }

    @Test func hueFactorOutOfRange() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = adjustHue(Tensor.zeros([3, 2, 2]), factor: 0.7)
        }
        Self.expectMessage(result, contains: ["adjustHue:", "0.7"])
    }

    @Test func tensorImagesNeedThreeAxes() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = hflip(Tensor.zeros([2, 3, 4, 4]))
        }
        Self.expectMessage(result, contains: ["hflip:", "[2, 3, 4, 4]"])
    }
}
