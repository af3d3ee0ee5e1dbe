import Kiln
import Testing
@testable import KilnIO

/// tf.train.Example parsing and building against the FORMATS.md test vector and bytes made by
/// TensorFlow's protobuf (`SerializeToString(deterministic=True)`, printed by the command in
/// `deterministicBytesMatchTensorFlow`).
@Suite struct ExampleTests {
    /// FORMATS.md 5.4: {"x": float_list [1.0, 2.0]}.
    static let vector = "0a130a110a0178120c120a0a080000803f00000040"

    @Test func formatsTestVector() throws {
        let example = try Example(serializedBytes: bytes(hex: Self.vector))
        #expect(example.features == ["x": .floats([1, 2])])
        #expect(hexString(Example(features: ["x": .floats([1.0, 2.0])]).serializedBytes()) == Self.vector)
    }

    /// Readers must accept unpacked number lists (each value its own tagged field).
    @Test func unpackedEncodings() throws {
        // FloatList{value: 1, value: 2} unpacked: 0d <fixed32> 0d <fixed32>.
        let floats = try Example(serializedBytes: bytes(hex: "0a130a110a0178120c120a0d0000803f0d00000040"))
        #expect(floats.features == ["x": .floats([1, 2])])
        // Int64List{value: 3, value: -1} unpacked: 08 03 08 <10-byte varint of -1>.
        let ints = try Example(serializedBytes: bytes(hex: "0a160a140a0179120f1a0d0803 08ffffffffffffffffff01"))
        #expect(ints.features == ["y": .int64s([3, -1])])
        // Packed and unpacked pieces of one list are concatenated, as protobuf specifies.
        let mixed = try Example(serializedBytes: bytes(hex: "0a190a170a017912121a100803 08ffffffffffffffffff01 0a0105"))
        #expect(mixed.features == ["y": .int64s([3, -1, 5])])
    }

    /// Features are written in name order, as TensorFlow's deterministic serialization writes them:
    /// `tf.train.Example(features=tf.train.Features(feature={'b': float_list [], 'a': int64_list
    /// [1, -2], 'c': bytes_list [b'hi', b'']})).SerializeToString(deterministic=True).hex()`.
    @Test func deterministicBytesMatchTensorFlow() throws {
        let example = Example(features: ["b": .floats([]), "a": .int64s([1, -2]), "c": .bytes([Array("hi".utf8), []])])
        let tensorflow = "0a2e0a140a0161120f1a0d0a0b01feffffffffffffffff010a070a0162120212000a0d0a016312080a060a0268690a00"
        #expect(hexString(example.serializedBytes()) == tensorflow)
        #expect(try Example(serializedBytes: bytes(hex: tensorflow)) == example)
    }

    @Test func emptyExampleAndEmptyFeature() throws {
        #expect(Example().serializedBytes() == [])
        #expect(try Example(serializedBytes: []) == Example())
        // Feature{} with no list set: key "z", value of length 0.
        let example = try Example(serializedBytes: bytes(hex: "0a070a050a017a1200"))
        #expect(example["z"] == .bytes([]))
        #expect(example["z"]?.count == 0)
    }

    @Test func invalidBytesThrow() {
        for hex in ["0a05", "0a130a110a0178120c120a0a080000803f000000", "ff", "0f", "0a020a05"] {
            let error = #expect(throws: ExampleError.self) { try Example(serializedBytes: bytes(hex: hex)) }
            #expect(error?.kind == .invalidProto, "\(hex)")
        }
    }

    @Test func featuresAsTensors() throws {
        let example = Example(features: [
            "score": .floats([1.5, -2.25, 3, 4]),
            "label": .int64s([7]),
            "image": .bytes([[0, 1, 2, 255]]),
            "names": .strings(["a", "b"]),
        ])
        let score = try example.tensor("score")
        #expect(score.shape == [4] && score.dtype == .float32)
        #expect(score.scalars(as: Float.self) == [1.5, -2.25, 3, 4])
        #expect(try example.tensor("score", shape: [2, 2]).shape == [2, 2])
        let label = try example.tensor("label")
        #expect(label.dtype == .int64 && label.scalars(as: Int64.self) == [7])
        let image = try example.tensor("image", shape: [2, 2])
        #expect(image.dtype == .uint8 && image.scalars(as: UInt8.self) == [0, 1, 2, 255])
        #expect(example["names"] == .bytes([[0x61], [0x62]]))

        let missing = #expect(throws: ExampleError.self) { try example.tensor("nope") }
        #expect(missing?.kind == .missingFeature && missing?.feature == "nope")
        let mismatch = #expect(throws: ExampleError.self) { try example.tensor("score", shape: [3]) }
        #expect(mismatch?.kind == .shapeMismatch && mismatch?.feature == "score")
        #expect(mismatch?.description.contains("holds 4 values but shape [3] needs 3") == true)
        let strings = #expect(throws: ExampleError.self) { try example.tensor("names") }
        #expect(strings?.kind == .wrongKind)
        #expect((#expect(throws: ExampleError.self) { try example.tensor("score", shape: [-1, -4]) })?.kind == .shapeMismatch)
    }
}
