import Foundation
import Kiln
import KilnIO
import Testing
@testable import kiln

/// `kiln inspect` on safetensors files: files written by PyTorch's safetensors 0.8.0
/// (Tests/Fixtures/safetensors/make_fixtures.py), whose contents are known from the script, and a
/// file Kiln writes here.
@Suite struct SafeTensorsInspectionTests {
    /// The state dict of make_fixtures.py's `Net` (Conv2d(3, 4, 3), BatchNorm2d(4), Linear(64, 5)),
    /// in the reference writer's file order: I64 before F32, then by name.
    static let pytorchNet: [TensorListing.Entry] = [
        .init(name: "features.1.num_batches_tracked", dtype: "I64", shape: [], byteCount: 8),
        .init(name: "classifier.bias", dtype: "F32", shape: [5], byteCount: 20),
        .init(name: "classifier.weight", dtype: "F32", shape: [5, 64], byteCount: 1280),
        .init(name: "features.0.bias", dtype: "F32", shape: [4], byteCount: 16),
        .init(name: "features.0.weight", dtype: "F32", shape: [4, 3, 3, 3], byteCount: 432),
        .init(name: "features.1.bias", dtype: "F32", shape: [4], byteCount: 16),
        .init(name: "features.1.running_mean", dtype: "F32", shape: [4], byteCount: 16),
        .init(name: "features.1.running_var", dtype: "F32", shape: [4], byteCount: 16),
        .init(name: "features.1.weight", dtype: "F32", shape: [4], byteCount: 16),
    ]

    @Test func pytorchStateDict() throws {
        let path = CLITestFiles.fixture("safetensors/pytorch_net.safetensors")
        let report = try SafeTensorsInspection(path: path)
        #expect(report.tensors.entries == Self.pytorchNet)
        #expect(report.metadata == ["format": "pt"])
        // 4·3·3·3 + 4 conv, 4·4 + 1 batch norm, 5·64 + 5 linear.
        #expect(report.tensors.parameterCount == 454)
        #expect(report.tensors.byteCount == 1820)
        #expect(report.fileSize == (try CLITestFiles.bytes(path)).count)

        let lines = report.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "safetensors  \(path)  (2.5 KiB)")
        #expect(lines[1] == "metadata: format=pt")
        #expect(lines[3] == "name                            dtype  shape         parameters  bytes")
        #expect(lines[4] == "features.1.num_batches_tracked  I64    []                     1      8")
        #expect(lines[6] == "classifier.weight               F32    [5, 64]              320  1,280")
        #expect(lines[8] == "features.0.weight               F32    [4, 3, 3, 3]         108    432")
        #expect(lines.last == "total: 9 tensors, 454 parameters, 1,820 bytes (1.8 KiB)")
    }

    /// FORMATS.md 5.1: the test vector's header lists i (I64 [1], bytes 0–8), w (F32 [2,3], 8–32),
    /// b (F16 [3], 32–38); the file is 246 bytes.
    @Test func formatsTestVectorAsJSON() throws {
        let path = CLITestFiles.fixture("safetensors/vector.safetensors")
        let json = try SafeTensorsInspection(path: path).json
        #expect(json == [
            "format": "safetensors", "path": .string(path), "file_bytes": 246, "metadata": ["format": "pt"],
            "tensors": [
                ["name": "i", "dtype": "I64", "shape": [1], "parameters": 1, "bytes": 8],
                ["name": "w", "dtype": "F32", "shape": [2, 3], "parameters": 6, "bytes": 24],
                ["name": "b", "dtype": "F16", "shape": [3], "parameters": 3, "bytes": 6],
            ],
            "total": ["tensors": 3, "parameters": 10, "bytes": 38],
        ])
    }

    /// A valid file with an int8 tensor (a dtype Kiln does not compute in) is listed, not refused.
    @Test func dtypeKilnDoesNotHave() throws {
        let report = try SafeTensorsInspection(path: CLITestFiles.fixture("safetensors/unsupported_dtype.safetensors"))
        #expect(report.tensors.entries == [
            .init(name: "w", dtype: "F32", shape: [2], byteCount: 8),
            .init(name: "q", dtype: "I8", shape: [3], byteCount: 3),
        ])
        #expect(report.metadata == nil)
        #expect(report.text.contains("metadata: none"))
    }

    @Test func noTensors() throws {
        let report = try SafeTensorsInspection(path: CLITestFiles.fixture("safetensors/empty.safetensors"))
        #expect(report.tensors.entries.isEmpty)
        #expect(report.text.hasSuffix("\n\ntotal: 0 tensors, 0 parameters, 0 bytes (0 B)"))
    }

    /// A file Kiln writes, with two metadata keys and a 0-d tensor.
    @Test func kilnWrittenFile() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/model.safetensors"
            try SafeTensors.save(["0.weight": Tensor.zeros([300, 1000]), "0.bias": Tensor.zeros([300]),
                                  "scale": Tensor(2.5)],
                                 metadata: ["format": "pt", "epoch": "3"], to: path)
            let report = try SafeTensorsInspection(path: path)
            #expect(report.tensors.parameterCount == 300_301)
            #expect(report.tensors.byteCount == 1_201_204)
            #expect(report.text.contains("metadata: epoch=3, format=pt"))
            #expect(report.text.contains("0.weight  F32    [300, 1000]     300,000  1,200,000"))
            #expect(report.text.contains("scale     F32    []                    1          4"))
            #expect(report.text.hasSuffix("total: 3 tensors, 300,301 parameters, 1,201,204 bytes (1.1 MiB)"))
        }
    }

    /// Damaged files are KilnIO's typed errors, the same the reader gives.
    @Test(arguments: [("buffer_cut", SafeTensorsError.Kind.incompleteBuffer), ("header_cut", .invalidHeaderLength),
                      ("invalid_json", .invalidJSON), ("size_mismatch", .sizeMismatch)])
    func damagedFiles(_ name: String, _ kind: SafeTensorsError.Kind) {
        let error = #expect(throws: SafeTensorsError.self) {
            try SafeTensorsInspection(path: CLITestFiles.fixture("safetensors/bad/\(name).safetensors"))
        }
        #expect(error?.kind == kind)
    }
}
