import Testing
import KilnIO

// Compressed streams against bytes made by Python's gzip/zlib modules (zlib 1.2.13):
//   gzip.compress(b"hello kiln\n", mtime=0), zlib.compress(b"hello kiln\n")
@Suite struct CompressionTests {
    let text = Array("hello kiln\n".utf8)
    let gzipped: [UInt8] = [0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x03, 0xcb, 0x48, 0xcd, 0xc9, 0xc9, 0x57, 0xc8, 0xce, 0xcc, 0xc9, 0xe3, 0x02, 0x00, 0x7d, 0x94, 0xb5, 0x03, 0x0b, 0x00, 0x00, 0x00]

    @Test func inflatesGzipAndConcatenatedMembers() throws {
        #expect(Compression.isGzip(gzipped))
        #expect(try Compression.inflate(gzipped, format: .gzip) == text)
        #expect(try Compression.inflate(gzipped + gzipped, format: .gzip) == text + text)
    }

    @Test func roundTripsEveryFormat() throws {
        let data = (0..<100_000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) }
        for format in [Compression.Format.gzip, .zlib, .raw] {
            let packed = Compression.deflate(data, format: format)
            #expect(packed.count < data.count)
            #expect(try Compression.inflate(packed, format: format) == data)
        }
    }

    @Test func truncatedAndCorruptStreamsThrow() {
        #expect(throws: CompressionError.self) { try Compression.inflate(Array(gzipped.prefix(15)), format: .gzip, source: "x.gz") }
        var flipped = gzipped
        flipped[flipped.count - 6] ^= 0xFF  // the CRC-32 trailer
        #expect(throws: CompressionError.self) { try Compression.inflate(flipped, format: .gzip) }
        #expect(throws: CompressionError.self) { try Compression.inflate([], format: .zlib) }
        do {
            _ = try Compression.inflate(Array(gzipped.prefix(20)), format: .gzip, source: "train.gz")
        } catch let error as CompressionError {
            #expect(error.description.hasPrefix("train.gz: ") && error.description.contains("ends early"))
        } catch { Issue.record("unexpected error \(error)") }
    }

    @Test func crc32MatchesTheCheckValue() {
        let check = Array("123456789".utf8)
        #expect(check.withUnsafeBytes { Compression.crc32($0) } == 0xCBF4_3926)
    }
}
