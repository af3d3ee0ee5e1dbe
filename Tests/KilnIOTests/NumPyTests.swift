import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Reading and writing `.npy`/`.npz` against files written by NumPy 2.4.6
/// (Tests/Fixtures/npy/make_fixtures.py, which holds the same values as `NumPyReference`) and the
/// FORMATS.md test vector.
@Suite struct NumPyTests {
    /// Each fixture read both ways: from memory and through a mapping.
    func loadBothWays(_ path: String) throws -> [Tensor] {
        [try NumPy.load(path, mappingThreshold: .max), try NumPy.load(path, mappingThreshold: 0)]
    }

    @Test func formatsTestVector() throws {
        let bytes = NumPy.encode(.zeros([2, 3]))
        #expect(bytes.count == 152)
        #expect(Array(bytes.prefix(10)) == [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, 0x01, 0x00, 0x76, 0x00])
        #expect(bytes.count == 128 + 24 && bytes[127] == 0x0A)
        #expect(try TestFiles.bytes(FormatFixtures.npy("vector.npy")) == bytes)
        let back = try NumPy.decode(bytes)
        #expect(back.shape == [2, 3] && back.dtype == .float32)
        #expect(back.scalars(as: Float.self) == [0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: NumPyReference.dtypeNames)
    func readsEveryDType(_ name: String) throws {
        let expected = NumPyReference.tensor(name)
        for tensor in try loadBothWays(FormatFixtures.npy("dtypes/\(name).npy")) {
            NumPyReference.expectEqual(tensor, expected)
        }
    }

    /// The writer gives the bytes `np.save` wrote for the same values (made here from literals).
    @Test(arguments: NumPyReference.dtypeNames)
    func writesWhatNumPyWrites(_ name: String) throws {
        let file = try TestFiles.bytes(FormatFixtures.npy("dtypes/\(name).npy"))
        #expect(NumPy.encode(NumPyReference.tensor(name)) == file)
    }

    @Test func shapes() throws {
        let cases: [(String, Tensor)] = [
            ("scalar_f8", Tensor(2.5, dtype: .float64)),
            ("vector_i8", Tensor([Int64(3), -4, 5])),
            ("empty_f4", Tensor.zeros([0])),
            ("empty_2x0x3_i8", Tensor.zeros([2, 0, 3], dtype: .int64)),
            ("long_u1", Tensor.zeros([12345], dtype: .uint8)),
            ("boundary_u1", Tensor.zeros([3, 10, 10] + [Int](repeating: 1, count: 11), dtype: .uint8)),
        ]
        for (name, expected) in cases {
            let path = FormatFixtures.npy("shapes/\(name).npy")
            for tensor in try loadBothWays(path) {
                NumPyReference.expectEqual(tensor, expected, name)
            }
            #expect(NumPy.encode(expected) == (try TestFiles.bytes(path)), "\(name)")
        }
    }

    @Test func bigEndianIsByteSwapped() throws {
        for (file, name) in [("big_f4", "float32"), ("big_i8", "int64"), ("big_f8", "float64"), ("big_i4", "int32"),
                             ("big_f2", "float16")] {
            for tensor in try loadBothWays(FormatFixtures.npy("order/\(file).npy")) {
                NumPyReference.expectEqual(tensor, NumPyReference.tensor(name), file)
            }
        }
    }

    @Test func fortranOrderIsTransposedToCOrder() throws {
        for tensor in try loadBothWays(FormatFixtures.npy("order/fortran_f4.npy")) {
            NumPyReference.expectEqual(tensor, NumPyReference.tensor("float32"))
            #expect(tensor.isContiguous)
        }
        for tensor in try loadBothWays(FormatFixtures.npy("order/fortran_2x3x4_i4.npy")) {
            #expect(tensor.shape == [2, 3, 4] && tensor.dtype == .int32)
            #expect(tensor.scalars(as: Int32.self) == (0..<24).map(Int32.init))
        }
    }

    @Test func formatVersions2And3() throws {
        for name in ["v2_f4", "v3_f4"] {
            let path = FormatFixtures.npy("order/\(name).npy")
            #expect(try TestFiles.bytes(path)[6] == (name == "v2_f4" ? 2 : 3))
            for tensor in try loadBothWays(path) {
                NumPyReference.expectEqual(tensor, NumPyReference.tensor("float32"), name)
            }
        }
    }

    /// Header spellings NumPy also reads: double quotes, no trailing comma, other key order,
    /// Python 2 long integers, a 1-tuple written `(6,)`.
    @Test func headerSpellings() throws {
        let data = NumPyReference.tensor("float32").withUnsafeBytes { Array($0) }
        let headers = [
            #"{"descr": "<f4", "fortran_order": False, "shape": (2, 3)}"#,
            "{'shape': (2L, 3L), 'fortran_order': False, 'descr': '<f4'}",
            "{ 'descr' : '<f4' ,\t'fortran_order':False,'shape':( 2 , 3 , ) , }",
            "{'descr': 'f4', 'fortran_order': False, 'shape': (2, 3), }",
        ]
        for header in headers {
            let tensor = try NumPy.decode(npyFile(header: header, data: data))
            NumPyReference.expectEqual(tensor, NumPyReference.tensor("float32"), header)
        }
        let flat = try NumPy.decode(npyFile(header: "{'descr': '<f4', 'fortran_order': False, 'shape': (6,), }", data: data))
        #expect(flat.shape == [6])
        // Trailing bytes (a second array saved to the same file) are ignored, as np.load does.
        let twice = NumPy.encode(Tensor([Float(1), 2])) + NumPy.encode(Tensor([Float(3)]))
        #expect(try NumPy.decode(twice).scalars(as: Float.self) == [1, 2])
    }

    @Test func nonContiguousAndBFloat16Tensors() throws {
        let t = NumPyReference.tensor("float32").transposed()
        let back = try NumPy.decode(NumPy.encode(t))
        #expect(back.shape == [3, 2])
        #expect(back.scalars(as: Float.self) == [1.5, 0.125, -2.25, -1024, 3, 7.75])

        // NumPy has no bfloat16: Kiln writes float32, which holds every bfloat16 value exactly.
        let b = Tensor([Float(1.5), -2.25, 3]).cast(to: .bfloat16)
        let bytes = NumPy.encode(b)
        #expect(bytes == NumPy.encode(Tensor([Float(1.5), -2.25, 3])))
        #expect(String(decoding: bytes[10..<30], as: UTF8.self).contains("'<f4'"))
    }

    @Test func saveIsAtomicAndLoadsBack() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/a.npy"
            try NumPy.save(NumPyReference.tensor("int64"), to: path)
            try NumPy.save(NumPyReference.tensor("float16"), to: path)
            #expect(try TestFiles.contents(of: directory) == ["a.npy"])
            #expect(try TestFiles.bytes(path) == (try TestFiles.bytes(FormatFixtures.npy("dtypes/float16.npy"))))
            #expect(throws: FileError.self) { try NumPy.save(.zeros([1]), to: directory + "/missing/b.npy") }
            #expect(throws: FileError.self) { try NumPy.load(directory + "/none.npy") }
        }
    }

    // MARK: npz

    @Test(arguments: ["archive_stored.npz", "archive_compressed.npz"])
    func readsNumPyArchives(_ name: String) throws {
        let path = FormatFixtures.npy(name)
        for arrays in [try NumPy.loadArchive(path, mappingThreshold: .max), try NumPy.loadArchive(path, mappingThreshold: 0)] {
            #expect(arrays.keys.sorted() == ["flag", "x", "y"])
            NumPyReference.expectEqual(try #require(arrays["x"]), NumPyReference.tensor("float32"))
            NumPyReference.expectEqual(try #require(arrays["y"]), Tensor([Int64(0), 1, 2, 3, 4]))
            NumPyReference.expectEqual(try #require(arrays["flag"]), Tensor([true]).reshaped([]))
        }
    }

    /// Kiln's archives (stored, deflated, and with zip64 records forced) read back; the files this
    /// writes go to KILN_NUMPY_OUT when set, for check_kiln_files.py to load with NumPy.
    @Test func writesArchives() throws {
        let directory = try FormatFixtures.outputDirectory(environment: "KILN_NUMPY_OUT")
        let arrays: [String: Tensor] = [
            "x": NumPyReference.tensor("float32"),
            "y": Tensor([Int64(0), 1, 2, 3, 4]),
            "flag": Tensor([true]).reshaped([]),
            "empty": Tensor.zeros([2, 0], dtype: .int32),
            "nested/name é": Tensor([UInt8(7), 8]),
        ]
        let variants: [(String, Bool, Bool)] = [
            ("kiln_stored.npz", false, false), ("kiln_compressed.npz", true, false), ("kiln_zip64.npz", false, true),
            ("kiln_zip64_compressed.npz", true, true),
        ]
        for (name, compressed, zip64) in variants {
            let path = directory + "/" + name
            try NumPy.saveArchive(arrays, to: path, compressed: compressed, forceZip64: zip64)
            #expect(try TestFiles.bytes(path) == NumPy.encodeArchive(arrays, compressed: compressed, forceZip64: zip64))
            let back = try NumPy.loadArchive(path)
            #expect(back.keys.sorted() == arrays.keys.sorted(), "\(name)")
            for (key, tensor) in arrays {
                NumPyReference.expectEqual(try #require(back[key]), tensor, "\(name) \(key)")
            }
        }
        try NumPy.save(NumPyReference.tensor("float64"), to: directory + "/kiln_float64.npy")
        // The same arrays give the same bytes (fixed member order and date).
        #expect(NumPy.encodeArchive(arrays, compressed: true) == NumPy.encodeArchive(arrays, compressed: true))
        #expect(NumPy.encodeArchive(arrays).count > NumPy.encodeArchive(arrays, compressed: true).count)
        if ProcessInfo.processInfo.environment["KILN_NUMPY_OUT"] == nil {
            try FileManager.default.removeItem(atPath: directory)
        }
    }

    @Test func emptyArchive() throws {
        let bytes = NumPy.encodeArchive([:])
        #expect(bytes.count == 22)
        #expect(try NumPy.decodeArchive(bytes).isEmpty)
    }
}

/// A `.npy` file with a hand-written header, padded as NumPy pads it.
func npyFile(header: String, data: [UInt8], version: UInt8 = 1) -> [UInt8] {
    var text = Array(header.utf8)
    let lengthSize = version == 1 ? 2 : 4
    let padding = 64 - (6 + 2 + lengthSize + text.count + 1) % 64
    text += [UInt8](repeating: 0x20, count: padding) + [0x0A]
    var out: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59, version, 0]
    for i in 0..<lengthSize { out.append(UInt8(truncatingIfNeeded: text.count >> (8 * i))) }
    return out + text + data
}

/// The values make_fixtures.py saved (its `VALUES`), written out here.
enum NumPyReference {
    static let dtypeNames = ["bool", "uint8", "int32", "int64", "float16", "float32", "float64"]

    static func tensor(_ name: String) -> Tensor {
        switch name {
        case "bool": Tensor([true, false, true, false, false, true], shape: [2, 3])
        case "uint8": Tensor([UInt8(0), 1, 127, 128, 200, 255], shape: [2, 3])
        case "int32": Tensor([Int32(0), -1, .max, .min, 42, -7], shape: [2, 3])
        case "int64": Tensor([Int64(0), -1, .max, .min, 42, -7], shape: [2, 3])
        case "float16": Tensor([Float16(0.5), -1.25, 65504, 0.0009765625, -0.0, 3], shape: [2, 3])
        case "float32": Tensor([Float(1.5), -2.25, 3, 0.125, -1024, 7.75], shape: [2, 3])
        case "float64": Tensor([1e-300, -2.5, 3, 0.1, 1e300, -7.75], shape: [2, 3])
        default: fatalError("no reference tensor \(name)")
        }
    }

    /// Same shape, dtype and elements bit for bit (so -0.0 and 0.0 differ).
    static func expectEqual(_ actual: Tensor, _ expected: Tensor, _ note: String = "",
                            sourceLocation: SourceLocation = #_sourceLocation) {
        let comment = Comment(rawValue: note)
        #expect(actual.shape == expected.shape, comment, sourceLocation: sourceLocation)
        #expect(actual.dtype == expected.dtype, comment, sourceLocation: sourceLocation)
        let a = actual.withUnsafeBytes { Array($0) }, e = expected.withUnsafeBytes { Array($0) }
        #expect(a == e, comment, sourceLocation: sourceLocation)
    }
}
