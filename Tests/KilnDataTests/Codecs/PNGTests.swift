import Foundation
import Kiln
import KilnData
import KilnIO
import Testing

@Suite struct PNGTests {
    @Test func flowerMatchesPillowExactly() throws {
        let rgb = try PNG.load(ImageFixtures.path("flower-160.png"))
        #expect(rgb.pixels.shape == [107, 160, 3])
        #expect(rgb.pixels.dtype == .uint8)
        #expect(rgb.samples == (try ImageFixtures.expected("flower-160.png")))

        let grey = try PNG.load(ImageFixtures.path("flower-160-gray.png"))
        #expect(grey.pixels.shape == [107, 160, 1])
        #expect(grey.samples == (try ImageFixtures.expected("flower-160-gray.png")))
    }

    /// Every colour type and bit depth, interlaced or not, palettes with and without tRNS, all
    /// five filters, split IDAT: exactly the pixels the fixture script encoded (which Pillow
    /// decodes to the same values).
    @Test func everyColorTypeAndBitDepth() throws {
        let cases = try ImageFixtures.pngCases()
        #expect(cases.count == 42)
        for name in cases {
            let wide = name.contains("16")
            var (width, height) = (13, 11)
            if let size = name.split(separator: "-").last?.split(separator: ".").first, size.contains("x") {
                let parts = size.split(separator: "x").compactMap { Int($0) }
                (width, height) = (parts[0], parts[1])
            }
            let channels = name.contains("greyalpha") ? 2 : name.contains("grey") ? 1 : name.contains("rgba") ? 4
                : name.contains("palette") ? (name.contains("trns") ? 4 : 3) : 3
            let image = try PNG.load(ImageFixtures.path(name))
            #expect(image.pixels.shape == [height, width, channels], "\(name)")
            #expect(image.pixels.dtype == (wide ? .int32 : .uint8), "\(name)")
            #expect(image.samples == (try ImageFixtures.expected(name, wide: wide)), "\(name)")
        }
    }

    @Test func decodeFromMemoryAndSniffing() throws {
        let bytes = try ImageFixtures.bytes("png-rgba8.png")
        let viaArray = try PNG.decode(bytes, source: "memory")
        let viaPointer = try bytes.withUnsafeBytes { try PNG.decode($0, source: "memory") }
        let sniffed = try Image.decode(bytes)
        let expected = try ImageFixtures.expected("png-rgba8.png")
        #expect(viaArray.samples == expected)
        #expect(viaPointer.samples == expected)
        #expect(sniffed.samples == expected)
        #expect(try Image.load(ImageFixtures.path("png-grey4.png")).samples == (try ImageFixtures.expected("png-grey4.png")))
    }

    @Test func missingFileThrowsFileError() {
        #expect(throws: FileError.self) { _ = try PNG.load("/nonexistent/kiln/image.png") }
    }

    // MARK: - Encoder

    /// Images of every channel count at 8 and 16 bits survive encode → decode unchanged, with
    /// both filter strategies.
    @Test func encodeRoundTrips() throws {
        for image in PNGTests.encoderInputs() {
            for filtering in [PNG.Filtering.none, .adaptive] {
                let file = PNG.encode(image, filtering: filtering)
                let back = try PNG.decode(file, source: "round trip")
                #expect(back.pixels.shape == image.pixels.shape)
                #expect(back.pixels.dtype == image.pixels.dtype)
                #expect(back.samples == image.samples, "\(image.pixels.shape) \(image.pixels.dtype) \(filtering)")
            }
        }
    }

    /// Re-encoding a decoded fixture gives a file that decodes to the same pixels, and a
    /// non-contiguous (cropped) image encodes its own pixels.
    @Test func encodeFixturesAndViews() throws {
        for name in ["flower-160.png", "png-palette4-trns.png", "png-greyalpha16-interlaced.png"] {
            let image = try PNG.load(ImageFixtures.path(name))
            #expect(try PNG.decode(PNG.encode(image)).samples == image.samples, "\(name)")
        }
        let flower = try PNG.load(ImageFixtures.path("flower-160.png"))
        let crop = Image(pixels: flower.pixels[10..<20, 30..<45])
        let back = try PNG.decode(PNG.encode(crop, compressionLevel: 9))
        #expect(back.pixels.shape == [10, 15, 3])
        #expect(back.samples == crop.samples)
    }

    /// Adaptive filtering should beat filter 0 on a photo (it is the point of it).
    @Test func adaptiveFilteringShrinksPhotos() throws {
        let flower = try PNG.load(ImageFixtures.path("flower-160.png"))
        #expect(PNG.encode(flower, filtering: .adaptive).count < PNG.encode(flower, filtering: .none).count)
    }

    /// Writes encoded files for Pillow to check (check_kiln_png.py) when KILN_PNG_OUT names a folder.
    @Test func writeEncodedFilesForPillow() throws {
        guard let directory = ProcessInfo.processInfo.environment["KILN_PNG_OUT"] else { return }
        for (index, image) in PNGTests.encoderInputs().enumerated() {
            let shape = image.pixels.shape.map(String.init).joined(separator: "x")
            let name = "\(directory)/kiln-\(index)-\(shape)-\(image.pixels.dtype == .int32 ? 16 : 8)"
            try Data(PNG.encode(image)).write(to: URL(fileURLWithPath: name + ".png"))
            let raw: [UInt8] = image.pixels.dtype == .uint8 ? image.pixels.scalars(as: UInt8.self)
                : image.pixels.scalars(as: Int32.self).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            try Data(raw).write(to: URL(fileURLWithPath: name + ".pixels"))
        }
    }

    /// Deterministic test images: a gradient with a pattern, so every filter has work to do.
    static func encoderInputs() -> [Image] {
        var images: [Image] = []
        for channels in 1...4 {
            for wide in [false, true] {
                let height = 9, width = 14
                var values: [Int32] = []
                for y in 0..<height {
                    for x in 0..<width {
                        for c in 0..<channels {
                            let v = (x * 37 + y * 11 + c * 53 + (x * y) % 7 * 13) % 256
                            values.append(Int32(wide ? v * 255 + (x + c) % 3 * 97 : v))
                        }
                    }
                }
                let pixels = wide ? Tensor(values, shape: [height, width, channels])
                    : Tensor(values.map { UInt8($0) }, shape: [height, width, channels])
                images.append(Image(pixels: pixels))
            }
        }
        return images
    }
}
