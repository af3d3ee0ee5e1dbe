import Foundation
import Testing
@testable import Kiln

// Each scheduler's learning rates over 40 steps must equal PyTorch's (to 1e-12 relative): the
// value after construction, then after each step, for an SGD with two groups (lr 0.1 and 0.05).
// References: Tests/Fixtures/reference/make_optim_literals.py.

/// SGD over two groups with lr 0.1 and 0.05, as the reference script's `sgd_two_groups`.
func twoGroupSGD(momentum: Double = 0) -> SGD {
    SGD(groups: [ParameterGroup([Parameter(Tensor.zeros([2]))]),
                 ParameterGroup([Parameter(Tensor.zeros([3]))], lr: 0.05)],
        lr: 0.1, momentum: momentum)
}

struct SchedulerCase: Sendable, CustomTestStringConvertible {
    let name: String
    var momentum = 0.0
    var metrics: [Double]? = nil
    let make: @Sendable (Optimizer) -> LearningRateScheduler
    let expected: [[Double]]
    var testDescription: String { name }
}

let schedulerCases: [SchedulerCase] = {
    let r = SchedulerReference.self
    return [
        SchedulerCase(name: "stepLR", make: { StepLR($0, stepSize: 7, gamma: 0.5) }, expected: r.stepLR),
        SchedulerCase(name: "multiStepLR", make: { MultiStepLR($0, milestones: [5, 12, 12, 30], gamma: 0.3) },
                      expected: r.multiStepLR),
        SchedulerCase(name: "exponentialLR", make: { ExponentialLR($0, gamma: 0.9) }, expected: r.exponentialLR),
        SchedulerCase(name: "cosineAnnealingLR", make: { CosineAnnealingLR($0, tMax: 10, etaMin: 0.001) },
                      expected: r.cosineAnnealingLR),
        SchedulerCase(name: "cosineAnnealingLRNoMin", make: { CosineAnnealingLR($0, tMax: 7) },
                      expected: r.cosineAnnealingLRNoMin),
        SchedulerCase(name: "cosineWarmRestarts",
                      make: { CosineAnnealingWarmRestarts($0, t0: 5, tMult: 2, etaMin: 0.001) },
                      expected: r.cosineWarmRestarts),
        SchedulerCase(name: "cosineWarmRestartsConstant", make: { CosineAnnealingWarmRestarts($0, t0: 7) },
                      expected: r.cosineWarmRestartsConstant),
        SchedulerCase(name: "linearLR", make: { LinearLR($0, startFactor: 0.25, endFactor: 1, totalIters: 8) },
                      expected: r.linearLR),
        SchedulerCase(name: "linearLRDefaults", make: { LinearLR($0) }, expected: r.linearLRDefaults),
        SchedulerCase(name: "linearLRDecay", make: { LinearLR($0, startFactor: 1, endFactor: 0.1, totalIters: 30) },
                      expected: r.linearLRDecay),
        SchedulerCase(name: "oneCycleLR", momentum: 0.9, make: { OneCycleLR($0, maxLR: 0.8, totalSteps: 40) },
                      expected: r.oneCycleLR),
        SchedulerCase(name: "oneCycleLRThreePhaseLinear", momentum: 0.9, make: {
            OneCycleLR($0, maxLRs: [1.0, 0.5], totalSteps: 45, pctStart: 0.25, annealStrategy: .linear,
                       baseMomentums: [0.85, 0.85], maxMomentums: [0.95, 0.95], divFactor: 10,
                       finalDivFactor: 100, threePhase: true)
        }, expected: r.oneCycleLRThreePhaseLinear),
        SchedulerCase(name: "oneCycleLRNoMomentum",
                      make: { OneCycleLR($0, maxLR: 0.3, totalSteps: 50, cycleMomentum: false) },
                      expected: r.oneCycleLRNoMomentum),
        SchedulerCase(name: "sequentialLR", make: {
            SequentialLR($0, schedulers: [LinearLR($0, startFactor: 0.1, totalIters: 5),
                                          CosineAnnealingLR($0, tMax: 30, etaMin: 1e-4)], milestones: [5])
        }, expected: r.sequentialLR),
        SchedulerCase(name: "sequentialLRThree", make: {
            SequentialLR($0, schedulers: [LinearLR($0, startFactor: 0.5, totalIters: 4),
                                          ExponentialLR($0, gamma: 0.95),
                                          StepLR($0, stepSize: 5, gamma: 0.5)], milestones: [6, 20])
        }, expected: r.sequentialLRThree),
        SchedulerCase(name: "reduceLROnPlateau", metrics: r.plateauMetrics, make: {
            ReduceLROnPlateau($0, factor: 0.5, patience: 2, threshold: 0.01, cooldown: 1, minLR: 0.002)
        }, expected: r.reduceLROnPlateau),
        SchedulerCase(name: "reduceLROnPlateauMaxAbs", metrics: r.plateauMetrics.map { -$0 }, make: {
            ReduceLROnPlateau($0, mode: .max, factor: 0.3, patience: 1, threshold: 0.05, thresholdMode: .abs,
                              minLR: 0.001)
        }, expected: r.reduceLROnPlateauMaxAbs),
    ]
}()

/// One step of any scheduler: after `optimizer.step()`, as in a training loop.
func stepScheduler(_ scheduler: LearningRateScheduler, metric: Double?) {
    scheduler.optimizer.step()
    if let plateau = scheduler as? ReduceLROnPlateau {
        plateau.step(metric: metric!)
    } else {
        (scheduler as! LRScheduler).step()
    }
}

/// Per group: `read(group)` now and after each of `steps` steps, metrics taken from `offset` on.
/// With `halveAt`, group 0's lr is halved by hand before that step.
func sequence(_ scheduler: LearningRateScheduler, steps: Int, metrics: [Double]?, offset: Int = 0,
              includeStart: Bool = true, halveAt: Int? = nil, read: (ParameterGroup) -> Double = \.lr) -> [[Double]] {
    let groups = { scheduler.optimizer.paramGroups }
    var values = groups().map { includeStart ? [read($0)] : [] }
    for s in 0..<steps {
        if s == halveAt { scheduler.optimizer.paramGroups[0].lr *= 0.5 }
        stepScheduler(scheduler, metric: metrics?[offset + s])
        for (i, g) in groups().enumerated() { values[i].append(read(g)) }
    }
    return values
}

func expectSequence(_ actual: [[Double]], _ expected: [[Double]], _ name: String,
                    sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.map(\.count) == expected.map(\.count), "\(name)", sourceLocation: sourceLocation)
    for (g, (a, e)) in zip(actual, expected).enumerated() {
        let bad = zip(a, e).enumerated().filter { Swift.abs($1.0 - $1.1) > 1e-12 * Swift.abs($1.1) + 1e-300 }
        #expect(bad.isEmpty, "\(name) group \(g): \(bad.prefix(4).map { "[\($0.offset)] got \($0.element.0), expected \($0.element.1)" })",
                sourceLocation: sourceLocation)
    }
}

@Suite struct OptimSchedulerTests {
    @Test(arguments: schedulerCases)
    func fortyStepsMatchPyTorch(_ c: SchedulerCase) {
        let optimizer = twoGroupSGD(momentum: c.momentum)
        let scheduler = c.make(optimizer)
        let lrs = sequence(scheduler, steps: 40, metrics: c.metrics)
        expectSequence(lrs, c.expected, c.name)
        #expect(scheduler.lastLR == lrs.map { $0.last! })
    }

    /// PyTorch's chainable forms compute each learning rate from the current one, so a change made
    /// by hand carries on (a closed form would ignore it); the sequences must follow PyTorch's.
    @Test(arguments: [
        ("stepLR", SchedulerReference.stepLRHalvedAt12),
        ("multiStepLR", SchedulerReference.multiStepLRHalvedAt12),
        ("exponentialLR", SchedulerReference.exponentialLRHalvedAt12),
        ("cosineAnnealingLR", SchedulerReference.cosineAnnealingLRHalvedAt12),
        ("linearLR", SchedulerReference.linearLRHalvedAt12),
        ("sequentialLR", SchedulerReference.sequentialLRHalvedAt12),
        ("reduceLROnPlateau", SchedulerReference.reduceLROnPlateauHalvedAt12),
    ])
    func chainableFormsCarryManualChanges(_ name: String, _ expected: [[Double]]) {
        let c = schedulerCases.first { $0.name == name }!
        let scheduler = c.make(twoGroupSGD(momentum: c.momentum))
        expectSequence(sequence(scheduler, steps: 40, metrics: c.metrics, halveAt: 12), expected, name + " halved at 12")
    }

    @Test func oneCycleCyclesMomentumAndBeta1() {
        let r = SchedulerReference.self
        var optimizer = twoGroupSGD(momentum: 0.9)
        let momentum = sequence(OneCycleLR(optimizer, maxLR: 0.8, totalSteps: 40), steps: 40, metrics: nil) {
            $0.number("momentum")
        }
        expectSequence(momentum, r.oneCycleLRMomentum, "oneCycleLR momentum")

        optimizer = twoGroupSGD(momentum: 0.9)
        let threePhase = OneCycleLR(optimizer, maxLRs: [1.0, 0.5], totalSteps: 45, pctStart: 0.25, annealStrategy: .linear,
                                    baseMomentums: [0.85, 0.85], maxMomentums: [0.95, 0.95], divFactor: 10,
                                    finalDivFactor: 100, threePhase: true)
        expectSequence(sequence(threePhase, steps: 40, metrics: nil) { $0.number("momentum") },
                       r.oneCycleLRThreePhaseLinearMomentum, "three-phase momentum")

        let adam = Adam([Parameter(Tensor.zeros([2]))], lr: 0.1, betas: (0.9, 0.99))
        let beta1 = sequence(OneCycleLR(adam, maxLR: 0.8, totalSteps: 40), steps: 40, metrics: nil) {
            $0.numbers("betas")[0]
        }
        expectSequence(beta1, r.oneCycleLRAdamBeta1, "Adam beta1")
        #expect(adam.paramGroups[0].numbers("betas")[1] == 0.99)
    }

    @Test func constructionRecordsInitialLR() {
        let optimizer = twoGroupSGD()
        _ = LinearLR(optimizer, startFactor: 0.5, totalIters: 4)
        #expect(optimizer.paramGroups.map(\.initialLR) == [0.1, 0.05])
        #expect(optimizer.paramGroups.map(\.lr) == [0.05, 0.025])
        // A second scheduler keeps the first one's initial learning rates.
        let second = ExponentialLR(optimizer, gamma: 0.5)
        #expect(second.baseLRs == [0.1, 0.05])
    }

    /// Stop after 15 steps, save the optimizer and the scheduler (through JSON), rebuild both,
    /// load, and continue: the next 25 learning rates are PyTorch's.
    @Test(arguments: ["cosineAnnealingLR", "cosineWarmRestarts", "multiStepLR", "linearLR", "oneCycleLR",
                      "sequentialLR", "sequentialLRThree", "reduceLROnPlateau"])
    func stateRoundTripContinuesTheSchedule(_ name: String) throws {
        let c = schedulerCases.first { $0.name == name }!
        let optimizer = twoGroupSGD(momentum: c.momentum)
        let scheduler = c.make(optimizer)
        _ = sequence(scheduler, steps: 15, metrics: c.metrics)
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        let savedState = try decoder.decode(SchedulerState.self, from: encoder.encode(scheduler.stateDict()))
        let savedGroups = try decoder.decode([ParameterGroupState].self, from: encoder.encode(optimizer.stateDict().groups))

        let freshOptimizer = twoGroupSGD(momentum: c.momentum)
        let fresh = c.make(freshOptimizer)
        try freshOptimizer.loadStateDict(OptimizerState(tensors: [:], groups: savedGroups))
        try fresh.loadStateDict(savedState)
        #expect(fresh.stateDict() == scheduler.stateDict())
        #expect(fresh.lastLR == scheduler.lastLR)
        let rest = sequence(fresh, steps: 25, metrics: c.metrics, offset: 15, includeStart: false)
        expectSequence(rest, c.expected.map { Array($0[16...]) }, name)
    }

    @Test func mismatchedStateThrowsAndChangesNothing() {
        let optimizer = twoGroupSGD()
        let warmup = LinearLR(optimizer, startFactor: 0.1, totalIters: 5)
        let decay = CosineAnnealingLR(optimizer, tMax: 30, etaMin: 1e-4)
        let sequential = SequentialLR(optimizer, schedulers: [warmup, decay], milestones: [5])
        _ = sequence(sequential, steps: 7, metrics: nil)
        let before = sequential.stateDict()

        #expect(throws: SchedulerStateError.kindMismatch(expected: "SequentialLR", found: "StepLR")) {
            try sequential.loadStateDict(StepLR(twoGroupSGD(), stepSize: 3).stateDict())
        }
        var lacking = before
        lacking.children.removeLast()
        #expect(throws: SchedulerStateError.childCountMismatch(expected: 2, found: 1)) {
            try sequential.loadStateDict(lacking)
        }
        var wrongChild = before
        wrongChild.lastEpoch = 99
        wrongChild.children[1].kind = "ExponentialLR"
        #expect(throws: SchedulerStateError.kindMismatch(expected: "CosineAnnealingLR", found: "ExponentialLR")) {
            try sequential.loadStateDict(wrongChild)
        }
        let single = SGD([Parameter(Tensor.zeros([1]))], lr: 0.1)
        #expect(throws: SchedulerStateError.groupCountMismatch(expected: 1, found: 2)) {
            try StepLR(single, stepSize: 2).loadStateDict(StepLR(twoGroupSGD(), stepSize: 2).stateDict())
        }
        var noTCur = CosineAnnealingWarmRestarts(twoGroupSGD(), t0: 3).stateDict()
        noTCur.values["T_cur"] = nil
        #expect(throws: SchedulerStateError.missingValue(scheduler: "CosineAnnealingWarmRestarts", name: "T_cur")) {
            try CosineAnnealingWarmRestarts(twoGroupSGD(), t0: 3).loadStateDict(noTCur)
        }
        #expect(sequential.stateDict() == before)
        let rest = sequence(sequential, steps: 33, metrics: nil, includeStart: false)
        expectSequence(rest, SchedulerReference.sequentialLR.map { Array($0[8...]) }, "after refused loads")
    }

    @Test func plateauStateKeepsInfiniteBestOutOfJSON() throws {
        let plateau = ReduceLROnPlateau(twoGroupSGD())
        let state = plateau.stateDict()
        #expect(state.values["best"] == nil)
        let restored = ReduceLROnPlateau(twoGroupSGD(), mode: .min)
        try restored.loadStateDict(JSONDecoder().decode(SchedulerState.self, from: JSONEncoder().encode(state)))
        #expect(restored.best == .infinity)
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_optim_literals.py (Scheduler); do not edit by hand.

enum SchedulerReference {
    static let plateauMetrics: [Double] = [
        1.0, 0.9, 0.95, 0.91,
        0.92, 0.905, 0.8, 0.85,
        0.86, 0.87, 0.88, 0.7999,
        0.75, 0.76, 0.77, 0.78,
        0.79, 0.8, 0.81, 0.7,
        0.7, 0.7, 0.7, 0.7,
        0.69, 0.695, 0.7, 0.71,
        0.72, 0.5, 0.6, 0.6,
        0.6, 0.6, 0.6, 0.6,
        0.6, 0.6, 0.6, 0.6,
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let stepLR: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.025, 0.025,
            0.025, 0.025, 0.025, 0.025,
            0.025, 0.0125, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.003125,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.003125,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.025,
            0.025, 0.025, 0.025, 0.025,
            0.025, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.0125, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.003125, 0.003125, 0.003125, 0.0015625,
            0.0015625, 0.0015625, 0.0015625, 0.0015625,
            0.0015625,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let multiStepLR: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.03, 0.03, 0.03,
            0.03, 0.03, 0.03, 0.03,
            0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997,
            0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997,
            0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997,
            0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997, 0.0026999999999999997,
            0.0026999999999999997, 0.0026999999999999997, 0.0008099999999999998, 0.0008099999999999998,
            0.0008099999999999998, 0.0008099999999999998, 0.0008099999999999998, 0.0008099999999999998,
            0.0008099999999999998, 0.0008099999999999998, 0.0008099999999999998, 0.0008099999999999998,
            0.0008099999999999998,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.015, 0.015, 0.015,
            0.015, 0.015, 0.015, 0.015,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let exponentialLR: [[Double]] = [
        [
            0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
            0.06561000000000002, 0.05904900000000002, 0.05314410000000002, 0.04782969000000002,
            0.043046721000000024, 0.03874204890000002, 0.03486784401000002, 0.03138105960900001,
            0.028242953648100012, 0.025418658283290013, 0.022876792454961013, 0.020589113209464913,
            0.01853020188851842, 0.01667718169966658, 0.015009463529699923, 0.013508517176729932,
            0.01215766545905694, 0.010941898913151246, 0.009847709021836121, 0.00886293811965251,
            0.007976644307687259, 0.007178979876918534, 0.006461081889226681, 0.005814973700304013,
            0.005233476330273611, 0.00471012869724625, 0.004239115827521626, 0.0038152042447694634,
            0.003433683820292517, 0.0030903154382632653, 0.002781283894436939, 0.002503155504993245,
            0.0022528399544939205, 0.0020275559590445286, 0.0018248003631400759, 0.0016423203268260682,
            0.0014780882941434613,
        ],
        [
            0.05, 0.045000000000000005, 0.04050000000000001, 0.03645000000000001,
            0.03280500000000001, 0.02952450000000001, 0.02657205000000001, 0.02391484500000001,
            0.021523360500000012, 0.01937102445000001, 0.01743392200500001, 0.015690529804500006,
            0.014121476824050006, 0.012709329141645007, 0.011438396227480507, 0.010294556604732457,
            0.00926510094425921, 0.00833859084983329, 0.007504731764849962, 0.006754258588364966,
            0.00607883272952847, 0.005470949456575623, 0.0049238545109180605, 0.004431469059826255,
            0.0039883221538436296, 0.003589489938459267, 0.0032305409446133403, 0.0029074868501520064,
            0.0026167381651368057, 0.002355064348623125, 0.002119557913760813, 0.0019076021223847317,
            0.0017168419101462585, 0.0015451577191316326, 0.0013906419472184694, 0.0012515777524966226,
            0.0011264199772469603, 0.0010137779795222643, 0.0009124001815700379, 0.0008211601634130341,
            0.0007390441470717307,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let cosineAnnealingLR: [[Double]] = [
        [
            0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742,
            0.0657963412215599, 0.0505, 0.03520365877844011, 0.02140463001152259,
            0.010453658778440109, 0.0034227024433899004, 0.001, 0.0034227024433899004,
            0.01045365877844014, 0.02140463001152267, 0.035203658778440255, 0.05050000000000022,
            0.06579634122156018, 0.07959536998847777, 0.09054634122156031, 0.09757729755661054,
            0.10000000000000045, 0.09757729755661054, 0.09054634122156033, 0.07959536998847778,
            0.0657963412215602, 0.050500000000000225, 0.03520365877844027, 0.021404630011522683,
            0.010453658778440154, 0.003422702443389916, 0.001, 0.0034227024433899004,
            0.010453658778440112, 0.021404630011522607, 0.03520365877844015, 0.050500000000000086,
            0.06579634122156003, 0.07959536998847759, 0.09054634122156009, 0.09757729755661032,
            0.10000000000000024,
        ],
        [
            0.05, 0.04880088464923127, 0.045320916362186214, 0.039900738681165594,
            0.03307091636218621, 0.0255, 0.01792908363781379, 0.01109926131883441,
            0.005679083637813789, 0.0021991153507687385, 0.001, 0.0021991153507687385,
            0.005679083637813806, 0.011099261318834451, 0.017929083637813863, 0.025500000000000106,
            0.03307091636218635, 0.03990073868116576, 0.045320916362186416, 0.04880088464923148,
            0.05000000000000022, 0.04880088464923148, 0.04532091636218642, 0.03990073868116577,
            0.033070916362186356, 0.02550000000000011, 0.01792908363781387, 0.011099261318834458,
            0.005679083637813813, 0.0021991153507687463, 0.001, 0.0021991153507687385,
            0.005679083637813793, 0.011099261318834423, 0.017929083637813814, 0.025500000000000043,
            0.03307091636218627, 0.03990073868116567, 0.0453209163621863, 0.04880088464923136,
            0.05000000000000011,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let cosineAnnealingLRNoMin: [[Double]] = [
        [
            0.1, 0.09504844339512096, 0.08117449009293669, 0.061126046697815725,
            0.03887395330218429, 0.018825509907063328, 0.004951556604879048, 0.0,
            0.004951556604879043, 0.018825509907063314, 0.03887395330218427, 0.06112604669781568,
            0.08117449009293667, 0.09504844339512099, 0.10000000000000002, 0.09504844339512099,
            0.0811744900929367, 0.061126046697815704, 0.0388739533021843, 0.018825509907063342,
            0.004951556604879055, 0.0, 0.004951556604879043, 0.018825509907063477,
            0.038873953302184606, 0.06112604669781624, 0.08117449009293747, 0.0950484433951218,
            0.10000000000000091, 0.09504844339512183, 0.0811744900929375, 0.06112604669781631,
            0.03887395330218466, 0.018825509907063522, 0.004951556604879066, 0.0,
            0.004951556604879043, 0.018825509907063342, 0.038873953302184336, 0.061126046697815815,
            0.08117449009293681,
        ],
        [
            0.05, 0.04752422169756048, 0.040587245046468344, 0.030563023348907863,
            0.019436976651092144, 0.009412754953531664, 0.002475778302439524, 0.0,
            0.0024757783024395214, 0.009412754953531657, 0.019436976651092137, 0.03056302334890784,
            0.04058724504646834, 0.047524221697560494, 0.05000000000000001, 0.047524221697560494,
            0.04058724504646835, 0.030563023348907852, 0.01943697665109215, 0.009412754953531671,
            0.0024757783024395275, 0.0, 0.0024757783024395214, 0.009412754953531739,
            0.019436976651092303, 0.03056302334890812, 0.04058724504646873, 0.0475242216975609,
            0.050000000000000454, 0.04752422169756092, 0.04058724504646875, 0.030563023348908154,
            0.01943697665109233, 0.009412754953531761, 0.002475778302439533, 0.0,
            0.0024757783024395214, 0.009412754953531671, 0.019436976651092168, 0.030563023348907908,
            0.040587245046468406,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let cosineWarmRestarts: [[Double]] = [
        [
            0.1, 0.0905463412215599, 0.0657963412215599, 0.03520365877844011,
            0.010453658778440109, 0.1, 0.09757729755661011, 0.0905463412215599,
            0.07959536998847742, 0.0657963412215599, 0.0505, 0.03520365877844011,
            0.021404630011522586, 0.010453658778440109, 0.0034227024433899004, 0.1,
            0.09939057285945932, 0.09757729755661011, 0.09460482294732421, 0.0905463412215599,
            0.0855017856687341, 0.07959536998847742, 0.07297252973710756, 0.0657963412215599,
            0.05824350601949144, 0.0505, 0.04275649398050859, 0.03520365877844011,
            0.02802747026289244, 0.021404630011522586, 0.0154982143312659, 0.010453658778440109,
            0.0063951770526757944, 0.0034227024433899004, 0.001609427140540686, 0.1,
            0.09984740801978985, 0.09939057285945932, 0.098632311059685, 0.09757729755661011,
            0.0962320368593087,
        ],
        [
            0.05, 0.045320916362186214, 0.03307091636218622, 0.017929083637813793,
            0.00567908363781379, 0.05, 0.04880088464923127, 0.045320916362186214,
            0.039900738681165594, 0.03307091636218622, 0.025500000000000002, 0.017929083637813793,
            0.011099261318834413, 0.00567908363781379, 0.0021991153507687385, 0.05,
            0.04969836434458088, 0.04880088464923127, 0.047329659842615016, 0.045320916362186214,
            0.04282411613907042, 0.039900738681165594, 0.036622767243618896, 0.03307091636218622,
            0.02933264439348566, 0.025500000000000002, 0.021667355606514352, 0.017929083637813793,
            0.014377232756381104, 0.011099261318834413, 0.008175883860929586, 0.00567908363781379,
            0.0036703401573849894, 0.0021991153507687385, 0.0013016356554191274, 0.05,
            0.04992447467646164, 0.04969836434458088, 0.04932306304974308, 0.04880088464923127,
            0.048135048546526525,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let cosineWarmRestartsConstant: [[Double]] = [
        [
            0.1, 0.09504844339512096, 0.08117449009293669, 0.06112604669781572,
            0.03887395330218429, 0.018825509907063328, 0.004951556604879049, 0.1,
            0.09504844339512096, 0.08117449009293669, 0.06112604669781572, 0.03887395330218429,
            0.018825509907063328, 0.004951556604879049, 0.1, 0.09504844339512096,
            0.08117449009293669, 0.06112604669781572, 0.03887395330218429, 0.018825509907063328,
            0.004951556604879049, 0.1, 0.09504844339512096, 0.08117449009293669,
            0.06112604669781572, 0.03887395330218429, 0.018825509907063328, 0.004951556604879049,
            0.1, 0.09504844339512096, 0.08117449009293669, 0.06112604669781572,
            0.03887395330218429, 0.018825509907063328, 0.004951556604879049, 0.1,
            0.09504844339512096, 0.08117449009293669, 0.06112604669781572, 0.03887395330218429,
            0.018825509907063328,
        ],
        [
            0.05, 0.04752422169756048, 0.040587245046468344, 0.03056302334890786,
            0.019436976651092144, 0.009412754953531664, 0.0024757783024395245, 0.05,
            0.04752422169756048, 0.040587245046468344, 0.03056302334890786, 0.019436976651092144,
            0.009412754953531664, 0.0024757783024395245, 0.05, 0.04752422169756048,
            0.040587245046468344, 0.03056302334890786, 0.019436976651092144, 0.009412754953531664,
            0.0024757783024395245, 0.05, 0.04752422169756048, 0.040587245046468344,
            0.03056302334890786, 0.019436976651092144, 0.009412754953531664, 0.0024757783024395245,
            0.05, 0.04752422169756048, 0.040587245046468344, 0.03056302334890786,
            0.019436976651092144, 0.009412754953531664, 0.0024757783024395245, 0.05,
            0.04752422169756048, 0.040587245046468344, 0.03056302334890786, 0.019436976651092144,
            0.009412754953531664,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let linearLR: [[Double]] = [
        [
            0.025, 0.034375, 0.043750000000000004, 0.053125,
            0.0625, 0.071875, 0.08124999999999999, 0.090625,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999,
        ],
        [
            0.0125, 0.0171875, 0.021875000000000002, 0.0265625,
            0.03125, 0.0359375, 0.040624999999999994, 0.0453125,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let linearLRDefaults: [[Double]] = [
        [
            0.03333333333333333, 0.04666666666666667, 0.060000000000000005, 0.07333333333333335,
            0.08666666666666668, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.1,
            0.1,
        ],
        [
            0.016666666666666666, 0.023333333333333334, 0.030000000000000002, 0.036666666666666674,
            0.04333333333333334, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let linearLRDecay: [[Double]] = [
        [
            0.1, 0.097, 0.094, 0.091,
            0.088, 0.08499999999999999, 0.08199999999999999, 0.07899999999999999,
            0.07599999999999998, 0.07299999999999998, 0.06999999999999998, 0.06699999999999998,
            0.06399999999999997, 0.06099999999999998, 0.057999999999999975, 0.05499999999999998,
            0.05199999999999998, 0.048999999999999974, 0.04599999999999998, 0.04299999999999998,
            0.03999999999999998, 0.036999999999999984, 0.03399999999999998, 0.030999999999999982,
            0.027999999999999983, 0.024999999999999984, 0.021999999999999985, 0.018999999999999986,
            0.015999999999999986, 0.012999999999999989, 0.00999999999999999, 0.00999999999999999,
            0.00999999999999999, 0.00999999999999999, 0.00999999999999999, 0.00999999999999999,
            0.00999999999999999, 0.00999999999999999, 0.00999999999999999, 0.00999999999999999,
            0.00999999999999999,
        ],
        [
            0.05, 0.0485, 0.047, 0.0455,
            0.044, 0.042499999999999996, 0.040999999999999995, 0.03949999999999999,
            0.03799999999999999, 0.03649999999999999, 0.03499999999999999, 0.03349999999999999,
            0.03199999999999999, 0.03049999999999999, 0.028999999999999988, 0.02749999999999999,
            0.02599999999999999, 0.024499999999999987, 0.02299999999999999, 0.02149999999999999,
            0.01999999999999999, 0.018499999999999992, 0.01699999999999999, 0.015499999999999991,
            0.013999999999999992, 0.012499999999999992, 0.010999999999999992, 0.009499999999999993,
            0.007999999999999993, 0.0064999999999999945, 0.004999999999999995, 0.004999999999999995,
            0.004999999999999995, 0.004999999999999995, 0.004999999999999995, 0.004999999999999995,
            0.004999999999999995, 0.004999999999999995, 0.004999999999999995, 0.004999999999999995,
            0.004999999999999995,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let oneCycleLR: [[Double]] = [
        [
            0.03200000000000003, 0.047554698132032946, 0.09295864339282645, 0.16453347816501052,
            0.2564806350072756, 0.3613511021030585, 0.4706488978969415, 0.5755193649927244,
            0.6674665218349894, 0.7390413566071736, 0.784445301867967, 0.8,
            0.7974848940177613, 0.7899712049880699, 0.7775534219100185, 0.7603877056107791,
            0.7386899249325949, 0.71273294205684, 0.6828431811037691, 0.6493965231598104,
            0.6128135793548123, 0.5735544014330407, 0.5321126963355678, 0.48900961754903144,
            0.4447872112981614, 0.4000016, 0.3552159887018386, 0.3109935824509686,
            0.2678905036644324, 0.22644879856695938, 0.18718962064518788, 0.1506066768401896,
            0.11716001889623091, 0.08727025794316003, 0.061313275067405124, 0.03961549438922103,
            0.022449778089981463, 0.010031995011930044, 0.002518305982238788, 3.2e-06,
            0.002518305982238832,
        ],
        [
            0.03200000000000003, 0.047554698132032946, 0.09295864339282645, 0.16453347816501052,
            0.2564806350072756, 0.3613511021030585, 0.4706488978969415, 0.5755193649927244,
            0.6674665218349894, 0.7390413566071736, 0.784445301867967, 0.8,
            0.7974848940177613, 0.7899712049880699, 0.7775534219100185, 0.7603877056107791,
            0.7386899249325949, 0.71273294205684, 0.6828431811037691, 0.6493965231598104,
            0.6128135793548123, 0.5735544014330407, 0.5321126963355678, 0.48900961754903144,
            0.4447872112981614, 0.4000016, 0.3552159887018386, 0.3109935824509686,
            0.2678905036644324, 0.22644879856695938, 0.18718962064518788, 0.1506066768401896,
            0.11716001889623091, 0.08727025794316003, 0.061313275067405124, 0.03961549438922103,
            0.022449778089981463, 0.010031995011930044, 0.002518305982238788, 3.2e-06,
            0.002518305982238832,
        ],
    ]
    /// per group: SGD momentum after construction, then after each step
    static let oneCycleLRMomentum: [[Double]] = [
        [
            0.95, 0.9479746486807248, 0.942062676641559, 0.9327430366972642,
            0.9207707506500943, 0.9071157419136642, 0.8928842580863358, 0.8792292493499057,
            0.8672569633027357, 0.8579373233584409, 0.8520253513192751, 0.85,
            0.8503143895053379, 0.8512536043909088, 0.8528058334845816, 0.854951556604879,
            0.8576637900385857, 0.8609084258765984, 0.8646446609406726, 0.8688255099070633,
            0.8733983961742331, 0.878305813044122, 0.8834860469022416, 0.8888739533021842,
            0.8944017761948346, 0.8999999999999999, 0.9055982238051654, 0.9111260466978157,
            0.9165139530977583, 0.9216941869558779, 0.9266016038257667, 0.9311744900929366,
            0.9353553390593273, 0.9390915741234015, 0.9423362099614142, 0.945048443395121,
            0.9471941665154183, 0.9487463956090911, 0.949685610494662, 0.95,
            0.949685610494662,
        ],
        [
            0.95, 0.9479746486807248, 0.942062676641559, 0.9327430366972642,
            0.9207707506500943, 0.9071157419136642, 0.8928842580863358, 0.8792292493499057,
            0.8672569633027357, 0.8579373233584409, 0.8520253513192751, 0.85,
            0.8503143895053379, 0.8512536043909088, 0.8528058334845816, 0.854951556604879,
            0.8576637900385857, 0.8609084258765984, 0.8646446609406726, 0.8688255099070633,
            0.8733983961742331, 0.878305813044122, 0.8834860469022416, 0.8888739533021842,
            0.8944017761948346, 0.8999999999999999, 0.9055982238051654, 0.9111260466978157,
            0.9165139530977583, 0.9216941869558779, 0.9266016038257667, 0.9311744900929366,
            0.9353553390593273, 0.9390915741234015, 0.9423362099614142, 0.945048443395121,
            0.9471941665154183, 0.9487463956090911, 0.949685610494662, 0.95,
            0.949685610494662,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let oneCycleLRThreePhaseLinear: [[Double]] = [
        [
            0.1, 0.1878048780487805, 0.275609756097561, 0.36341463414634145,
            0.451219512195122, 0.5390243902439025, 0.6268292682926829, 0.7146341463414635,
            0.802439024390244, 0.8902439024390244, 0.9780487804878049, 0.9341463414634146,
            0.8463414634146341, 0.7585365853658537, 0.6707317073170731, 0.5829268292682926,
            0.4951219512195121, 0.4073170731707316, 0.31951219512195117, 0.23170731707317072,
            0.14390243902439026, 0.09789361702127661, 0.0936808510638298, 0.08946808510638299,
            0.08525531914893618, 0.08104255319148937, 0.07682978723404256, 0.07261702127659575,
            0.06840425531914894, 0.06419148936170213, 0.05997872340425533, 0.05576595744680852,
            0.05155319148936171, 0.0473404255319149, 0.04312765957446808, 0.03891489361702128,
            0.03470212765957448, 0.030489361702127654, 0.02627659574468086, 0.022063829787234035,
            0.01785106382978724,
        ],
        [
            0.05, 0.09390243902439024, 0.1378048780487805, 0.18170731707317073,
            0.225609756097561, 0.26951219512195124, 0.31341463414634146, 0.35731707317073175,
            0.401219512195122, 0.4451219512195122, 0.48902439024390243, 0.4670731707317073,
            0.42317073170731706, 0.37926829268292683, 0.33536585365853655, 0.2914634146341463,
            0.24756097560975604, 0.2036585365853658, 0.15975609756097559, 0.11585365853658536,
            0.07195121951219513, 0.048946808510638304, 0.0468404255319149, 0.044734042553191494,
            0.04262765957446809, 0.040521276595744685, 0.03841489361702128, 0.036308510638297875,
            0.03420212765957447, 0.032095744680851065, 0.029989361702127664, 0.02788297872340426,
            0.025776595744680855, 0.02367021276595745, 0.02156382978723404, 0.01945744680851064,
            0.01735106382978724, 0.015244680851063827, 0.01313829787234043, 0.011031914893617017,
            0.00892553191489362,
        ],
    ]
    /// per group: SGD momentum after construction, then after each step
    static let oneCycleLRThreePhaseLinearMomentum: [[Double]] = [
        [
            0.95, 0.9402439024390243, 0.9304878048780487, 0.9207317073170731,
            0.9109756097560975, 0.9012195121951219, 0.8914634146341464, 0.8817073170731707,
            0.8719512195121951, 0.8621951219512195, 0.8524390243902439, 0.8573170731707317,
            0.8670731707317073, 0.8768292682926829, 0.8865853658536585, 0.8963414634146342,
            0.9060975609756097, 0.9158536585365853, 0.9256097560975609, 0.9353658536585365,
            0.9451219512195121, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95,
        ],
        [
            0.95, 0.9402439024390243, 0.9304878048780487, 0.9207317073170731,
            0.9109756097560975, 0.9012195121951219, 0.8914634146341464, 0.8817073170731707,
            0.8719512195121951, 0.8621951219512195, 0.8524390243902439, 0.8573170731707317,
            0.8670731707317073, 0.8768292682926829, 0.8865853658536585, 0.8963414634146342,
            0.9060975609756097, 0.9158536585365853, 0.9256097560975609, 0.9353658536585365,
            0.9451219512195121, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95, 0.95, 0.95, 0.95,
            0.95,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let oneCycleLRNoMomentum: [[Double]] = [
        [
            0.01200000000000001, 0.015610380645817434, 0.026260483022051695, 0.043416266524603675,
            0.06621746853234237, 0.09352074156707163, 0.12395698551029075, 0.156,
            0.18804301448970928, 0.21847925843292837, 0.2457825314676576, 0.26858373347539627,
            0.2857395169779483, 0.29638961935418257, 0.3, 0.29939614651470947,
            0.2975894479320413, 0.29459445072666157, 0.2904352688550382, 0.2851453896040421,
            0.27876740397100375, 0.2713526637460455, 0.26296086805766206, 0.2536595827104403,
            0.24352369618492894, 0.23263481667962652, 0.22108061504975232, 0.20895411893306956,
            0.1963529637460455, 0.18337860658088678, 0.17013550933268884, 0.15673029763367904,
            0.14327090236632103, 0.12986569066731124, 0.11662259341911323, 0.10364823625395453,
            0.09104708106693046, 0.0789205849502477, 0.06736638332037352, 0.05647750381507109,
            0.0463416172895597,
        ],
        [
            0.01200000000000001, 0.015610380645817434, 0.026260483022051695, 0.043416266524603675,
            0.06621746853234237, 0.09352074156707163, 0.12395698551029075, 0.156,
            0.18804301448970928, 0.21847925843292837, 0.2457825314676576, 0.26858373347539627,
            0.2857395169779483, 0.29638961935418257, 0.3, 0.29939614651470947,
            0.2975894479320413, 0.29459445072666157, 0.2904352688550382, 0.2851453896040421,
            0.27876740397100375, 0.2713526637460455, 0.26296086805766206, 0.2536595827104403,
            0.24352369618492894, 0.23263481667962652, 0.22108061504975232, 0.20895411893306956,
            0.1963529637460455, 0.18337860658088678, 0.17013550933268884, 0.15673029763367904,
            0.14327090236632103, 0.12986569066731124, 0.11662259341911323, 0.10364823625395453,
            0.09104708106693046, 0.0789205849502477, 0.06736638332037352, 0.05647750381507109,
            0.0463416172895597,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let sequentialLR: [[Double]] = [
        [
            0.010000000000000002, 0.028000000000000004, 0.046000000000000006, 0.064,
            0.082, 0.1, 0.09972636867364526, 0.0989084726566536,
            0.09755527298894294, 0.09568159560924792, 0.09330796891903274, 0.09046039886902865,
            0.08717008403259587, 0.08347307378762499, 0.07940987335200905, 0.07502500000000002,
            0.07036649532163625, 0.06548539886902864, 0.060435188956347086, 0.05527119674021931,
            0.050050000000000025, 0.04482880325978073, 0.03966481104365293, 0.034614601130971395,
            0.029733504678363797, 0.025075000000000017, 0.02069012664799098, 0.016626926212375055,
            0.012929915967404174, 0.009639601130971384, 0.006792031080967291, 0.004418404390752083,
            0.002544727011057082, 0.0011915273433464064, 0.0003736313263547437, 0.0001,
            0.0003736313263547492, 0.001191527343346428, 0.002544727011057125, 0.0044184043907521744,
            0.006792031080967417,
        ],
        [
            0.005000000000000001, 0.014000000000000002, 0.023000000000000003, 0.032,
            0.041, 0.05, 0.04986332128943842, 0.04945478263830845,
            0.04877886008156408, 0.04784295916818289, 0.04665733382442175, 0.04523497400965494,
            0.04359146339566099, 0.04174480862865351, 0.0397152420446972, 0.037524999999999996,
            0.035198079244741214, 0.032759974009654934, 0.030237396685903084, 0.02765798515852795,
            0.02505, 0.022442014841472045, 0.019862603314096897, 0.017340025990345058,
            0.014901920755258783, 0.012575000000000001, 0.010384757955302795, 0.008355191371346493,
            0.006508536604339019, 0.004865025990345064, 0.0034426661755782542, 0.0022570408318171053,
            0.0013211399184359194, 0.0006452173616915481, 0.00023667871056157864, 0.0001,
            0.0002366787105615814, 0.0006452173616915591, 0.0013211399184359413, 0.0022570408318171517,
            0.003442666175578319,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let sequentialLRThree: [[Double]] = [
        [
            0.05, 0.0625, 0.075, 0.08750000000000001,
            0.1, 0.1, 0.1, 0.095,
            0.09025, 0.0857375, 0.08145062499999998, 0.07737809374999999,
            0.07350918906249998, 0.06983372960937498, 0.06634204312890622, 0.0630249409724609,
            0.05987369392383786, 0.05688000922764597, 0.05403600876626367, 0.05133420832795048,
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.025, 0.025,
            0.025, 0.025, 0.025, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.00625,
        ],
        [
            0.025, 0.03125, 0.0375, 0.043750000000000004,
            0.05, 0.05, 0.05, 0.0475,
            0.045125, 0.04286875, 0.04072531249999999, 0.038689046874999994,
            0.03675459453124999, 0.03491686480468749, 0.03317102156445311, 0.03151247048623045,
            0.02993684696191893, 0.028440004613822983, 0.027018004383131834, 0.02566710416397524,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.025, 0.025, 0.025,
            0.025, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.00625,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.003125,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let reduceLROnPlateau: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.025, 0.025,
            0.025, 0.025, 0.025, 0.025,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.00625,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.003125, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.025, 0.025, 0.025,
            0.025, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.003125,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002,
        ],
    ]
    /// per group (lr 0.1 and 0.05): lr after construction, then after each of 40 steps
    static let reduceLROnPlateauMaxAbs: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.03, 0.03, 0.009, 0.009,
            0.009, 0.0026999999999999997, 0.0026999999999999997, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.015, 0.015, 0.0045, 0.0045,
            0.0045, 0.0013499999999999999, 0.0013499999999999999, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001, 0.001, 0.001, 0.001,
            0.001,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let stepLRHalvedAt12: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.1, 0.1, 0.05,
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.0125, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.003125, 0.003125, 0.003125, 0.0015625,
            0.0015625, 0.0015625, 0.0015625, 0.0015625,
            0.0015625,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.05, 0.025,
            0.025, 0.025, 0.025, 0.025,
            0.025, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.0125, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.003125, 0.003125, 0.003125, 0.0015625,
            0.0015625, 0.0015625, 0.0015625, 0.0015625,
            0.0015625,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let multiStepLRHalvedAt12: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.03, 0.03, 0.03,
            0.03, 0.03, 0.03, 0.03,
            0.0026999999999999997, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.015, 0.015, 0.015,
            0.015, 0.015, 0.015, 0.015,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999, 0.0013499999999999999,
            0.0013499999999999999, 0.0013499999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999, 0.0004049999999999999,
            0.0004049999999999999,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let exponentialLRHalvedAt12: [[Double]] = [
        [
            0.1, 0.09000000000000001, 0.08100000000000002, 0.07290000000000002,
            0.06561000000000002, 0.05904900000000002, 0.05314410000000002, 0.04782969000000002,
            0.043046721000000024, 0.03874204890000002, 0.03486784401000002, 0.03138105960900001,
            0.028242953648100012, 0.012709329141645007, 0.011438396227480507, 0.010294556604732457,
            0.00926510094425921, 0.00833859084983329, 0.007504731764849962, 0.006754258588364966,
            0.00607883272952847, 0.005470949456575623, 0.0049238545109180605, 0.004431469059826255,
            0.0039883221538436296, 0.003589489938459267, 0.0032305409446133403, 0.0029074868501520064,
            0.0026167381651368057, 0.002355064348623125, 0.002119557913760813, 0.0019076021223847317,
            0.0017168419101462585, 0.0015451577191316326, 0.0013906419472184694, 0.0012515777524966226,
            0.0011264199772469603, 0.0010137779795222643, 0.0009124001815700379, 0.0008211601634130341,
            0.0007390441470717307,
        ],
        [
            0.05, 0.045000000000000005, 0.04050000000000001, 0.03645000000000001,
            0.03280500000000001, 0.02952450000000001, 0.02657205000000001, 0.02391484500000001,
            0.021523360500000012, 0.01937102445000001, 0.01743392200500001, 0.015690529804500006,
            0.014121476824050006, 0.012709329141645007, 0.011438396227480507, 0.010294556604732457,
            0.00926510094425921, 0.00833859084983329, 0.007504731764849962, 0.006754258588364966,
            0.00607883272952847, 0.005470949456575623, 0.0049238545109180605, 0.004431469059826255,
            0.0039883221538436296, 0.003589489938459267, 0.0032305409446133403, 0.0029074868501520064,
            0.0026167381651368057, 0.002355064348623125, 0.002119557913760813, 0.0019076021223847317,
            0.0017168419101462585, 0.0015451577191316326, 0.0013906419472184694, 0.0012515777524966226,
            0.0011264199772469603, 0.0010137779795222643, 0.0009124001815700379, 0.0008211601634130341,
            0.0007390441470717307,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let cosineAnnealingLRHalvedAt12: [[Double]] = [
        [
            0.1, 0.09757729755661011, 0.0905463412215599, 0.07959536998847742,
            0.0657963412215599, 0.0505, 0.03520365877844011, 0.02140463001152259,
            0.010453658778440109, 0.0034227024433899004, 0.001, 0.0034227024433899004,
            0.01045365877844014, 0.010123122785599067, 0.01629281239484518, 0.023131966011250216,
            0.02997111962765525, 0.03614080923690136, 0.041037102633280365, 0.0441807165046726,
            0.04526393202250043, 0.04418071650467259, 0.04103710263328037, 0.03614080923690137,
            0.029971119627655255, 0.02313196601125022, 0.016292812394845188, 0.010123122785599074,
            0.005226829389220077, 0.0020832155178278433, 0.001, 0.0034227024433899004,
            0.010453658778440112, 0.021404630011522607, 0.03520365877844015, 0.050500000000000086,
            0.06579634122156003, 0.07959536998847759, 0.09054634122156009, 0.09757729755661032,
            0.10000000000000024,
        ],
        [
            0.05, 0.04880088464923127, 0.045320916362186214, 0.039900738681165594,
            0.03307091636218621, 0.0255, 0.01792908363781379, 0.01109926131883441,
            0.005679083637813789, 0.0021991153507687385, 0.001, 0.0021991153507687385,
            0.005679083637813806, 0.011099261318834451, 0.017929083637813863, 0.025500000000000106,
            0.03307091636218635, 0.03990073868116576, 0.045320916362186416, 0.04880088464923148,
            0.05000000000000022, 0.04880088464923148, 0.04532091636218642, 0.03990073868116577,
            0.033070916362186356, 0.02550000000000011, 0.01792908363781387, 0.011099261318834458,
            0.005679083637813813, 0.0021991153507687463, 0.001, 0.0021991153507687385,
            0.005679083637813793, 0.011099261318834423, 0.017929083637813814, 0.025500000000000043,
            0.03307091636218627, 0.03990073868116567, 0.0453209163621863, 0.04880088464923136,
            0.05000000000000011,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let linearLRHalvedAt12: [[Double]] = [
        [
            0.025, 0.034375, 0.043750000000000004, 0.053125,
            0.0625, 0.071875, 0.08124999999999999, 0.090625,
            0.09999999999999999, 0.09999999999999999, 0.09999999999999999, 0.09999999999999999,
            0.09999999999999999, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996,
        ],
        [
            0.0125, 0.0171875, 0.021875000000000002, 0.0265625,
            0.03125, 0.0359375, 0.040624999999999994, 0.0453125,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996, 0.049999999999999996, 0.049999999999999996, 0.049999999999999996,
            0.049999999999999996,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let sequentialLRHalvedAt12: [[Double]] = [
        [
            0.010000000000000002, 0.028000000000000004, 0.046000000000000006, 0.064,
            0.082, 0.1, 0.09972636867364526, 0.0989084726566536,
            0.09755527298894294, 0.09568159560924792, 0.09330796891903274, 0.09046039886902865,
            0.08717008403259587, 0.041738659902125885, 0.03970939297736613, 0.037519474315097744,
            0.03519289712245449, 0.03275515186602653, 0.030232946992974283, 0.027653916307692226,
            0.025046316210065166, 0.022438716112438098, 0.01985968542715603, 0.017337480554103796,
            0.014899735297675841, 0.012573158105032584, 0.0103832394427642, 0.008353972518004453,
            0.006507590403832402, 0.004864322449071218, 0.0034421726413091914, 0.002256722351444148,
            0.0013209596209232716, 0.0006451368620430792, 0.00023665853037487428, 0.0001,
            0.0003736313263547492, 0.001191527343346428, 0.002544727011057125, 0.0044184043907521744,
            0.006792031080967417,
        ],
        [
            0.005000000000000001, 0.014000000000000002, 0.023000000000000003, 0.032,
            0.041, 0.05, 0.04986332128943842, 0.04945478263830845,
            0.04877886008156408, 0.04784295916818289, 0.04665733382442175, 0.04523497400965494,
            0.04359146339566099, 0.04174480862865351, 0.0397152420446972, 0.037524999999999996,
            0.035198079244741214, 0.032759974009654934, 0.030237396685903084, 0.02765798515852795,
            0.02505, 0.022442014841472045, 0.019862603314096897, 0.017340025990345058,
            0.014901920755258783, 0.012575000000000001, 0.010384757955302795, 0.008355191371346493,
            0.006508536604339019, 0.004865025990345064, 0.0034426661755782542, 0.0022570408318171053,
            0.0013211399184359194, 0.0006452173616915481, 0.00023667871056157864, 0.0001,
            0.0002366787105615814, 0.0006452173616915591, 0.0013211399184359413, 0.0022570408318171517,
            0.003442666175578319,
        ],
    ]
    /// the same with group 0's lr halved by hand before step 12
    static let reduceLROnPlateauHalvedAt12: [[Double]] = [
        [
            0.1, 0.1, 0.1, 0.1,
            0.1, 0.05, 0.05, 0.05,
            0.05, 0.05, 0.025, 0.025,
            0.025, 0.0125, 0.0125, 0.0125,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.003125,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002,
        ],
        [
            0.05, 0.05, 0.05, 0.05,
            0.05, 0.025, 0.025, 0.025,
            0.025, 0.025, 0.0125, 0.0125,
            0.0125, 0.0125, 0.0125, 0.0125,
            0.00625, 0.00625, 0.00625, 0.00625,
            0.00625, 0.00625, 0.00625, 0.003125,
            0.003125, 0.003125, 0.003125, 0.003125,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002, 0.002, 0.002, 0.002,
            0.002,
        ],
    ]
    /// Adam's beta1 after construction, then after each step
    static let oneCycleLRAdamBeta1: [[Double]] = [
        [
            0.95, 0.9479746486807248, 0.942062676641559, 0.9327430366972642,
            0.9207707506500943, 0.9071157419136642, 0.8928842580863358, 0.8792292493499057,
            0.8672569633027357, 0.8579373233584409, 0.8520253513192751, 0.85,
            0.8503143895053379, 0.8512536043909088, 0.8528058334845816, 0.854951556604879,
            0.8576637900385857, 0.8609084258765984, 0.8646446609406726, 0.8688255099070633,
            0.8733983961742331, 0.878305813044122, 0.8834860469022416, 0.8888739533021842,
            0.8944017761948346, 0.8999999999999999, 0.9055982238051654, 0.9111260466978157,
            0.9165139530977583, 0.9216941869558779, 0.9266016038257667, 0.9311744900929366,
            0.9353553390593273, 0.9390915741234015, 0.9423362099614142, 0.945048443395121,
            0.9471941665154183, 0.9487463956090911, 0.949685610494662, 0.95,
            0.949685610494662,
        ],
    ]
}
