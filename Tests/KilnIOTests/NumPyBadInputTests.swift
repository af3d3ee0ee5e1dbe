import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Malformed and unsupported files: each must throw the right typed error naming the file (and the
/// array of an archive), on the read and the mapped path, and nothing may crash. The files in
/// Fixtures/npy/bad are checked by make_fixtures.py to be rejected by np.load too.
@Suite struct NumPyBadInputTests {
    /// Fixture name → the error kind, the archive member it must name, and the offset it must give.
    static let expectations: [String: (kind: NumPyError.Kind, member: String?, offset: Int?)] = [
        "truncated_header.npy": (.truncatedHeader, nil, 60),
        "truncated_magic.npy": (.truncatedHeader, nil, 5),
        "bad_magic.npy": (.badMagic, nil, 0),
        "not_numpy.npy": (.badMagic, nil, 0),
        "version_4.npy": (.unsupportedVersion, nil, 6),
        "malformed_dict.npy": (.invalidHeader, nil, 10 + 55),
        "not_a_dict.npy": (.invalidHeader, nil, 10),
        "missing_key.npy": (.invalidHeader, nil, 10),
        "extra_key.npy": (.invalidHeader, nil, 10),
        "shape_not_tuple.npy": (.invalidHeader, nil, 10),
        "negative_shape.npy": (.invalidHeader, nil, 10),
        "fortran_not_bool.npy": (.invalidHeader, nil, 10),
        "huge_shape.npy": (.overflow, nil, 8),
        "data_short.npy": (.truncatedData, nil, 148),
        "unknown_descr.npy": (.unsupportedDType, nil, 8),
        "crc_mismatch.npz": (.checksumMismatch, "x", nil),
        "corrupt_deflate.npz": (.invalidArchive, "x", nil),
        "truncated.npz": (.invalidArchive, nil, 397),
        "not_zip.npz": (.invalidArchive, nil, 152),
    ]

    @Test func everyBadFixtureHasAnExpectation() throws {
        #expect(try TestFiles.contents(of: FormatFixtures.npy("bad")) == Self.expectations.keys.sorted())
    }

    @Test(arguments: expectations.keys.sorted())
    func badFile(_ name: String) throws {
        let (kind, member, offset) = try #require(Self.expectations[name])
        let path = FormatFixtures.npy("bad/\(name)")
        for threshold in [Int.max, 0] {
            let error = #expect(throws: NumPyError.self) {
                if name.hasSuffix(".npz") {
                    _ = try NumPy.loadArchive(path, mappingThreshold: threshold)
                } else {
                    _ = try NumPy.load(path, mappingThreshold: threshold)
                }
            }
            #expect(error?.kind == kind, "\(error.map(String.init(describing:)) ?? "")")
            #expect(error?.file == path)
            #expect(error?.member == member)
            if let offset { #expect(error?.offset == offset) }
            #expect(error?.description.contains(path) == true)
        }
    }

    @Test func messagesSayWhatIsWrong() throws {
        func message(_ name: String) -> String {
            let path = FormatFixtures.npy(name)
            do {
                _ = name.hasSuffix(".npz") ? try NumPy.loadArchive(path).count : try NumPy.load(path).count
                return "no error"
            } catch {
                return String(describing: error)
            }
        }
        #expect(message("bad/data_short.npy").contains("needs 24 data bytes after the header (byte 128), but only 20 follow"))
        #expect(message("bad/crc_mismatch.npz").contains("array \"x\""))
        #expect(message("bad/crc_mismatch.npz").contains("CRC-32 mismatch"))
        #expect(message("bad/bad_magic.npy").contains("not a .npy file"))
        #expect(message("bad/missing_key.npy").contains("'descr', 'fortran_order' and 'shape'"))
        #expect(message("bad/truncated.npz").contains("truncated"))
    }

    /// Valid NumPy files of dtypes Kiln does not have: a clear error naming the dtype and what to
    /// convert to; object arrays refused like allow_pickle=False.
    @Test func unsupportedDTypes() throws {
        let cases: [(String, NumPyError.Kind, String)] = [
            ("int8", .unsupportedDType, "'|i1' (int8) is valid NumPy but not a Kiln dtype; Kiln reads |b1, |u1"),
            ("int16", .unsupportedDType, "a.astype(np.int32)"),
            ("uint16", .unsupportedDType, "'<u2' (uint16)"),
            ("uint32", .unsupportedDType, "a.astype(np.int64)"),
            ("complex64", .unsupportedDType, "complex64"),
            ("unicode", .unsupportedDType, "unicode string"),
            ("structured", .unsupportedDType, "structured dtype"),
            ("object", .objectArray, "allow_pickle=False"),
        ]
        for (name, kind, text) in cases {
            let path = FormatFixtures.npy("unsupported/\(name).npy")
            let error = #expect(throws: NumPyError.self) { try NumPy.load(path) }
            #expect(error?.kind == kind, "\(name)")
            #expect(error?.description.contains(text) == true, "\(name): \(error.map(String.init(describing:)) ?? "")")
        }
    }

    /// Every cut of a valid file throws (a typed error, never a crash); every single flipped byte
    /// either still decodes or throws.
    @Test func everyTruncationAndByteFlip() throws {
        for name in ["dtypes/float32.npy", "order/fortran_2x3x4_i4.npy", "order/v3_f4.npy"] {
            let bytes = try TestFiles.bytes(FormatFixtures.npy(name))
            for cut in 0..<bytes.count {
                #expect(throws: NumPyError.self) { try NumPy.decode(Array(bytes.prefix(cut))) }
            }
            for i in 0..<bytes.count {
                var flipped = bytes
                flipped[i] ^= 0xFF
                _ = try? NumPy.decode(flipped)
            }
        }
        for name in ["archive_stored.npz", "archive_compressed.npz"] {
            let bytes = try TestFiles.bytes(FormatFixtures.npy(name))
            for cut in 0..<bytes.count {
                #expect(throws: NumPyError.self) { try NumPy.decodeArchive(Array(bytes.prefix(cut))) }
            }
            var accepted = 0
            for i in 0..<bytes.count {
                var flipped = bytes
                flipped[i] ^= 0x01
                if (try? NumPy.decodeArchive(flipped)) != nil { accepted += 1 }
            }
            // Only bytes no reader checks (times, attributes, version fields, ...) may change unnoticed.
            #expect(accepted < bytes.count / 2, "\(name): \(accepted) of \(bytes.count) flips accepted")
        }
    }

    @Test func hostileHeaders() throws {
        let data = [UInt8](repeating: 0, count: 24)
        let headers: [(String, NumPyError.Kind)] = [
            (String(repeating: "(", count: 1000), .invalidHeader),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (99999999999999999999999, 3), }", .overflow),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3.5), }", .invalidHeader),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), 'descr': '<f4'}", .invalidHeader),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), } trailing", .invalidHeader),
            ("{'descr': '<f4\\', 'fortran_order': False, 'shape': (2, 3), }", .invalidHeader),
            ("{'descr': '', 'fortran_order': False, 'shape': (2, 3), }", .unsupportedDType),
            ("{'descr': '<f99999999999999999999', 'fortran_order': False, 'shape': (2, 3), }", .unsupportedDType),
            ("{'descr': '<f4', 'fortran_order': False, 'shape': (6), }", .invalidHeader),
            ("", .invalidHeader),
        ]
        for (header, kind) in headers {
            let error = #expect(throws: NumPyError.self) { try NumPy.decode(npyFile(header: header, data: data)) }
            #expect(error?.kind == kind, "\(header.prefix(80))")
        }
        // A v2 header length beyond the file.
        let error = #expect(throws: NumPyError.self) {
            try NumPy.decode([0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 2, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0x7B])
        }
        #expect(error?.kind == .truncatedHeader)
    }
}
