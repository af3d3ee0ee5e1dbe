import Foundation
import Kiln
import KilnData
import Testing

@Suite struct JPEGTests {
    /// The acceptance check: within a mean absolute difference of 0.5 and a maximum of 8 of
    /// Pillow's pixels (libjpeg-turbo, islow IDCT, fancy upsampling). Measured: identical.
    @Test func flowerMatchesPillow() throws {
        let image = try JPEG.load(ImageFixtures.path("flower-160.jpg"))
        #expect(image.pixels.shape == [107, 160, 3])
        #expect(image.pixels.dtype == .uint8)
        let (mean, largest) = differences(image.samples, try ImageFixtures.expected("flower-160.jpg"))
        print("flower-160.jpg vs Pillow: mean absolute difference \(mean), max \(largest)")
        #expect(mean <= 0.5)
        #expect(largest <= 8)
        #expect(largest == 0)
    }

    /// Sampling layouts, greyscale, restart intervals, 16-bit tables (SOF1), Adobe RGB,
    /// non-interleaved scans: each within the acceptance bounds of Pillow's decoding (in fact equal).
    @Test(arguments: [
        ("jpeg-420.jpg", 37, 29, 3), ("jpeg-422.jpg", 37, 29, 3), ("jpeg-444.jpg", 37, 29, 3), ("jpeg-gray.jpg", 37, 29, 1),
        ("jpeg-restart.jpg", 96, 64, 3), ("jpeg-420-3x5.jpg", 3, 5, 3), ("jpeg-16bit-dqt.jpg", 37, 29, 3),
        ("jpeg-adobe-rgb.jpg", 37, 29, 3), ("jpeg-440.jpg", 43, 39, 3), ("jpeg-411.jpg", 43, 39, 3), ("jpeg-31.jpg", 43, 39, 3),
        ("jpeg-mixed.jpg", 43, 39, 3), ("jpeg-chroma-full-luma-half.jpg", 43, 39, 3), ("jpeg-noninterleaved.jpg", 43, 39, 3),
        ("jpeg-gray-h2v2.jpg", 43, 39, 1),
    ])
    func fixtureMatchesPillow(_ name: String, _ width: Int, _ height: Int, _ channels: Int) throws {
        let image = try JPEG.load(ImageFixtures.path(name))
        #expect(image.pixels.shape == [height, width, channels])
        let (mean, largest) = differences(image.samples, try ImageFixtures.expected(name))
        print("\(name) vs Pillow: mean absolute difference \(mean), max \(largest)")
        #expect(mean <= 0.5, "\(name)")
        #expect(largest <= 8, "\(name)")
        #expect(largest == 0, "\(name)")
    }

    @Test func decodeFromMemoryAndSniffing() throws {
        let bytes = try ImageFixtures.bytes("jpeg-420.jpg")
        let expected = try ImageFixtures.expected("jpeg-420.jpg")
        #expect(try JPEG.decode(bytes, source: "memory").samples == expected)
        #expect(try bytes.withUnsafeBytes { try JPEG.decode($0) }.samples == expected)
        #expect(try Image.decode(bytes).samples == expected)
        #expect(try Image.load(ImageFixtures.path("jpeg-gray.jpg")).samples == (try ImageFixtures.expected("jpeg-gray.jpg")))
    }

    @Test func progressiveIsUnsupported() throws {
        let error = expectDecodingError("progressive") { try JPEG.load(ImageFixtures.path("jpeg-progressive.jpg")) }
        #expect(error?.kind == .unsupported)
        #expect(error?.reason.contains("progressive") == true)
        #expect(error?.source.hasSuffix("jpeg-progressive.jpg") == true)
    }
}
