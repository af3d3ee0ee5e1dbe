import Foundation
import Kiln
import KilnIO
import Testing
@testable import kiln

/// `kiln inspect` on `.npy` and `.npz` files written by NumPy 2.4.6
/// (Tests/Fixtures/npy/make_fixtures.py says what each holds) and by Kiln here.
@Suite struct NumPyInspectionTests {
    /// `np.save(np.asfortranarray(np.arange(24, dtype=np.int32).reshape(2, 3, 4)))`.
    @Test func fortranOrder() throws {
        let path = CLITestFiles.fixture("npy/order/fortran_2x3x4_i4.npy")
        let report = try NumPyInspection(path: path)
        #expect(report.header == NumPyHeaderFields("{'descr': '<i4', 'fortran_order': True, 'shape': (2, 3, 4), }"))
        #expect(report.json == [
            "format": "npy", "path": .string(path), "file_bytes": JSONValue((try CLITestFiles.bytes(path)).count),
            "dtype": "int32", "descr": "<i4", "shape": [2, 3, 4], "order": "F", "elements": 24, "bytes": 96,
        ])
        #expect(report.text == """
            npy  \(path)  (224 B)

            dtype     int32 ('<i4', little-endian)
            shape     [2, 3, 4]
            order     F (Fortran, column-major)
            elements  24
            bytes     96 (96 B)
            """)
    }

    @Test(arguments: [
        ("npy/order/big_f4.npy", "float32", ">f4", "big-endian", [2, 3], 24),
        ("npy/order/v3_f4.npy", "float32", "<f4", "little-endian", [2, 3], 24),
        ("npy/dtypes/bool.npy", "bool", "|b1", "no byte order", [2, 3], 6),
        ("npy/dtypes/float16.npy", "float16", "<f2", "little-endian", [2, 3], 12),
        ("npy/shapes/scalar_f8.npy", "float64", "<f8", "little-endian", [], 8),
        ("npy/shapes/empty_2x0x3_i8.npy", "int64", "<i8", "little-endian", [2, 0, 3], 0),
        // Valid NumPy files of dtypes Kiln does not compute in are described, not refused.
        ("npy/unsupported/int8.npy", "int8", "|i1", "no byte order", [2], 2),
        ("npy/unsupported/uint16.npy", "uint16", "<u2", "little-endian", [2], 4),
        ("npy/unsupported/complex64.npy", "complex64", "<c8", "little-endian", [1], 8),
    ])
    func dtypesShapesAndByteOrders(_ path: String, _ dtype: String, _ descr: String, _ order: String, _ shape: [Int], _ bytes: Int) throws {
        let report = try NumPyInspection(path: CLITestFiles.fixture(path))
        #expect(report.header.dtypeName == dtype)
        #expect(report.header.descr == descr)
        #expect(report.header.byteOrder == order)
        #expect(report.header.shape == shape)
        #expect(report.header.byteCount == bytes)
        #expect(!report.header.fortranOrder)
    }

    @Test func kilnWrittenFile() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/labels.npy"
            try NumPy.save(Tensor([1, 2, 3, 4, 5, 6] as [Int64], shape: [3, 2]), to: path)
            let report = try NumPyInspection(path: path)
            #expect(report.json["descr"] == "<i8")
            #expect(report.json["shape"] == [3, 2])
            #expect(report.json["order"] == "C")
            #expect(report.json["bytes"] == 48)
        }
    }

    /// `np.savez(x=float32 2x3, y=arange(5) int64, flag=True)`, stored and compressed.
    @Test(arguments: [("npy/archive_stored.npz", false), ("npy/archive_compressed.npz", true)])
    func archives(_ path: String, _ compressed: Bool) throws {
        let report = try NumPyArchiveInspection(path: CLITestFiles.fixture(path))
        #expect(report.compressed == compressed)
        #expect(report.arrays.entries == [
            .init(name: "flag", dtype: "bool", shape: [], byteCount: 1),
            .init(name: "x", dtype: "float32", shape: [2, 3], byteCount: 24),
            .init(name: "y", dtype: "int64", shape: [5], byteCount: 40),
        ])
        #expect(report.json["compressed"] == .bool(compressed))
        #expect(report.json["total"] == ["tensors": 3, "parameters": 12, "bytes": 65])
        #expect(report.text.contains("y     int64    [5]              5     40"))
    }

    @Test(arguments: [("npy/bad/data_short.npy", NumPyError.Kind.truncatedData), ("npy/unsupported/object.npy", .objectArray),
                      ("npy/bad/truncated_header.npy", .truncatedHeader)])
    func damagedArrays(_ path: String, _ kind: NumPyError.Kind) {
        let error = #expect(throws: NumPyError.self) { try NumPyInspection(path: CLITestFiles.fixture(path)) }
        #expect(error?.kind == kind)
    }

    /// Hand-made headers of a dtype KilnIO refuses (so it does not check the size): a shape too
    /// large to address, and data shorter than the shape needs.
    @Test func unsupportedDTypeWithBadSizes() throws {
        func npy(_ dict: String, data: [UInt8]) -> [UInt8] {
            var header = Array(dict.utf8)
            while (10 + header.count + 1) % 64 != 0 { header.append(UInt8(ascii: " ")) }
            header.append(UInt8(ascii: "\n"))
            return [0x93] + Array("NUMPY".utf8) + [1, 0, UInt8(header.count & 0xFF), UInt8(header.count >> 8)] + header + data
        }
        try CLITestFiles.withTemporaryDirectory { directory in
            let huge = directory + "/huge.npy"
            try CLITestFiles.write(npy("{'descr': '|i1', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", data: []), to: huge)
            #expect(throws: CommandError("\(huge): shape [4611686018427387904, 4] of '|i1' is too large to address")) {
                try NumPyInspection(path: huge)
            }
            let short = directory + "/short.npy"
            try CLITestFiles.write(npy("{'descr': '<i2', 'fortran_order': False, 'shape': (3,), }", data: [1, 0, 2, 0]), to: short)
            #expect(throws: CommandError("\(short): the array needs 6 bytes of data after the header, but only 4 follow (truncated file?)")) {
                try NumPyInspection(path: short)
            }
        }
    }

    @Test(arguments: [("npy/bad/truncated.npz", NumPyError.Kind.invalidArchive), ("npy/bad/crc_mismatch.npz", .checksumMismatch)])
    func damagedArchives(_ path: String, _ kind: NumPyError.Kind) {
        let error = #expect(throws: NumPyError.self) { try NumPyArchiveInspection(path: CLITestFiles.fixture(path)) }
        #expect(error?.kind == kind)
    }
}
