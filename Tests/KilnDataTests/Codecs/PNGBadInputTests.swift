import Foundation
import Kiln
import KilnData
import KilnIO
import Testing

/// Malformed PNG files throw `ImageDecodingError`s that say what is wrong and where; none crashes.
@Suite struct PNGBadInputTests {
    /// A chunk: length, type, data, CRC-32.
    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let body = Array(type.utf8) + data
        return bigEndian(UInt32(data.count)) + body + bigEndian(body.withUnsafeBytes { Compression.crc32($0) })
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }

    static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// The chunks of a file: (offset, type, data range).
    static func chunks(_ file: [UInt8]) -> [(offset: Int, type: String, data: Range<Int>)] {
        var out: [(Int, String, Range<Int>)] = []
        var p = 8
        while p + 12 <= file.count {
            let length = Int(file[p]) << 24 | Int(file[p + 1]) << 16 | Int(file[p + 2]) << 8 | Int(file[p + 3])
            out.append((p, String(decoding: file[(p + 4)..<(p + 8)], as: UTF8.self), (p + 8)..<(p + 8 + length)))
            p += 12 + length
        }
        return out
    }

    /// A file with the given IHDR fields and `raw` (filtered rows) as its image data.
    static func file(width: UInt32, height: UInt32, depth: UInt8 = 8, colorType: UInt8 = 0, compression: UInt8 = 0,
                     filter: UInt8 = 0, interlace: UInt8 = 0, raw: [UInt8], extra: [UInt8] = []) -> [UInt8] {
        let header = bigEndian(width) + bigEndian(height) + [depth, colorType, compression, filter, interlace]
        return signature + chunk("IHDR", header) + extra + chunk("IDAT", Compression.deflate(raw, format: .zlib))
            + chunk("IEND", [])
    }

    @Test func handMadeFileDecodes() throws {
        // Independent of the fixtures: a 2×2 grey image, rows filtered None and Sub.
        let image = try PNG.decode(Self.file(width: 2, height: 2, raw: [0, 10, 20, 1, 30, 5]))
        #expect(image.samples == [10, 20, 30, 35])
    }

    @Test func flippedCRCByteNamesTheChunk() throws {
        let file = try ImageFixtures.bytes("png-rgb8.png")
        for (offset, type, data) in Self.chunks(file) {
            var bad = file
            bad[data.upperBound + 2] ^= 0x40
            let error = expectDecodingError("CRC of \(type)") { try PNG.decode(bad, source: "bad.png") }
            #expect(error?.kind == .checksumMismatch)
            #expect(error?.offset == offset)
            #expect(error?.source == "bad.png")
            #expect(error?.reason.contains("chunk \(type)") == true, "\(String(describing: error))")
            #expect(error?.reason.contains("CRC") == true)
        }
        // A flipped data byte is caught the same way.
        let idat = Self.chunks(file).first { $0.type == "IDAT" }!
        var bad = file
        bad[idat.data.lowerBound + 5] ^= 1
        let error = expectDecodingError("IDAT data") { try PNG.decode(bad) }
        #expect(error?.kind == .checksumMismatch)
        #expect(error?.offset == idat.offset)
        #expect(error?.description.contains("byte \(idat.offset)") == true)
    }

    @Test func truncatedAtEveryLength() throws {
        for name in ["png-rgb8.png", "png-palette2-trns-interlaced.png"] {
            let file = try ImageFixtures.bytes(name)
            for length in 0..<file.count {
                let error = expectDecodingError("\(name) cut to \(length) bytes") { try PNG.decode(Array(file[..<length])) }
                #expect(error?.kind == .truncated, "\(name) cut to \(length): \(String(describing: error))")
            }
        }
    }

    @Test func missingIEND() throws {
        let file = try ImageFixtures.bytes("png-grey8.png")
        let error = expectDecodingError("no IEND") { try PNG.decode(Array(file.dropLast(12))) }
        #expect(error?.kind == .truncated)
        #expect(error?.reason.contains("IEND") == true)
        #expect(error?.offset == file.count - 12)
    }

    @Test func badHeaderFields() {
        let raw: [UInt8] = [0, 1, 2]
        let cases: [(String, [UInt8], String)] = [
            ("width 0", Self.file(width: 0, height: 1, raw: raw), "image size"),
            ("height 0", Self.file(width: 2, height: 0, raw: raw), "image size"),
            ("width 2^31", Self.file(width: 1 << 31, height: 1, raw: raw), "image size"),
            ("colour type 5", Self.file(width: 2, height: 1, colorType: 5, raw: raw), "colour type 5"),
            ("RGB at 4 bits", Self.file(width: 2, height: 1, depth: 4, colorType: 2, raw: raw), "bit depth 4"),
            ("palette at 16 bits", Self.file(width: 2, height: 1, depth: 16, colorType: 3, raw: raw), "bit depth 16"),
            ("grey at 3 bits", Self.file(width: 2, height: 1, depth: 3, raw: raw), "bit depth 3"),
            ("compression 1", Self.file(width: 2, height: 1, compression: 1, raw: raw), "compression"),
            ("filter method 1", Self.file(width: 2, height: 1, filter: 1, raw: raw), "filter method"),
            ("interlace 2", Self.file(width: 2, height: 1, interlace: 2, raw: raw), "interlace"),
            ("IHDR of 12 bytes", Self.signature + Self.chunk("IHDR", Array(repeating: 1, count: 12)) + Self.chunk("IEND", []), "12 bytes"),
        ]
        for (what, file, words) in cases {
            let error = expectDecodingError(what) { try PNG.decode(file) }
            #expect(error?.kind == .corrupt, "\(what)")
            #expect(error?.offset == 8, "\(what)")
            #expect(error?.reason.contains("IHDR") == true, "\(what)")
            #expect(error?.reason.contains(words) == true, "\(what): \(String(describing: error))")
        }
    }

    @Test func badFilterTypeNamesTheRow() {
        let error = expectDecodingError("filter 5") { try PNG.decode(Self.file(width: 2, height: 3, raw: [0, 1, 2, 4, 3, 4, 5, 5, 6])) }
        #expect(error?.kind == .corrupt)
        #expect(error?.reason.contains("row 2") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("filter type 5") == true)
        #expect(error?.offset == 33)  // the IDAT chunk: 8 + IHDR's 25 bytes
    }

    @Test func otherStructuralErrors() {
        let ihdr = Self.chunk("IHDR", Self.bigEndian(2) + Self.bigEndian(1) + [8, 0, 0, 0, 0])
        let idat = Self.chunk("IDAT", Compression.deflate([0, 1, 2], format: .zlib))
        let cases: [(String, [UInt8], ImageDecodingError.Kind, String)] = [
            ("not a PNG", Array("GIF89a and more bytes".utf8), .corrupt, "signature"),
            ("chunk before IHDR", Self.signature + Self.chunk("tEXt", [65]) + ihdr + idat + Self.chunk("IEND", []), .corrupt, "before IHDR"),
            ("second IHDR", Self.signature + ihdr + ihdr + idat + Self.chunk("IEND", []), .corrupt, "second time"),
            ("no IDAT", Self.signature + ihdr + Self.chunk("IEND", []), .corrupt, "no image data"),
            ("unknown critical chunk", Self.signature + ihdr + Self.chunk("ABCD", [1]) + idat + Self.chunk("IEND", []), .unsupported, "ABCD"),
            ("bad chunk type", Self.signature + ihdr + Self.chunk("a1b2", [1]) + idat + Self.chunk("IEND", []), .corrupt, "ASCII"),
            ("palette without PLTE", Self.file(width: 2, height: 1, colorType: 3, raw: [0, 0, 0]), .corrupt, "PLTE"),
            ("PLTE of 4 bytes", Self.file(width: 2, height: 1, colorType: 3, raw: [0, 0, 0], extra: Self.chunk("PLTE", [1, 2, 3, 4])),
             .corrupt, "PLTE"),
            ("too little image data", Self.file(width: 4, height: 4, raw: [0, 1, 2, 3, 4]), .truncated, "needs 20"),
            ("huge image, tiny data", Self.file(width: 100_000, height: 100_000, colorType: 6, raw: [0, 1, 2]), .truncated, "needs"),
            ("unaddressable image", Self.file(width: UInt32(Int32.max), height: UInt32(Int32.max), depth: 16, colorType: 6, raw: [0]),
             .corrupt, "too large"),
            ("IDAT not zlib", Self.signature + ihdr + Self.chunk("IDAT", [1, 2, 3, 4, 5]) + Self.chunk("IEND", []), .corrupt, "zlib"),
            ("IDAT zlib cut short", Self.signature + ihdr + Self.chunk("IDAT", Array(Compression.deflate([0, 1, 2], format: .zlib).dropLast(3)))
                + Self.chunk("IEND", []), .corrupt, "zlib"),
        ]
        for (what, file, kind, words) in cases {
            let error = expectDecodingError(what) { try PNG.decode(file, source: "x.png") }
            #expect(error?.kind == kind, "\(what): \(String(describing: error))")
            #expect(error?.reason.contains(words) == true, "\(what): \(String(describing: error))")
        }
    }

    /// Every byte of a small file changed (three ways) must give an error or an image, never a
    /// crash; with the chunk's CRC recomputed, so the change reaches the header and pixel code.
    @Test func singleByteCorruptionsNeverCrash() throws {
        for name in ["png-palette4-trns-interlaced.png", "png-rgba16.png", "png-grey2-interlaced.png"] {
            let file = try ImageFixtures.bytes(name)
            let chunks = Self.chunks(file)
            var decoded = 0, failed = 0
            for position in 0..<file.count {
                for change in [UInt8(0xFF), 0x01, 0x80] {
                    var bad = file
                    bad[position] = change == 0xFF ? ~bad[position] : bad[position] ^ change
                    for fixCRC in [false, true] {
                        if fixCRC {
                            guard let chunk = chunks.first(where: { ($0.offset..<$0.data.upperBound).contains(position) }) else { continue }
                            let crc = bad[(chunk.offset + 4)..<chunk.data.upperBound].withUnsafeBytes { Compression.crc32($0) }
                            bad.replaceSubrange(chunk.data.upperBound..<(chunk.data.upperBound + 4), with: Self.bigEndian(crc))
                        }
                        do {
                            _ = try PNG.decode(bad)
                            decoded += 1
                        } catch is ImageDecodingError {
                            failed += 1
                        }
                    }
                }
            }
            print("\(name): \(decoded) corrupted variants decoded, \(failed) threw")
            #expect(failed > 0)
        }
    }
}
