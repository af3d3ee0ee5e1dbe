import Testing
import Kiln
import KilnIO

/// The Kiln twin of make_fixtures.py's `Net`: the same layers under the same keys.
private final class Net: Module {
    let features = Sequential {
        Conv2d(3, 4, kernelSize: 3, padding: 1)
        BatchNorm2d(4)
        ReLU()
        MaxPool2d(kernelSize: 2)
    }
    let classifier = Linear(64, 5)

    override func callAsFunction(_ x: Tensor) -> Tensor { classifier(features(x).flattened(startAxis: 1)) }
}

/// A state dict written by PyTorch (`safetensors.torch.save_file(model.state_dict())`) loads into
/// the equivalent Kiln model, which then computes PyTorch's outputs; what Kiln saves is the file
/// PyTorch wrote, byte for byte, so PyTorch loads it (check_kiln_file.py checks that in PyTorch).
@Suite struct PyTorchModelTests {
    @Test func pytorchStateDictGivesPyTorchOutputs() throws {
        let model = Net()
        try model.loadStateDict(try SafeTensors.load(TestFiles.fixture("pytorch_net.safetensors")))
        model.eval()
        let io = try SafeTensors.load(TestFiles.fixture("pytorch_net_io.safetensors"))
        let output = model(try #require(io["x"]))
        let expected = try #require(io["out"])
        #expect(output.shape == expected.shape)
        for (got, want) in zip(output.scalars(as: Double.self), expected.scalars(as: Double.self)) {
            #expect(Swift.abs(got - want) <= 1e-5 * Swift.max(1, Swift.abs(want)), "got \(got), PyTorch \(want)")
        }
        let tracked = try #require(model.stateDict()["features.1.num_batches_tracked"])
        #expect(tracked.dtype == .int64 && tracked.scalars(as: Int64.self) == [3])
    }

    @Test func kilnStateDictIsTheFilePyTorchWrote() throws {
        let model = Net()
        try model.loadStateDict(try SafeTensors.load(TestFiles.fixture("pytorch_net.safetensors")))
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/kiln_net.safetensors"
            try SafeTensors.save(model.stateDict(), metadata: ["format": "pt"], to: path)
            #expect(try TestFiles.bytes(path) == TestFiles.bytes(TestFiles.fixture("pytorch_net.safetensors")))
            // And back: a second Kiln model loaded from Kiln's file computes the same outputs.
            let copy = Net()
            try copy.loadStateDict(try SafeTensors.load(path))
            model.eval(); copy.eval()
            let x = Tensor(randomNormal: [2, 3, 8, 8], seed: 5)
            #expect(copy(x).scalars(as: Float.self) == model(x).scalars(as: Float.self))
        }
    }

    @Test func mismatchedFileIsRefusedWithTheKeysNamed() throws {
        let model = Sequential { Linear(64, 5) }
        do {
            try model.loadStateDict(try SafeTensors.load(TestFiles.fixture("pytorch_net.safetensors")))
            Issue.record("a state dict for another model was accepted")
        } catch let error as StateDictError {
            #expect(error.missingKeys == ["0.weight", "0.bias"])
            #expect(error.unexpectedKeys.contains("classifier.weight") && error.unexpectedKeys.contains("features.1.running_var"))
        }
    }
}
