import Foundation
import Kiln
import Testing
@testable import KilnIO

/// The PyTorch-written event file of Tests/Fixtures/tensorboard (made by make_fixtures.py there)
/// and the inputs it logged, and a small PNG reader for the tests' images.
enum TensorBoardFixtures {
    static let pytorchDirectory = FormatFixtures.root + "/tensorboard/pytorch"
    static let pytorchFile = pytorchDirectory + "/events.out.tfevents.1700000000.fixture.1.0"
    static let wallTime = 1_700_000_000.0

    /// make_fixtures.py's HIST_VALUES and HIST_EDGES.
    static let histogramValues: [Double] = [-2.5, -1.0, -0.25, 0.0, 0.0, 0.5, 1.0, 1.0, 1.75, 3.0]
    static let histogramEdges: [Double] = [-3.0, -1.0, 0.0, 1.0, 2.5]
    /// make_fixtures.py's IMAGE_CHW (3 x 2 x 3, float32), IMAGE_HWC (2 x 3 x 4 uint8), IMAGE_GREY.
    static let imageCHW = Tensor([Float]([0.0, 0.25, 0.5, 0.75, 1.0, 1.5,
                                          -0.5, 0.1, 0.2, 0.3, 0.4, 0.6,
                                          0.7, 0.8, 0.9, 0.33, 0.66, 0.99]), shape: [3, 2, 3])
    static let imageHWC = Tensor((0..<24).map { UInt8(($0 * 11) % 256) }, shape: [2, 3, 4])
    static let imageGrey = Tensor([Float]([0.0, 0.5, 0.75, 1.0]), shape: [1, 2, 2])
    static let text = "hello **kiln** \u{2713}"

    /// The decoded pixels of PyTorch's PNGs (Pillow: `np.asarray(Image.open(...))`), as
    /// make_fixtures.py printed them.
    static let samplePixels: [UInt8] = [0, 0, 178, 63, 25, 204, 127, 51, 229, 191, 76, 84, 255, 102, 168, 255, 153, 252]
    static let sampleHWCPixels: [UInt8] = (0..<24).map { UInt8(($0 * 11) % 256) }
    static let greyPixels: [UInt8] = [0, 0, 0, 127, 127, 127, 191, 191, 191, 255, 255, 255]

    /// A scratch directory, removed afterwards.
    static func withTemporaryDirectory<R>(_ body: (String) throws -> R) throws -> R {
        try TestFiles.withTemporaryDirectory(body)
    }
}

/// The width, height, channel count and 8-bit samples of a non-interlaced 8-bit grey, RGB or
/// RGBA PNG (what Pillow and PNGWriter write for these images), read with zlib and the shared
/// PNG filters: enough to compare the pixels of two encoders' files.
func decodeSimplePNG(_ file: [UInt8]) throws -> (width: Int, height: Int, channels: Int, pixels: [UInt8]) {
    #expect(Array(file.prefix(8)) == PNGWriter.signature)
    func be32(_ i: Int) -> Int { Int(file[i]) << 24 | Int(file[i + 1]) << 16 | Int(file[i + 2]) << 8 | Int(file[i + 3]) }
    var position = 8
    var width = 0, height = 0, channels = 0
    var data: [UInt8] = []
    while position + 8 <= file.count {
        let length = be32(position)
        let type = String(decoding: file[(position + 4)..<(position + 8)], as: UTF8.self)
        let body = Array(file[(position + 8)..<(position + 8 + length)])
        let crc = file.withUnsafeBytes { Compression.crc32(UnsafeRawBufferPointer(rebasing: $0[(position + 4)..<(position + 8 + length)])) }
        #expect(UInt32(be32(position + 8 + length)) == crc, "chunk \(type) CRC")
        switch type {
        case "IHDR":
            width = Int(body[0]) << 24 | Int(body[1]) << 16 | Int(body[2]) << 8 | Int(body[3])
            height = Int(body[4]) << 24 | Int(body[5]) << 16 | Int(body[6]) << 8 | Int(body[7])
            #expect(body[8] == 8, "bit depth")
            #expect(body[12] == 0, "interlace")
            channels = [0: 1, 4: 2, 2: 3, 6: 4][Int(body[9])] ?? 0
        case "IDAT":
            data += body
        default:
            break
        }
        position += 12 + length
    }
    var raw = try Compression.inflate(data, format: .zlib)
    let rowBytes = width * channels
    #expect(raw.count == height * (rowBytes + 1))
    let zero = [UInt8](repeating: 0, count: rowBytes)
    let bad = raw.withUnsafeMutableBufferPointer { r in
        zero.withUnsafeBufferPointer { z in
            PNGFilter.unfilter(r.baseAddress!, rows: height, rowBytes: rowBytes, stride: channels, zeroRow: z.baseAddress!)
        }
    }
    #expect(bad == nil)
    var pixels: [UInt8] = []
    for y in 0..<height { pixels += raw[(y * (rowBytes + 1) + 1)..<((y + 1) * (rowBytes + 1))] }
    return (width, height, channels, pixels)
}
