import Foundation
import Kiln
import KilnIO
import Testing
@testable import KilnData

// The fixtures are big-endian IDX files written with NumPy by make_tabular_literals.py; the
// expected values are the arrays it wrote.
@Suite struct IDXTests {
    @Test func everyElementType() throws {
        let u8 = try IDX.load(TabularFixtures.path("uint8.idx"))
        #expect(u8.shape == [2, 3, 4] && u8.dtype == .uint8)
        #expect(u8.scalars(as: UInt8.self) == (0..<24).map { UInt8($0 * 10) })
        let i8 = try IDX.load(TabularFixtures.path("int8.idx"))
        #expect(i8.dtype == .int32 && i8.scalars(as: Int32.self) == [-128, -1, 0, 1, 127])
        let i16 = try IDX.load(TabularFixtures.path("int16.idx"))
        #expect(i16.shape == [2, 2] && i16.dtype == .int32 && i16.scalars(as: Int32.self) == [-32768, -2, 300, 32767])
        let i32 = try IDX.load(TabularFixtures.path("int32.idx"))
        #expect(i32.dtype == .int32 && i32.scalars(as: Int32.self) == [-2147483648, -70000, 0, 2147483647])
        let f32 = try IDX.load(TabularFixtures.path("float32.idx"))
        #expect(f32.shape == [2, 3] && f32.dtype == .float32)
        #expect(f32.scalars(as: Float.self) == [1.5, -0.25, 3.4028235e38, .leastNonzeroMagnitude, 0.1, -7.0])
        let f64 = try IDX.load(TabularFixtures.path("float64.idx"))
        #expect(f64.dtype == .float64 && f64.scalars(as: Double.self) == [3.141592653589793, -1e300, .leastNonzeroMagnitude])
    }

    @Test func gzipFilesDecodeTheSame() throws {
        let gz = try IDX.load(TabularFixtures.path("uint8.idx.gz"))
        #expect(gz.shape == [2, 3, 4] && gz.scalars(as: UInt8.self) == (0..<24).map { UInt8($0 * 10) })
    }

    @Test func malformedHeadersAndSizes() throws {
        let good = try TabularFixtures.bytes(TabularFixtures.path("int16.idx"))  // 00 00 0B 02, dims 2 2, 8 data bytes
        #expect(good.count == 20)
        expectError(IDXError.self, containing: ["short.idx, byte 3", "magic number"]) { _ = try IDX.decode([0, 0, 8], source: "short.idx") }
        expectError(IDXError.self, containing: ["x.idx, byte 0", "two zero bytes", "1F 8C"]) { _ = try IDX.decode([0x1F, 0x8C, 8, 1, 0, 0, 0, 0], source: "x.idx") }
        expectError(IDXError.self, containing: ["byte 2", "unknown element type code 0A"]) { _ = try IDX.decode([0, 0, 0x0A, 1, 0, 0, 0, 0]) }
        expectError(IDXError.self, containing: ["byte 3", "0 dimensions"]) { _ = try IDX.decode([0, 0, 8, 0]) }
        expectError(IDXError.self, containing: ["h.idx, byte 10", "ends inside the header", "12 bytes"]) {
            _ = try IDX.decode(Array(good.prefix(10)), source: "h.idx")
        }
        expectError(IDXError.self, containing: ["cut.idx, byte 17", "ends early", "[2, 2]", "needs 8 bytes", "has 5", "truncated"]) {
            _ = try IDX.decode(Array(good.prefix(17)), source: "cut.idx")
        }
        expectError(IDXError.self, containing: ["long.idx, byte 20", "3 unexpected bytes"]) {
            _ = try IDX.decode(good + [1, 2, 3], source: "long.idx")
        }
        // Dimensions whose product overflows are reported, not trapped on.
        let huge: [UInt8] = [0, 0, 0x0E, 3] + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        expectError(IDXError.self, containing: ["too large to address"]) { _ = try IDX.decode(huge) }
    }

    @Test func truncatedAndCorruptGzip() throws {
        let packed = try TabularFixtures.bytes(TabularFixtures.path("uint8.idx.gz"))
        expectError(CompressionError.self, containing: ["u.idx.gz", "ends early"]) {
            _ = try IDX.decode(Array(packed.prefix(packed.count - 10)), source: "u.idx.gz")
        }
        var flipped = packed
        flipped[flipped.count - 6] ^= 0xFF  // the CRC-32 trailer
        expectError(CompressionError.self, containing: ["u.idx.gz", "corrupt"]) { _ = try IDX.decode(flipped, source: "u.idx.gz") }
        expectError(FileError.self, containing: ["/nonexistent/x.idx", "No such file"]) { _ = try IDX.load("/nonexistent/x.idx") }
    }
}
