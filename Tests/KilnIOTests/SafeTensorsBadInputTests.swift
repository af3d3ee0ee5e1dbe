import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Malformed files: each must throw the right typed error naming the file (and the tensor), on
/// both the read and the mapped path, and nothing may crash. The files in Fixtures/safetensors/bad
/// are made by make_fixtures.py, which checks that the reference reader rejects each of them.
@Suite struct SafeTensorsBadInputTests {
    /// Fixture name → the error kind and the tensor it must name.
    static let expectations: [String: (kind: SafeTensorsError.Kind, tensor: String?)] = [
        "too_short": (.headerTooSmall, nil),
        "header_cut": (.invalidHeaderLength, nil),
        "buffer_cut": (.incompleteBuffer, nil),
        "header_length_beyond_file": (.invalidHeaderLength, nil),
        "header_length_above_limit": (.headerTooLarge, nil),
        "header_length_max_u64": (.headerTooLarge, nil),
        "invalid_utf8": (.invalidJSON, nil),
        "invalid_json": (.invalidJSON, nil),
        "trailing_garbage": (.invalidJSON, nil),
        "control_character": (.invalidJSON, nil),
        "lone_surrogate": (.invalidJSON, nil),
        "deep_nesting": (.invalidJSON, nil),
        "not_an_object": (.invalidHeader, nil),
        "entry_not_an_object": (.invalidHeader, "x"),
        "missing_shape": (.invalidHeader, "x"),
        "offsets_wrong_length": (.invalidHeader, "x"),
        "offset_not_integer": (.invalidHeader, "x"),
        "negative_offset": (.invalidHeader, "x"),
        "negative_shape": (.invalidHeader, "x"),
        "shape_not_integer": (.invalidHeader, "x"),
        "metadata_not_string": (.invalidHeader, nil),
        "huge_shape": (.overflow, "x"),
        "shape_above_u64": (.overflow, "x"),
        "overlap": (.invalidOffset, "b"),
        "gap": (.invalidOffset, "b"),
        "gap_at_start": (.invalidOffset, "x"),
        "end_before_begin": (.invalidOffset, "x"),
        "size_mismatch": (.sizeMismatch, "x"),
        "buffer_too_long": (.incompleteBuffer, nil),
        "unknown_dtype": (.unknownDType, "x"),
        "lowercase_dtype": (.unknownDType, "x"),
        "misaligned_f4": (.misalignedSlice, "x"),
        "duplicate_metadata": (.duplicateKey, nil),
        "duplicate_tensor": (.duplicateKey, "x"),
    ]

    @Test func everyBadFixtureHasAnExpectation() throws {
        let files = try TestFiles.contents(of: TestFiles.fixture("bad"))
        #expect(files == Self.expectations.keys.map { $0 + ".safetensors" }.sorted())
    }

    @Test(arguments: expectations.keys.sorted())
    func badFile(_ name: String) throws {
        let (kind, tensor) = try #require(Self.expectations[name])
        let path = TestFiles.fixture("bad/\(name).safetensors")
        for threshold in [SafeTensors.mappingThreshold, 0] {
            let error = #expect(throws: SafeTensorsError.self) { try SafeTensors.read(path, mappingThreshold: threshold) }
            #expect(error?.kind == kind)
            #expect(error?.file == path)
            #expect(error?.tensor == tensor)
            #expect(error?.description.contains(path) == true)
            if let tensor { #expect(error?.description.contains("tensor \"\(tensor)\"") == true) }
        }
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors.decode(try TestFiles.bytes(path)) }
        #expect(error?.kind == kind)
        #expect(error?.file == "<memory>")
    }

    @Test func messagesSayWhatIsWrong() throws {
        func message(_ name: String) throws -> String {
            do {
                _ = try SafeTensors.decode(try TestFiles.bytes(TestFiles.fixture("bad/\(name).safetensors")))
            } catch let error as SafeTensorsError {
                return error.description
            }
            return "accepted"
        }
        #expect(try message("too_short")
                == "safetensors: <memory>: the file is 5 bytes, shorter than the 8-byte header length that starts a safetensors file")
        #expect(try message("gap")
                == "safetensors: <memory>, tensor \"b\": data_offsets [12, 20] leave a gap: the data before them ends at byte 8")
        #expect(try message("overlap")
                == "safetensors: <memory>, tensor \"b\": data_offsets [4, 12] overlap the previous tensor, whose data ends at byte 8")
        #expect(try message("size_mismatch")
                == "safetensors: <memory>, tensor \"x\": shape [3] of F32 needs 12 bytes, but data_offsets [0, 8] hold 8")
        #expect(try message("buffer_cut")
                == "safetensors: <memory>: the tensors need 8 bytes of data, but only 5 follow the header (truncated file?)")
        #expect(try message("negative_shape")
                == "safetensors: <memory>, tensor \"x\": shape must hold non-negative integers, found -2")
        #expect(try message("metadata_not_string")
                == "safetensors: <memory>: __metadata__ values must be strings, but \"epoch\" is the number 3")
        #expect(try message("unknown_dtype").contains("unknown dtype \"F33\""))
    }

    @Test func everyTruncationThrows() throws {
        let bytes = try TestFiles.bytes(TestFiles.fixture("vector.safetensors"))
        for count in 0..<bytes.count {
            #expect(throws: SafeTensorsError.self, "first \(count) bytes") { try SafeTensors.decode(Array(bytes[..<count])) }
        }
    }

    /// Every byte of the length field and header of a real file replaced by bytes that matter to
    /// the parser: each variant either decodes or throws a SafeTensorsError — never anything else.
    @Test func corruptedHeadersNeverCrash() throws {
        let bytes = try TestFiles.bytes(TestFiles.fixture("pytorch_net.safetensors"))
        let headerEnd = 8 + Int(bytes[0]) + Int(bytes[1]) << 8
        let replacements: [UInt8] = [0x00, 0x20, 0x22, 0x2C, 0x2D, 0x30, 0x39, 0x5B, 0x5C, 0x5D, 0x7B, 0x7D, 0xFF]
        var rejected = 0
        for index in 0..<headerEnd {
            for value in replacements where bytes[index] != value {
                var corrupted = bytes
                corrupted[index] = value
                do {
                    _ = try SafeTensors.decode(corrupted)
                } catch is SafeTensorsError {
                    rejected += 1
                }
            }
        }
        #expect(rejected > headerEnd * 5)
    }

    @Test func systemFailuresAreFileErrors() throws {
        let missing = TestFiles.fixture("no-such-file.safetensors")
        let error = #expect(throws: FileError.self) { try SafeTensors.load(missing) }
        #expect(error?.code == ENOENT)
        #expect(error?.description == "cannot open \(missing): No such file or directory")

        let directory = #expect(throws: FileError.self) { try SafeTensors.load(TestFiles.fixture("bad")) }
        #expect(directory?.reason == "not a regular file")
    }
}
