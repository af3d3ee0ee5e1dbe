import Foundation
import Testing
@testable import Kiln

// Checkpoints of optimizers: the layout of PyTorch's state_dict, round trips, and refusals that
// leave the optimizer unchanged. References: Tests/Fixtures/reference/make_optim_literals.py.

/// Adam over OptimProblem as the reference's `adamGroups` case, with AMSGrad in the bias's group.
private func makeAdamGroups(_ problem: OptimProblem) -> Adam {
    Adam(groups: [ParameterGroup([problem.weight], lr: 0.02, weightDecay: 0.05),
                  ParameterGroup([problem.bias], other: ["amsgrad": true])],
         lr: 0.01, betas: (0.8, 0.99), eps: 1e-6)
}

private func keys(_ state: OptimizerState) -> String { state.tensors.keys.sorted().joined(separator: " ") }

/// Whether two snapshots hold the same keys, tensor values and groups.
private func expectSameState(_ a: OptimizerState, _ b: OptimizerState, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(keys(a) == keys(b), sourceLocation: sourceLocation)
    #expect(a.groups == b.groups, sourceLocation: sourceLocation)
    for (key, t) in a.tensors {
        guard let u = b.tensors[key] else { continue }
        #expect(t.shape == u.shape && t.scalars(as: Double.self) == u.scalars(as: Double.self), "\(key)",
                sourceLocation: sourceLocation)
    }
}

@Suite struct OptimizerStateTests {
    @Test func keysAndValuesMatchPyTorchsStateDict() {
        let problem = OptimProblem()
        let optimizer = makeAdamGroups(problem)
        problem.train(optimizer, steps: 10)
        let state = optimizer.stateDict()
        #expect(keys(state) == OptimizerStateReference.stateKeys)
        let r = OptimizerStateReference.self
        expectExact(state.tensors["state.0.step"]!, r.state0_step, shape: [])
        expectApprox(state.tensors["state.0.exp_avg"]!, r.state0_exp_avg, shape: [3, 4], rtol: 1e-5, atol: 1e-8)
        expectApprox(state.tensors["state.0.exp_avg_sq"]!, r.state0_exp_avg_sq, shape: [3, 4], rtol: 1e-5, atol: 1e-10)
        expectApprox(state.tensors["state.1.exp_avg"]!, r.state1_exp_avg, shape: [3], rtol: 1e-5, atol: 1e-8)
        expectApprox(state.tensors["state.1.exp_avg_sq"]!, r.state1_exp_avg_sq, shape: [3], rtol: 1e-5, atol: 1e-10)
        expectApprox(state.tensors["state.1.max_exp_avg_sq"]!, r.state1_max_exp_avg_sq, shape: [3], rtol: 1e-5, atol: 1e-10)
        #expect(state.groups.map(\.params) == [[0], [1]])
        #expect(state.groups[0].hyperparameters["lr"] == 0.02)
        #expect(state.groups[1].hyperparameters["amsgrad"] == true)
        #expect(state.groups[1].hyperparameters["betas"] == [0.8, 0.99])
    }

    @Test(arguments: [
        ("sgdNesterov", OptimizerStateReference.sgdNesterovStateKeys),
        ("rmspropCentered", OptimizerStateReference.rmspropCenteredStateKeys),
        ("adagradAccumulator", OptimizerStateReference.adagradAccumulatorStateKeys),
        ("adamWAmsgrad", OptimizerStateReference.adamWAmsgradStateKeys),
    ])
    func stateKeysMatchPyTorch(_ name: String, _ expected: String) {
        let problem = OptimProblem()
        let optimizer = optimizerCases.first { $0.name == name }!.make(problem.parameters)
        problem.train(optimizer, steps: 1)
        #expect(keys(optimizer.stateDict()) == expected)
    }

    /// PyTorch's state after 10 steps (tensors and param_groups JSON) loads into Kiln, and 10 more
    /// Kiln steps reach PyTorch's parameters after 20.
    @Test func loadsPyTorchsStateAndContinues() throws {
        let r = OptimizerStateReference.self
        let problem = OptimProblem()
        let after10 = r.parametersAfter10
        problem.weight.value = Tensor(Array(after10[0..<12]), shape: [3, 4])
        problem.bias.value = Tensor(Array(after10[12...]))
        let groups = try JSONDecoder().decode([ParameterGroupState].self, from: Data(r.paramGroupsJSON.utf8))
        let state = OptimizerState(tensors: [
            "state.0.step": Tensor(r.state0_step, shape: []),
            "state.0.exp_avg": Tensor(r.state0_exp_avg, shape: [3, 4]),
            "state.0.exp_avg_sq": Tensor(r.state0_exp_avg_sq, shape: [3, 4]),
            "state.1.step": Tensor(r.state1_step, shape: []),
            "state.1.exp_avg": Tensor(r.state1_exp_avg),
            "state.1.exp_avg_sq": Tensor(r.state1_exp_avg_sq),
            "state.1.max_exp_avg_sq": Tensor(r.state1_max_exp_avg_sq),
        ], groups: groups)
        // A fresh optimizer with other settings: the state's hyperparameters replace them.
        let optimizer = Adam(groups: [ParameterGroup([problem.weight]), ParameterGroup([problem.bias])], lr: 0.5)
        try optimizer.loadStateDict(state)
        #expect(optimizer.paramGroups[0].lr == 0.02 && optimizer.paramGroups[1].flag("amsgrad"))
        problem.train(optimizer, steps: 10)
        expectApprox(problem.values, r.parametersAfter20, rtol: 1e-5, atol: 1e-7)
    }

    @Test(arguments: ["sgdNesterov", "adamGroups", "adamWAmsgrad", "rmspropCentered", "adagradLRDecay"])
    func roundTripContinuesAsIfUninterrupted(_ name: String) throws {
        let c = optimizerCases.first { $0.name == name }!
        let straight = OptimProblem()
        straight.train(c.make(straight.parameters), steps: 20)

        let problem = OptimProblem()
        let first = c.make(problem.parameters)
        problem.train(first, steps: 10)
        let saved = first.stateDict()
        let (weight10, bias10) = (problem.weight.value.scalars(as: Float.self), problem.bias.value.scalars(as: Float.self))
        problem.train(first, steps: 3)  // the snapshot must not follow later steps
        // Back to the values after 10 steps, then a fresh optimizer from the snapshot.
        problem.weight.value = Tensor(weight10, shape: [3, 4])
        problem.bias.value = Tensor(bias10)
        let second = c.make(problem.parameters)
        try second.loadStateDict(saved)
        problem.train(second, steps: 10)

        #expect(problem.values.scalars(as: Float.self) == straight.values.scalars(as: Float.self))
        expectApprox(problem.values, c.expected, rtol: 1e-5, atol: 1e-7)
    }

    /// As in PyTorch, Adagrad's state exists from construction: step 0 and the initial accumulator.
    @Test func adagradStateExistsBeforeTheFirstStep() {
        let problem = OptimProblem()
        let state = Adagrad(problem.parameters, initialAccumulatorValue: 0.25).stateDict()
        #expect(keys(state) == OptimizerStateReference.adagradAccumulatorStateKeys)
        expectExact(state.tensors["state.0.step"]!, [0] as [Float], shape: [])
        expectExact(state.tensors["state.1.sum"]!, [0.25, 0.25, 0.25] as [Float], shape: [3])
    }

    @Test func groupsEncodeAsPyTorchsJSON() throws {
        let problem = OptimProblem()
        let optimizer = SGD(problem.parameters, lr: 0.1, momentum: 0.9)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(optimizer.stateDict().groups), as: UTF8.self)
        #expect(json == #"[{"dampening":0,"lr":0.1,"maximize":false,"momentum":0.9,"nesterov":false,"params":[0,1],"weight_decay":0}]"#)
        let decoded = try JSONDecoder().decode([ParameterGroupState].self, from: Data(json.utf8))
        #expect(decoded == optimizer.stateDict().groups)
    }

    @Test func mismatchedStateThrowsAndChangesNothing() throws {
        let problem = OptimProblem()
        let optimizer = makeAdamGroups(problem)
        problem.train(optimizer, steps: 5)
        let before = optimizer.stateDict()
        let good = before

        var wrongGroups = good
        wrongGroups.groups.removeLast()
        #expect(throws: OptimizerStateError.groupCountMismatch(expected: 2, found: 1)) {
            try optimizer.loadStateDict(wrongGroups)
        }

        var wrongSize = good
        wrongSize.groups[1].params = [1, 2]
        #expect(throws: OptimizerStateError.groupSizeMismatch(group: 1, expected: 1, found: 2)) {
            try optimizer.loadStateDict(wrongSize)
        }

        var wrongShape = good
        wrongShape.groups[0].hyperparameters["lr"] = 123  // must not be applied either
        wrongShape.tensors["state.1.exp_avg"] = Tensor.zeros([4])
        #expect(throws: OptimizerStateError.shapeMismatch(key: "state.1.exp_avg", expected: [3], found: [4])) {
            try optimizer.loadStateDict(wrongShape)
        }

        var unknown = good
        unknown.tensors["state.0.momentum_buffer"] = Tensor.zeros([3, 4])
        #expect(throws: OptimizerStateError.unexpectedStateEntry(
            key: "state.0.momentum_buffer", expected: ["step", "exp_avg", "exp_avg_sq"])) {
            try optimizer.loadStateDict(unknown)
        }

        var incomplete = good
        incomplete.tensors["state.1.max_exp_avg_sq"] = nil
        #expect(throws: OptimizerStateError.missingStateEntries(parameter: 1, missing: ["max_exp_avg_sq"])) {
            try optimizer.loadStateDict(incomplete)
        }

        var outOfRange = good
        outOfRange.tensors["state.2.exp_avg"] = Tensor.zeros([3])
        #expect(throws: OptimizerStateError.parameterIndexOutOfRange(key: "state.2.exp_avg", parameterCount: 2)) {
            try optimizer.loadStateDict(outOfRange)
        }

        var malformed = good
        malformed.tensors["exp_avg"] = Tensor.zeros([3])
        #expect(throws: OptimizerStateError.malformedKey("exp_avg")) { try optimizer.loadStateDict(malformed) }

        let sgdState = SGD([problem.weight], lr: 0.1).stateDict()
        #expect(throws: OptimizerStateError.missingHyperparameter(group: 0, name: "amsgrad")) {
            try optimizer.loadStateDict(OptimizerState(tensors: [:], groups: [sgdState.groups[0], sgdState.groups[0]]))
        }

        expectSameState(optimizer.stateDict(), before)
        // And training goes on as if nothing had been tried.
        problem.train(optimizer, steps: 15)
        let straight = OptimProblem()
        straight.train(makeAdamGroups(straight), steps: 20)
        #expect(problem.values.scalars(as: Float.self) == straight.values.scalars(as: Float.self))
    }

    @Test func errorsSayWhatDoesNotMatch() {
        #expect(OptimizerStateError.shapeMismatch(key: "state.1.exp_avg", expected: [3], found: [4]).description
                == "optimizer state 'state.1.exp_avg' has shape [4], expected [3]")
        #expect(OptimizerStateError.groupCountMismatch(expected: 2, found: 1).description
                == "optimizer state has 1 parameter groups, the optimizer has 2")
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_optim_literals.py (OptimizerState); do not edit by hand.

enum OptimizerStateReference {
    /// adamGroups with amsgrad in group 1: W then b after 10 steps
    static let parametersAfter10: [Float] = [
        -0.43052575, 0.051901814, -0.05515984, 0.42740345, -0.0697281, -0.1849602, 0.3021841, 0.19285174,
        -0.69346654, 0.1757665, -0.18714073, -0.8106289, 0.15202147, -0.4024168, 0.10774082,
    ]
    /// state.0.step, shape []
    static let state0_step: [Float] = [10.0]
    /// state.0.exp_avg, shape [3, 4]
    static let state0_exp_avg: [Float] = [
        -0.3449549, 0.5990476, -0.41752654, 0.59562594, 0.23251256, -0.22047794, 0.46704966, -0.23074022,
        0.12363382, 0.23083133, 0.0076501775, 0.08030437,
    ]
    /// state.0.exp_avg_sq, shape [3, 4]
    static let state0_exp_avg_sq: [Float] = [
        0.016685123, 0.045385536, 0.024035867, 0.04531909, 0.0075783404, 0.0078086737, 0.027697714, 0.007749562,
        0.0022003036, 0.0064759078, 1.7074812e-05, 0.0011364297,
    ]
    /// state.1.step, shape []
    static let state1_step: [Float] = [10.0]
    /// state.1.exp_avg, shape [3]
    static let state1_exp_avg: [Float] = [0.2886214, -0.1946159, 0.0018405331]
    /// state.1.exp_avg_sq, shape [3]
    static let state1_exp_avg_sq: [Float] = [0.011152413, 0.0051946384, 4.305019e-06]
    /// state.1.max_exp_avg_sq, shape [3]
    static let state1_max_exp_avg_sq: [Float] = [0.011152413, 0.0051946384, 4.305019e-06]
    static let paramGroupsJSON = #"[{"lr": 0.02, "weight_decay": 0.05, "betas": [0.8, 0.99], "eps": 1e-06, "amsgrad": false, "maximize": false, "foreach": false, "capturable": false, "differentiable": false, "fused": null, "decoupled_weight_decay": false, "params": [0]}, {"lr": 0.01, "betas": [0.8, 0.99], "eps": 1e-06, "weight_decay": 0, "amsgrad": true, "maximize": false, "foreach": false, "capturable": false, "differentiable": false, "fused": null, "decoupled_weight_decay": false, "params": [1]}]"#
    static let stateKeys = #"state.0.exp_avg state.0.exp_avg_sq state.0.step state.1.exp_avg state.1.exp_avg_sq state.1.max_exp_avg_sq state.1.step"#
    /// the same after 10 more steps
    static let parametersAfter20: [Float] = [
        -0.2690961, -0.1338934, 0.11545395, 0.24077809, -0.22589067, -0.053289205, 0.114440374, 0.35221162,
        -0.85440236, -0.020018367, -0.2516271, -0.9234731, 0.064621136, -0.3185709, 0.08964503,
    ]
    static let sgdNesterovStateKeys = #"state.0.momentum_buffer state.1.momentum_buffer"#
    static let rmspropCenteredStateKeys = #"state.0.grad_avg state.0.momentum_buffer state.0.square_avg state.0.step state.1.grad_avg state.1.momentum_buffer state.1.square_avg state.1.step"#
    static let adagradAccumulatorStateKeys = #"state.0.step state.0.sum state.1.step state.1.sum"#
    static let adamWAmsgradStateKeys = #"state.0.exp_avg state.0.exp_avg_sq state.0.max_exp_avg_sq state.0.step state.1.exp_avg state.1.exp_avg_sq state.1.max_exp_avg_sq state.1.step"#
}
