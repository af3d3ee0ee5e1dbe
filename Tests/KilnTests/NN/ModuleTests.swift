import Testing
@testable import Kiln

/// The model of the safetensors fixture: PyTorch's keys are `features.0.weight` … `classifier.bias`.
private final class SmallNet: Module {
    let features = Sequential {
        Conv2d(3, 4, kernelSize: 3, padding: 1)
        BatchNorm2d(4)
        ReLU()
        MaxPool2d(kernelSize: 2)
    }
    let classifier = Linear(64, 5)

    override func callAsFunction(_ x: Tensor) -> Tensor { classifier(features(x).flattened(startAxis: 1)) }
}

/// Swift names in camelCase, arrays and dictionaries of modules, a shared layer and a plain
/// tensor property (not state).
private final class Tower: Module {
    let inputLayer = Linear(2, 3)
    let blocks = [Linear(3, 3), Linear(3, 3)]
    let heads = ModuleDict(["score": Linear(3, 1), "aux": Linear(3, 2)])
    let scale = Parameter(Tensor.ones([1]))
    lazy var tied: Linear = inputLayer
    let constant = Tensor([1.0, 2.0])
}

@Suite struct ModuleTests {
    @Test func stateDictKeysFollowPyTorch() {
        let net = SmallNet()
        #expect(net.stateDictKeys() == [
            "features.0.weight", "features.0.bias",
            "features.1.weight", "features.1.bias", "features.1.running_mean", "features.1.running_var",
            "features.1.num_batches_tracked",
            "classifier.weight", "classifier.bias",
        ])
        #expect(net.namedParameters().map(\.key) == [
            "features.0.weight", "features.0.bias", "features.1.weight", "features.1.bias", "classifier.weight", "classifier.bias",
        ])
        #expect(net.namedBuffers().map(\.key) == [
            "features.1.running_mean", "features.1.running_var", "features.1.num_batches_tracked",
        ])
        let state = net.stateDict()
        #expect(state["classifier.weight"]?.shape == [5, 64])
        #expect(state["features.0.weight"]?.shape == [4, 3, 3, 3])
        #expect(state["features.1.num_batches_tracked"]?.dtype == .int64)
        #expect(state["features.1.num_batches_tracked"]?.shape == [])
        #expect(net(Tensor.zeros([2, 3, 8, 8])).shape == [2, 5])
    }

    @Test func reflectionNamesArraysDictionariesAndSharedModules() {
        let tower = Tower()
        _ = tower.tied
        // PyTorch's order: a module's own parameters, then its buffers, then its children's.
        #expect(tower.stateDictKeys() == [
            "scale",
            "input_layer.weight", "input_layer.bias",
            "blocks.0.weight", "blocks.0.bias", "blocks.1.weight", "blocks.1.bias",
            "heads.score.weight", "heads.score.bias", "heads.aux.weight", "heads.aux.bias",
        ])
        // The tied layer is the input layer: listed once, counted once.
        #expect(tower.parameters().count == 11)
        #expect(tower.parameterCount == (6 + 3) + 2 * (9 + 3) + (3 + 1) + (6 + 2) + 1)
        #expect(ModuleList([ReLU(), Linear(1, 1)]).stateDictKeys() == ["1.weight", "1.bias"])
        #expect(snakeCase("numBatchesTracked") == "num_batches_tracked" && snakeCase("fc1") == "fc1"
                && snakeCase("conv2Weight") == "conv2_weight")
    }

    @Test func stateDictRoundTripCopiesValues() throws {
        GlobalRandom.seed(1)
        let a = SmallNet(), b = SmallNet()
        _ = a(Tensor(randomNormal: [4, 3, 8, 8]))  // moves a's running statistics
        let state = a.stateDict()
        try b.loadStateDict(state)
        for (key, value) in b.stateDict() {
            #expect(value.scalars(as: Double.self) == state[key]!.scalars(as: Double.self), "\(key)")
        }
        // Loading copies: updating b's parameter afterwards does not touch a's.
        b.classifier.weight.value = b.classifier.weight.value * 0
        #expect(abs(a.classifier.weight.value).sum().item() > 0)
        a.eval(); b.eval()
        let x = Tensor(randomNormal: [2, 3, 8, 8])
        #expect(a.features(x).scalars(as: Float.self) == b.features(x).scalars(as: Float.self))
    }

    @Test func strictLoadReportsEveryProblemAndChangesNothing() {
        let net = SmallNet()
        let before = net.stateDict()
        var state = SmallNet().stateDict()
        state["classifier.bias"] = nil
        state["classifier.extra"] = Tensor.zeros([1])
        state["features.0.weight"] = Tensor.zeros([4, 3, 5, 5])
        do {
            try net.loadStateDict(state)
            Issue.record("loadStateDict accepted a state dict with missing, unexpected and mis-shaped keys")
        } catch let error as StateDictError {
            #expect(error.missingKeys == ["classifier.bias"])
            #expect(error.unexpectedKeys == ["classifier.extra"])
            #expect(error.shapeMismatches == [.init(key: "features.0.weight", expected: [4, 3, 3, 3], found: [4, 3, 5, 5])])
            let text = error.description
            #expect(text.contains("missing keys: classifier.bias") && text.contains("unexpected keys: classifier.extra")
                    && text.contains("features.0.weight") && text.contains("[4, 3, 5, 5]"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
        for (key, value) in net.stateDict() {
            #expect(value.scalars(as: Double.self) == before[key]!.scalars(as: Double.self), "\(key) changed")
        }
    }

    @Test func nonStrictLoadSkipsMissingAndUnexpectedKeys() throws {
        let net = SmallNet()
        let result = try net.loadStateDict(["classifier.bias": Tensor.ones([5], dtype: .float64), "other": Tensor.zeros([2])],
                                           strict: false)
        #expect(result.unexpectedKeys == ["other"])
        #expect(result.missingKeys.count == 8 && !result.missingKeys.contains("classifier.bias"))
        // Converted to the parameter's dtype, as PyTorch's copy_ does.
        #expect(net.classifier.bias?.dtype == .float32)
        #expect(net.classifier.bias?.value.scalars(as: Float.self) == [1, 1, 1, 1, 1])
        // A shape mismatch is refused even when not strict.
        #expect(throws: StateDictError.self) { _ = try net.loadStateDict(["classifier.bias": Tensor.zeros([4])], strict: false) }
    }

    @Test func trainEvalAndDTypeConversion() {
        let net = SmallNet()
        #expect(net.modules().allSatisfy { $0.training })
        net.eval()
        #expect(net.modules().allSatisfy { !$0.training })
        net.train()
        #expect(net.features[1].training)
        net.to(.float64)
        #expect(net.parameters().allSatisfy { $0.dtype == .float64 })
        #expect((net.features[1] as! BatchNorm2d).runningMean?.value.dtype == .float64)
        #expect((net.features[1] as! BatchNorm2d).numBatchesTracked?.value.dtype == .int64)
        #expect(net(Tensor.zeros([1, 3, 8, 8], dtype: .float64)).dtype == .float64)
    }

    @Test func descriptionAndSummary() {
        let model = Sequential {
            Linear(784, 512)
            ReLU()
            Dropout(0.25)
            Linear(512, 10, bias: false)
        }
        #expect(model.description == """
            Sequential(
              (0): Linear(inFeatures: 784, outFeatures: 512, bias: true)
              (1): ReLU()
              (2): Dropout(p: 0.25)
              (3): Linear(inFeatures: 512, outFeatures: 10, bias: false)
            )
            """)
        #expect(model.parameterCount == 784 * 512 + 512 + 5120)
        let summary = model.summary()
        #expect(summary.contains("weight [512, 784], bias [512]"))
        #expect(summary.contains("401,920") && summary.contains("5,120"))
        #expect(summary.contains("Total: 407,040 parameters (407,040 trainable, 1.6 MiB)"))
        #expect(SmallNet().summary().contains("running_mean [4] (buffer)"))
    }

    @Test func resultBuilderControlFlow() {
        let deep = true
        let model = Sequential {
            Linear(4, 8)
            if deep {
                ReLU()
                Linear(8, 8)
            }
            for _ in 0..<2 { Tanh() }
        }
        #expect(model.count == 5)
        #expect(model.stateDictKeys() == ["0.weight", "0.bias", "2.weight", "2.bias"])
        #expect(model(Tensor.zeros([3, 4])).shape == [3, 8])
    }
}
