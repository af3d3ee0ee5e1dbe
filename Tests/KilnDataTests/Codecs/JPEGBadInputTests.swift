import Foundation
import Kiln
import KilnData
import Testing

/// Malformed JPEG files throw `ImageDecodingError`s that say what is wrong and where; none crashes.
@Suite struct JPEGBadInputTests {
    /// The markers of a file up to EOI, with the end of each segment (scans end at the next marker).
    static func markers(_ file: [UInt8]) -> [(offset: Int, marker: UInt8, end: Int)] {
        var out: [(Int, UInt8, Int)] = []
        var p = 2
        out.append((0, 0xD8, 2))
        while p + 1 < file.count {
            let marker = file[p + 1]
            if marker == 0xD9 { out.append((p, marker, p + 2)); break }
            let length = Int(file[p + 2]) << 8 | Int(file[p + 3])
            var end = p + 2 + length
            if marker == 0xDA {
                while end + 1 < file.count && !(file[end] == 0xFF && file[end + 1] != 0 && !(0xD0...0xD7).contains(file[end + 1])) { end += 1 }
            }
            out.append((p, marker, end))
            p = end
        }
        return out
    }

    /// An 8×8 greyscale baseline JPEG made by hand: all-`quant` tables, the given Huffman tables
    /// and entropy-coded bytes.
    static func handMade(dcCounts: [UInt8] = [1, 1], dcSymbols: [UInt8] = [0, 3], acCounts: [UInt8] = [1], acSymbols: [UInt8] = [0],
                         quant: UInt8 = 8, data: [UInt8]) -> [UInt8] {
        func dht(_ tableClass: UInt8, _ counts: [UInt8], _ symbols: [UInt8]) -> [UInt8] {
            let allCounts = counts + Array(repeating: 0, count: 16 - counts.count)
            let length = 2 + 1 + 16 + symbols.count
            return [0xFF, 0xC4, UInt8(length >> 8), UInt8(length & 0xFF), tableClass << 4] + allCounts + symbols
        }
        return [0xFF, 0xD8]
            + [0xFF, 0xDB, 0, 67, 0] + Array(repeating: quant, count: 64)
            + [0xFF, 0xC0, 0, 11, 8, 0, 8, 0, 8, 1, 1, 0x11, 0]
            + dht(0, dcCounts, dcSymbols) + dht(1, acCounts, acSymbols)
            + [0xFF, 0xDA, 0, 8, 1, 1, 0x00, 0, 63, 0]
            + data + [0xFF, 0xD9]
    }

    @Test func handMadeFileDecodes() throws {
        // Bits: DC code "10" (category 3), value "101" (5), AC code "0" (end of block), padding "11".
        // DC 5 × quant 8 = 40 is a flat block of 40 / 8 = 5 above the 128 level shift.
        let image = try JPEG.decode(Self.handMade(data: [0b1010_1011]))
        #expect(image.pixels.shape == [8, 8, 1])
        #expect(image.samples == Array(repeating: 133, count: 64))
        // Negative DC: value "010" is 2 − 7 = −5.
        #expect(try JPEG.decode(Self.handMade(data: [0b1001_0011])).samples == Array(repeating: 123, count: 64))
    }

    @Test func badHuffmanCodeNamesTheMCU() {
        // Only the code "0" exists; the data's bits are all ones.
        let error = expectDecodingError("bad code") {
            try JPEG.decode(Self.handMade(dcCounts: [1], dcSymbols: [0], data: [0xFF, 0x00]), source: "bad.jpg")
        }
        #expect(error?.kind == .corrupt)
        #expect(error?.source == "bad.jpg")
        #expect(error?.reason.contains("DC Huffman table") == true, "\(String(describing: error))")
        #expect(error?.reason.contains("MCU 0 of 1") == true)
    }

    @Test func badHuffmanTables() {
        let cases: [(String, [UInt8], [UInt8], String)] = [
            ("three 1-bit codes", [3], [0, 1, 2], "overflow"),
            ("all-ones code", [2], [0, 1], "overflow"),
            ("257 codes", [0, 0, 0, 0, 0, 0, 0, 0, 255, 2], Array(repeating: 0, count: 257), "at most 256"),
            ("DC symbol 16", [1], [16], "over 15"),
        ]
        for (what, counts, symbols, words) in cases {
            let file = Self.handMade(dcCounts: counts, dcSymbols: symbols, data: [0])
            let error = expectDecodingError(what) { try JPEG.decode(file) }
            #expect(error?.kind == .corrupt, "\(what)")
            #expect(error?.reason.contains("DHT") == true, "\(what): \(String(describing: error))")
            #expect(error?.reason.contains(words) == true, "\(what): \(String(describing: error))")
            #expect(error?.offset == 2 + 69 + 13, "\(what)")  // the first DHT marker: after SOI, DQT and SOF
        }
        // An AC table whose short codes overflow (five 2-bit codes), caught before its lookup is filled.
        let error = expectDecodingError("AC overflow") { try JPEG.decode(Self.handMade(acCounts: [0, 5], acSymbols: [0, 1, 2, 3, 4], data: [0])) }
        #expect(error?.kind == .corrupt)
        #expect(error?.reason.contains("bad AC table 0") == true, "\(String(describing: error))")
    }

    @Test func truncatedAtEverySegment() throws {
        for name in ["jpeg-420.jpg", "jpeg-restart.jpg", "jpeg-noninterleaved.jpg"] {
            let file = try ImageFixtures.bytes(name)
            let markers = Self.markers(file)
            #expect(markers.last?.marker == 0xD9, "\(name)")
            for (offset, marker, end) in markers {
                for cut in Set([offset, offset + 1, offset + 2, offset + 3, (offset + end) / 2, end - 1]) where cut < file.count {
                    let error = expectDecodingError("\(name) cut at \(cut)") { try JPEG.decode(Array(file[..<cut])) }
                    #expect(error?.kind == .truncated, "\(name) cut at \(cut) in marker \(marker): \(String(describing: error))")
                }
            }
        }
    }

    @Test func truncatedAtEveryLength() throws {
        let file = try ImageFixtures.bytes("jpeg-420.jpg")
        for length in 0..<file.count {
            let error = expectDecodingError("cut to \(length)") { try JPEG.decode(Array(file[..<length])) }
            #expect(error?.kind == .truncated, "cut to \(length): \(String(describing: error))")
        }
        let error = expectDecodingError("no EOI") { try JPEG.decode(Array(file.dropLast(2)), source: "short.jpg") }
        #expect(error?.reason.contains("EOI") == true)
        #expect(error?.offset == file.count - 2)
    }

    @Test func badMarkersAndSegments() throws {
        let file = try ImageFixtures.bytes("jpeg-420.jpg")
        let markers = Self.markers(file)
        let sof = markers.first { $0.marker == 0xC0 }!, sos = markers.first { $0.marker == 0xDA }!
        func edited(_ change: (inout [UInt8]) -> Void) -> [UInt8] {
            var copy = file
            change(&copy)
            return copy
        }
        let cases: [(String, [UInt8], ImageDecodingError.Kind, Int, String)] = [
            ("not a JPEG", Array("not a jpeg".utf8), .corrupt, 0, "SOI"),
            ("stray byte after SOI", edited { $0.insert(0x00, at: 2) }, .corrupt, 2, "expected a JPEG marker"),
            ("FF 00 after SOI", edited { $0.insert(contentsOf: [0xFF, 0x00], at: 2) }, .corrupt, 2, "FF 00"),
            ("second SOI", edited { $0.insert(contentsOf: [0xFF, 0xD8], at: 2) }, .corrupt, 2, "second SOI"),
            ("scan before frame", edited { $0.removeSubrange(sof.offset..<sof.end) }, .corrupt, sos.offset - (sof.end - sof.offset),
             "before the frame header"),
            ("12-bit samples", edited { $0[sof.offset + 4] = 12 }, .unsupported, sof.offset, "12-bit"),
            ("four components", edited { $0[sof.offset + 9] = 4 }, .unsupported, sof.offset, "4 components"),
            ("sampling factor 0", edited { $0[sof.offset + 11] = 0x20 }, .corrupt, sof.offset, "sampling factors 2×0"),
            ("sampling 3 against 2", edited { $0[sof.offset + 14] = 0x31 }, .unsupported, sof.offset, "integer ratio"),
            ("component id twice", edited { $0[sof.offset + 13] = $0[sof.offset + 10] }, .corrupt, sof.offset, "appears twice"),
            ("scan of unknown component", edited { $0[sos.offset + 5] = 9 }, .corrupt, sos.offset, "not in the frame"),
            ("undefined Huffman table", edited { $0[sos.offset + 6] = 0x23 }, .corrupt, sos.offset, "which no DHT defined"),
            ("huge image", edited { $0.replaceSubrange((sof.offset + 5)..<(sof.offset + 9), with: [0xFF, 0xFF, 0xFF, 0xFF]) }, .truncated,
             sos.offset, "needs at least"),
            ("segment past the end", edited { $0[sof.offset + 2] = 0xFF }, .truncated, sof.offset, "runs past the end"),
            ("segment length 1", edited { $0[sof.offset + 2] = 0; $0[sof.offset + 3] = 1 }, .corrupt, sof.offset, "length 1"),
            ("DRI of 3 bytes", edited { $0.insert(contentsOf: [0xFF, 0xDD, 0, 5, 0, 1, 0], at: 2) }, .corrupt, 2, "DRI"),
        ]
        for (what, bad, kind, offset, words) in cases {
            let error = expectDecodingError(what) { try JPEG.decode(bad, source: "bad.jpg") }
            #expect(error?.kind == kind, "\(what): \(String(describing: error))")
            #expect(error?.offset == offset, "\(what): \(String(describing: error))")
            #expect(error?.reason.contains(words) == true, "\(what): \(String(describing: error))")
        }
    }

    @Test func wrongRestartMarker() throws {
        let file = try ImageFixtures.bytes("jpeg-restart.jpg")
        let sos = Self.markers(file).first { $0.marker == 0xDA }!.offset
        let scanStart = sos + 2 + (Int(file[sos + 2]) << 8 | Int(file[sos + 3]))
        // libjpeg-turbo's encoder ends each interval with RSTn; the first is RST0.
        var rst = scanStart
        while rst + 1 < file.count && !(file[rst] == 0xFF && file[rst + 1] == 0xD0) { rst += 1 }
        try #require(rst + 1 < file.count, "no RST0 marker in jpeg-restart.jpg")
        var bad = file
        bad[rst + 1] = 0xD3
        let error = expectDecodingError("RST3 for RST0") { try JPEG.decode(bad) }
        #expect(error?.kind == .corrupt)
        #expect(error?.offset == rst)
        #expect(error?.reason.contains("expected restart marker RST0") == true, "\(String(describing: error))")
        // A missing restart marker: the next interval's data is read as this one's.
        var missing = file
        missing.removeSubrange(rst..<(rst + 2))
        #expect(expectDecodingError("no RST0") { try JPEG.decode(missing) } != nil)
    }

    /// Every byte changed (three ways) in small files, and random multi-byte damage: an error
    /// or an image, never a crash.
    @Test func corruptionsNeverCrash() throws {
        var generator = RandomGenerator(seed: 7)
        for name in ["jpeg-420.jpg", "jpeg-mixed.jpg", "jpeg-restart.jpg"] {
            let file = try ImageFixtures.bytes(name)
            var decoded = 0, failed = 0
            func attempt(_ bytes: [UInt8]) {
                do {
                    _ = try JPEG.decode(bytes)
                    decoded += 1
                } catch is ImageDecodingError {
                    failed += 1
                } catch {
                    Issue.record("\(name): threw \(error)")
                }
            }
            for position in 0..<file.count {
                for change in [UInt8(0xFF), 0x01, 0x80] {
                    var bad = file
                    bad[position] = change == 0xFF ? ~bad[position] : bad[position] ^ change
                    attempt(bad)
                }
            }
            for _ in 0..<300 {
                var bad = file
                for _ in 0..<Int.random(in: 2...12, using: &generator) {
                    bad[Int.random(in: 0..<bad.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator)
                }
                attempt(bad)
            }
            print("\(name): \(decoded) corrupted variants decoded, \(failed) threw")
            #expect(failed > 0)
        }
    }
}
