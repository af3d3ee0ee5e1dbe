import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Reading and writing safetensors against files written by the reference library (safetensors
/// 0.8.0 with PyTorch; Tests/Fixtures/safetensors/make_fixtures.py) and the FORMATS.md test vector.
@Suite struct SafeTensorsTests {
    /// A tensor's elements as the bytes a file holds.
    func rawBytes(_ t: Tensor) -> [UInt8] { t.withUnsafeBytes { Array($0) } }

    @Test func formatsTestVector() throws {
        // FORMATS.md 5.1: header N = 200, then 4 spaces of padding, then 8 + 24 + 6 zero bytes.
        let header = #"{"__metadata__":{"format":"pt"},"i":{"dtype":"I64","shape":[1],"data_offsets":[0,8]},"#
            + #""w":{"dtype":"F32","shape":[2,3],"data_offsets":[8,32]},"b":{"dtype":"F16","shape":[3],"data_offsets":[32,38]}}"#
        let expected = lengthPrefix(200) + Array(header.utf8) + Array("    ".utf8) + [UInt8](repeating: 0, count: 38)
        #expect(expected.count == 246)
        #expect(try TestFiles.bytes(TestFiles.fixture("vector.safetensors")) == expected)

        let tensors: [String: Tensor] = [
            "w": .zeros([2, 3]), "b": .zeros([3], dtype: .float16), "i": .zeros([1], dtype: .int64),
        ]
        #expect(SafeTensors.encode(tensors, metadata: ["format": "pt"]) == expected)

        let file = try SafeTensors.decode(expected)
        #expect(file.names == ["i", "w", "b"])
        #expect(file.metadata == ["format": "pt"])
        #expect(file["w"]?.shape == [2, 3] && file["w"]?.dtype == .float32)
        #expect(file["b"]?.shape == [3] && file["b"]?.dtype == .float16)
        #expect(file["i"]?.shape == [1] && file["i"]?.dtype == .int64)
        #expect(file["w"]?.scalars(as: Float.self) == [0, 0, 0, 0, 0, 0])
    }

    @Test(arguments: [SafeTensors.mappingThreshold, 0])
    func pytorchStateDict(mappingThreshold: Int) throws {
        let path = TestFiles.fixture("pytorch_net.safetensors")
        let file = try SafeTensors.read(path, mappingThreshold: mappingThreshold)
        let dtypes: [String: DType] = ["F32": .float32, "I64": .int64]
        #expect(file.names == SafeTensorsReference.netEntries.map(\.0))
        #expect(file.tensors.count == SafeTensorsReference.netEntries.count)
        for (name, dtype, shape) in SafeTensorsReference.netEntries {
            let tensor = try #require(file[name], "missing \(name)")
            #expect(tensor.dtype == dtypes[dtype], "\(name)")
            #expect(tensor.shape == shape, "\(name)")
        }
        #expect(file.metadata == ["format": "pt"])

        let convWeight = try #require(file["features.0.weight"]).scalars(as: Float.self)
        #expect(Array(convWeight.prefix(6)) == SafeTensorsReference.convWeightFirst)
        #expect(file["features.0.bias"]?.scalars(as: Float.self) == SafeTensorsReference.convBias)
        #expect(file["features.1.running_mean"]?.scalars(as: Float.self) == SafeTensorsReference.bnRunningMean)
        #expect(file["features.1.running_var"]?.scalars(as: Float.self) == SafeTensorsReference.bnRunningVar)
        #expect(file["features.1.num_batches_tracked"]?.scalar(as: Int64.self) == SafeTensorsReference.bnNumBatchesTracked)
        let classifierWeight = try #require(file["classifier.weight"]).scalars(as: Float.self)
        #expect(Array(classifierWeight.suffix(4)) == SafeTensorsReference.classifierWeightLast)
        #expect(file["classifier.bias"]?.scalars(as: Float.self) == SafeTensorsReference.classifierBias)

        // Re-saving what was read gives PyTorch's file byte for byte, so PyTorch reads Kiln's file.
        let original = try TestFiles.bytes(path)
        #expect(SafeTensors.encode(file.tensors, metadata: file.metadata) == original)
        try TestFiles.withTemporaryDirectory { directory in
            let copy = directory + "/net.safetensors"
            try SafeTensors.save(file.tensors, metadata: file.metadata, to: copy)
            #expect(try TestFiles.bytes(copy) == original)
        }
        if let directory = TestFiles.interopDirectory {
            try SafeTensors.save(file.tensors, metadata: file.metadata, to: directory + "/pytorch_net.safetensors")
        }
    }

    @Test func pytorchInputAndOutput() throws {
        let file = try SafeTensors.read(TestFiles.fixture("pytorch_net_io.safetensors"))
        #expect(file.names == ["out", "x"])
        #expect(file.metadata == nil)
        let x = try #require(file["x"])
        #expect(x.shape == [2, 3, 8, 8] && x.dtype == .float32)
        #expect(Array(x.scalars(as: Float.self).prefix(4)) == SafeTensorsReference.inputFirst)
        let out = try #require(file["out"])
        #expect(out.shape == [2, 5])
        #expect(out.scalars(as: Float.self) == SafeTensorsReference.output)
    }

    /// The tensors of make_fixtures.py's `dtype_tensors()`, built here from the same literals
    /// (its 5.96e-08, 1e-45 and 5e-324 are the smallest subnormals of float16, float32, float64).
    static func dtypeTensors() -> [String: Tensor] {
        [
            "bool": Tensor([true, false, true]),
            "uint8": Tensor([UInt8(0), 1, 127, 255], shape: [2, 2]),
            "int32": Tensor([Int32.min, -1, 0, Int32.max]),
            "int64": Tensor([Int64.min, -1, 0, 9_007_199_254_740_993, Int64.max]),
            "float16": Tensor([Float16(0), -0.0, 1, -2.5, 65504, .leastNonzeroMagnitude, .infinity]),
            "bfloat16": Tensor([Float(1), -2, 3.140625, 1.0e38, -.infinity].map { BFloat16($0) }),
            "float32": Tensor([Float(0.1), -1.5, 3.4028234663852886e38, .leastNonzeroMagnitude, -0.0, 7.0], shape: [2, 3]),
            "float64": Tensor([1.0 / 3.0, -1.0e300, .leastNonzeroMagnitude]),
            "scalar_f32": Tensor([Float(2.5)], shape: []),
            "scalar_i64": Tensor([Int64(-7)], shape: []),
            "empty_f32": Tensor([Float](), shape: [0, 3]),
            "empty_i32": Tensor([Int32](), shape: [0]),
        ]
    }

    @Test func everyDTypeMatchesPyTorch() throws {
        let path = TestFiles.fixture("dtypes.safetensors")
        let expected = Self.dtypeTensors()
        // Kiln writes PyTorch's bytes for the same tensors …
        #expect(SafeTensors.encode(expected, metadata: ["format": "pt"]) == (try TestFiles.bytes(path)))
        if let directory = TestFiles.interopDirectory {
            try SafeTensors.save(expected, metadata: ["format": "pt"], to: directory + "/dtypes.safetensors")
        }
        // … and reads PyTorch's file back to the same tensors, copied or mapped.
        for threshold in [SafeTensors.mappingThreshold, 0] {
            let file = try SafeTensors.read(path, mappingThreshold: threshold)
            #expect(file.names == ["int64", "scalar_i64", "float64", "empty_f32", "float32", "scalar_f32",
                                   "empty_i32", "int32", "bfloat16", "float16", "uint8", "bool"])
            #expect(Set(file.tensors.keys) == Set(expected.keys))
            for (name, tensor) in expected {
                let got = try #require(file[name])
                #expect(got.dtype == tensor.dtype, "\(name)")
                #expect(got.shape == tensor.shape, "\(name)")
                #expect(rawBytes(got) == rawBytes(tensor), "\(name)")
            }
            #expect(file["bool"]?.scalars(as: Bool.self) == [true, false, true])
            #expect(file["int64"]?.scalars(as: Int64.self) == [Int64.min, -1, 0, 9_007_199_254_740_993, Int64.max])
            // Bit patterns as PyTorch stores these values (`t.view(torch.int16)`).
            #expect(file["float16"]?.scalars(as: Float16.self).map(\.bitPattern)
                    == [0x0000, 0x8000, 0x3C00, 0xC100, 0x7BFF, 0x0001, 0x7C00])
            #expect(file["bfloat16"]?.scalars(as: BFloat16.self).map(\.bitPattern)
                    == [0x3F80, 0xC000, 0x4049, 0x7E96, 0xFF80])
            #expect(file["scalar_f32"]?.item() == 2.5)
            #expect(file["empty_f32"]?.count == 0)
        }
    }

    @Test func roundTripThroughDisk() throws {
        let tensors = Self.dtypeTensors()
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/all.safetensors"
            try SafeTensors.save(tensors, metadata: ["epoch": "3", "format": "pt"], to: path)
            for threshold in [SafeTensors.mappingThreshold, 0] {
                let file = try SafeTensors.read(path, mappingThreshold: threshold)
                #expect(file.metadata == ["epoch": "3", "format": "pt"])
                #expect(Set(file.tensors.keys) == Set(tensors.keys))
                for (name, tensor) in tensors {
                    #expect(file[name]?.dtype == tensor.dtype && file[name]?.shape == tensor.shape, "\(name)")
                    #expect(file[name].map(rawBytes) == rawBytes(tensor), "\(name)")
                }
            }
            #expect(try SafeTensors.load(path).count == tensors.count)
        }
    }

    @Test func unsupportedDTypeNamesTheTensor() throws {
        let path = TestFiles.fixture("unsupported_dtype.safetensors")
        let error = #expect(throws: SafeTensorsError.self) { try SafeTensors.read(path) }
        #expect(error?.kind == .unsupportedDType)
        #expect(error?.tensor == "q")
        #expect(error?.description.contains("I8") == true)
        #expect(error?.description.contains(path) == true)
    }

    @Test func stringEscapesMatchTheReference() throws {
        let bytes = try TestFiles.bytes(TestFiles.fixture("escapes.safetensors"))
        let metadata = ["k": "q\"\\ /\u{0}\u{1}\u{8}\t\n\u{B}\u{C}\r\u{1F}\u{7F}\u{E9}\u{2028}\u{1F600}"]
        let tensors = ["a\"b\\c\n": Tensor([Float(1)]), "\u{E9}t\u{E9}": Tensor([Float(2)])]
        #expect(SafeTensors.encode(tensors, metadata: metadata) == bytes)
        let file = try SafeTensors.decode(bytes)
        #expect(file.metadata == metadata)
        #expect(file.names == ["a\"b\\c\n", "\u{E9}t\u{E9}"])
        #expect(file["\u{E9}t\u{E9}"]?.scalars(as: Float.self) == [2])
    }

    @Test func emptyFileAndEmptyMetadataMatchTheReference() throws {
        let empty = try TestFiles.bytes(TestFiles.fixture("empty.safetensors"))
        #expect(empty == lengthPrefix(8) + Array("{}      ".utf8))
        #expect(SafeTensors.encode([:]) == empty)
        let file = try SafeTensors.decode(empty)
        #expect(file.names.isEmpty && file.tensors.isEmpty && file.metadata == nil)

        let emptyMetadata = try TestFiles.bytes(TestFiles.fixture("empty_metadata.safetensors"))
        #expect(SafeTensors.encode(["x": .ones([2])], metadata: [:]) == emptyMetadata)
        #expect(try SafeTensors.decode(emptyMetadata).metadata == [:])
    }

    @Test func metadataKeysAreWrittenSorted() throws {
        // The reference writes several metadata keys in hash order (different every run); Kiln sorts them.
        let bytes = SafeTensors.encode(["x": Tensor([Float(1)])], metadata: ["zeta": "1", "alpha": "2", "mid": "3"])
        let header = #"{"__metadata__":{"alpha":"2","mid":"3","zeta":"1"},"x":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}"#
        #expect(header.utf8.count == 104)  // a multiple of 8: no padding
        #expect(bytes == lengthPrefix(104) + Array(header.utf8) + [0, 0, 0x80, 0x3F])
        #expect(try SafeTensors.decode(bytes).metadata == ["zeta": "1", "alpha": "2", "mid": "3"])
    }

    @Test func nonContiguousTensorsAreWrittenContiguous() throws {
        let transposed = Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3]).transposed()
        let expanded = Tensor([Int32(7)], shape: [1]).expanded(to: [3])
        #expect(!transposed.isContiguous && !expanded.isContiguous)
        let tensors = ["transposed": transposed, "expanded": expanded]
        let file = try SafeTensors.decode(SafeTensors.encode(tensors))
        #expect(file["transposed"]?.shape == [3, 2])
        #expect(file["transposed"]?.scalars(as: Float.self) == [1, 4, 2, 5, 3, 6])
        #expect(file["expanded"]?.scalars(as: Int32.self) == [7, 7, 7])
        if let directory = TestFiles.interopDirectory {
            try SafeTensors.save(["transposed": transposed], metadata: ["format": "pt", "epoch": "3", "name": "kiln"],
                                 to: directory + "/kiln_extra.safetensors")
        }
    }

    @Test func boolBytesOtherThanOneReadAsTrue() throws {
        let bytes = handMadeFile(#"{"b":{"dtype":"BOOL","shape":[4],"data_offsets":[0,4]}}"#, data: [0, 1, 2, 255])
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/bool.safetensors"
            try TestFiles.write(bytes, to: path)
            for threshold in [SafeTensors.mappingThreshold, 0] {
                let b = try #require(try SafeTensors.read(path, mappingThreshold: threshold)["b"])
                #expect(b.scalars(as: Bool.self) == [false, true, true, true])
                #expect(rawBytes(b) == [0, 1, 1, 1])
            }
        }
    }

    @Test func largeFilesAreMappedAndOutliveTheFile() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/big.safetensors"
            let big = Tensor.arange(0, 300_000, dtype: .float32)
            try SafeTensors.save(["big": big, "small": Tensor([Int64(5), 6, 7]), "flags": Tensor([true, false]),
                                  "half": Tensor([Float16(1.5), -2])], to: path)
            let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
            #expect(size >= SafeTensors.mappingThreshold)

            var file: SafeTensorsFile? = try SafeTensors.read(path)
            #expect(file?.names == ["small", "big", "half", "flags"])
            let small = try #require(file?["small"])
            let loaded = try #require(file?["big"])
            // Both alias one mapping of the file: their data lies 24 bytes (3 × int64) apart.
            #expect(small.storage.data.distance(to: loaded.storage.data) == 24)
            #expect(file?["half"]?.scalars(as: Float16.self) == [1.5, -2])
            #expect(file?["flags"]?.scalars(as: Bool.self) == [true, false])

            // The mapping stays valid after the file is deleted and the other tensors are gone.
            file = nil
            try FileManager.default.removeItem(atPath: path)
            let values = loaded.scalars(as: Float.self)
            #expect(values.count == 300_000 && values[0] == 0 && values[123_456] == 123_456 && values[299_999] == 299_999)
            #expect(small.scalars(as: Int64.self) == [5, 6, 7])
            #expect((loaded * 2).scalars(as: Float.self)[7] == 14)
        }
    }

    @Test func misalignedTensorsInAMappedFileAreCopied() throws {
        // Valid for the reference reader, though its writer never lays a file out like this: a
        // float32 tensor at byte 1 of the data.
        var header = #"{"u":{"dtype":"U8","shape":[1],"data_offsets":[0,1]},"f":{"dtype":"F32","shape":[2],"data_offsets":[1,9]}}"#
        while header.utf8.count % 8 != 0 { header += " " }
        let bytes = handMadeFile(header, data: [9, 0, 0, 0xC0, 0x3F, 0, 0, 0, 0xC0])
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/misaligned.safetensors"
            try TestFiles.write(bytes, to: path)
            let file = try SafeTensors.read(path, mappingThreshold: 0)
            #expect(file["u"]?.scalars(as: UInt8.self) == [9])
            #expect(file["f"]?.scalars(as: Float.self) == [1.5, -2])
        }
    }

    @Test func rawBytesInitializers() {
        let values: [Float] = [1.5, -2, 0.25]
        let copied = values.withUnsafeBytes { Tensor(copying: $0, shape: [3], dtype: .float32) }
        #expect(copied.scalars(as: Float.self) == values)
        #expect(rawBytes(copied) == [0, 0, 0xC0, 0x3F, 0, 0, 0, 0xC0, 0, 0, 0x80, 0x3E])

        final class Flag: @unchecked Sendable { var released = false }
        let flag = Flag()
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 16, alignment: 8)
        memory.storeBytes(of: 3.5, toByteOffset: 0, as: Double.self)
        memory.storeBytes(of: -1, toByteOffset: 8, as: Double.self)
        do {
            let external = Tensor(externalBytes: memory, byteCount: 16, shape: [2], dtype: .float64) { pointer in
                flag.released = true
                pointer.deallocate()
            }
            let view = external.reshaped([1, 2])
            #expect(view.scalars(as: Double.self) == [3.5, -1])
            #expect(!flag.released)
        }
        #expect(flag.released)
    }
}
// Generated by Tests/Fixtures/safetensors/make_fixtures.py (torch 2.15.0+cu132) — do not edit.
enum SafeTensorsReference {
    /// Key, dtype and shape of every tensor in pytorch_net.safetensors, in file order.
    static let netEntries: [(String, String, [Int])] = [
        ("features.1.num_batches_tracked", "I64", []),
        ("classifier.bias", "F32", [5]),
        ("classifier.weight", "F32", [5, 64]),
        ("features.0.bias", "F32", [4]),
        ("features.0.weight", "F32", [4, 3, 3, 3]),
        ("features.1.bias", "F32", [4]),
        ("features.1.running_mean", "F32", [4]),
        ("features.1.running_var", "F32", [4]),
        ("features.1.weight", "F32", [4]),
    ]
    static let convWeightFirst: [Float] = [-0.0014408392598852515, 0.10323861986398697, -0.15839511156082153, -0.14163152873516083, -0.07412299513816833, 0.051606908440589905]
    static let convBias: [Float] = [-0.01060392428189516, 0.028895428404211998, -0.07881414145231247, 0.1141955703496933]
    static let bnRunningMean: [Float] = [-0.00010203290730714798, 0.010542221367359161, -0.021202046424150467, 0.026206124573946]
    static let bnRunningVar: [Float] = [0.796990692615509, 0.8207087516784668, 0.8084825277328491, 0.8231509327888489]
    static let bnNumBatchesTracked: Int64 = 3
    static let classifierWeightLast: [Float] = [-0.05333569645881653, 0.0450366735458374, -0.08876627683639526, 0.046465858817100525]
    static let classifierBias: [Float] = [0.1060972660779953, 0.008198544383049011, -0.08331096172332764, -0.04478561878204346, 0.027295514941215515]
    static let inputFirst: [Float] = [0.05067310482263565, -0.7415010929107666, -0.2291267216205597, -1.4223637580871582]
    static let output: [Float] = [-0.4462507367134094, -0.26696181297302246, 0.025309108197689056, 0.477863609790802, 0.3663561940193176, -0.022145017981529236, -0.01941072940826416, -0.4086688160896301, 0.6156828999519348, 0.7518563270568848]
}
