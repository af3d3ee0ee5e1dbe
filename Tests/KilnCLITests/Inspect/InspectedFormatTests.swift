import Foundation
import Kiln
import KilnIO
import Testing
@testable import kiln

/// Format detection from content, on files written by the reference tools (PyTorch's safetensors,
/// NumPy, TensorFlow) and on directories laid out as checkpoints and runs.
@Suite struct InspectedFormatTests {
    @Test(arguments: [
        ("safetensors/pytorch_net.safetensors", InspectedFormat.safetensors),
        ("safetensors/vector.safetensors", .safetensors),
        ("safetensors/empty.safetensors", .safetensors),
        ("npy/vector.npy", .numPy),
        ("npy/order/v3_f4.npy", .numPy),
        ("npy/archive_stored.npz", .numPyArchive),
        ("npy/archive_compressed.npz", .numPyArchive),
        ("tfrecord/examples.tfrecord", .tfRecord),
        ("tfrecord/examples.tfrecord.gz", .tfRecord),
        ("tfrecord/examples.zlib.tfrecord", .tfRecord),
        ("tfrecord/raw.tfrecord", .tfRecord),
    ])
    func detectsReferenceFiles(_ path: String, _ format: InspectedFormat) throws {
        #expect(try InspectedFormat.detect(CLITestFiles.fixture(path)) == format)
    }

    /// The content decides, not the name: safetensors bytes named .npy are safetensors, and TFRecord
    /// framing named events.out.tfevents.* is an event file.
    @Test func contentDecidesOverName() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let misnamed = directory + "/weights.npy"
            try CLITestFiles.write(try CLITestFiles.bytes(CLITestFiles.fixture("safetensors/vector.safetensors")), to: misnamed)
            #expect(try InspectedFormat.detect(misnamed) == .safetensors)

            let events = directory + "/events.out.tfevents.1700000000.host.1.0"
            // FORMATS.md 5.3: the TFRecord of the file-version event.
            let writer = try TFRecordWriter(path: events)
            try writer.write(bytes(hex: "09000000000000f03f1a0d627261696e2e4576656e743a32"))
            try writer.close()
            #expect(try InspectedFormat.detect(events) == .tensorBoardEvents)
        }
    }

    @Test func directories() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            let checkpoint = run + "/checkpoints/epoch-1"
            try CLITestFiles.makeDirectory(checkpoint)
            try SafeTensors.save(["w": Tensor([1, 2] as [Float], shape: [2])], to: checkpoint + "/model.safetensors")
            #expect(try InspectedFormat.detect(run) == .run)
            #expect(try InspectedFormat.detect(checkpoint) == .checkpoint)
        }
    }

    /// FORMATS.md 5.2: a record header is the length and its masked CRC-32C; TensorBoard's
    /// record of FORMATS.md 5.3 starts with one, a shifted copy does not.
    @Test func tfRecordHeaderCheck() {
        let record = bytes(hex: "1a00000000000000 129bd82d 09000000000000f03f")
        #expect(InspectedFormat.isPlainTFRecord(record))
        #expect(!InspectedFormat.isPlainTFRecord(Array(record.dropFirst())))
        #expect(!InspectedFormat.isPlainTFRecord(Array(record.prefix(11))))
    }

    /// RFC 1950 headers: 78 01, 78 9c, 78 da are zlib; 78 9d and 'x' followed by text are not.
    @Test func zlibHeaderCheck() {
        for head: [UInt8] in [[0x78, 0x01], [0x78, 0x9C], [0x78, 0xDA], [0x58, 0x85]] {
            #expect(InspectedFormat.isZlibHeader(head))
        }
        for head: [UInt8] in [[0x78, 0x9D], [0x78, 0x41], [0x7B, 0x22], [0x78]] {
            #expect(!InspectedFormat.isZlibHeader(head))
        }
    }

    @Test func missingPath() {
        #expect(throws: CommandError("/no/such/kiln-file: no such file or directory")) {
            try InspectedFormat.detect("/no/such/kiln-file")
        }
    }

    @Test func emptyUnknownAndOtherDirectories() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let empty = directory + "/empty.safetensors"
            try CLITestFiles.write([UInt8](), to: empty)
            #expect(throws: CommandError("\(empty): the file is empty")) { try InspectedFormat.detect(empty) }

            let text = directory + "/notes.safetensors"
            try CLITestFiles.write("hello, world\n", to: text)
            #expect(throws: CommandError("\(text): unknown format (the name says .safetensors, but the content is not): "
                                         + "not safetensors, .npy, .npz, TFRecord or a TensorBoard event file "
                                         + "(it starts with bytes 68 65 6c 6c 6f 2c 20 77)")) {
                try InspectedFormat.detect(text)
            }

            #expect(throws: CommandError("\(directory): a directory, but neither a run directory (with checkpoints/) "
                                         + "nor a checkpoint directory (with model.safetensors)")) {
                try InspectedFormat.detect(directory)
            }
        }
    }
}

/// Bytes from hex digits; spaces are ignored.
func bytes(hex: String) -> [UInt8] {
    let digits = hex.filter { !$0.isWhitespace }.map { UInt8(String($0), radix: 16)! }
    return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
}
