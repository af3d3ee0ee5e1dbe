import Testing
@testable import Kiln

// Each optimizer runs 20 steps on OptimProblem and must reach PyTorch's parameters
// (Tests/Fixtures/reference/make_optim_literals.py) to 1e-5 relative.

struct OptimizerCase: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable ([Parameter]) -> Optimizer
    let expected: [Float]
    var testDescription: String { name }
}

let optimizerCases: [OptimizerCase] = [
    OptimizerCase(name: "sgdPlain", make: { SGD($0, lr: 0.1) }, expected: OptimizerReference.sgdPlain),
    OptimizerCase(name: "sgdMomentum", make: { SGD($0, lr: 0.05, momentum: 0.9) },
                  expected: OptimizerReference.sgdMomentum),
    OptimizerCase(name: "sgdDampening", make: { SGD($0, lr: 0.05, momentum: 0.9, dampening: 0.5) },
                  expected: OptimizerReference.sgdDampening),
    OptimizerCase(name: "sgdNesterov", make: { SGD($0, lr: 0.05, momentum: 0.9, weightDecay: 0.01, nesterov: true) },
                  expected: OptimizerReference.sgdNesterov),
    OptimizerCase(name: "sgdWeightDecay", make: { SGD($0, lr: 0.1, weightDecay: 0.1) },
                  expected: OptimizerReference.sgdWeightDecay),
    OptimizerCase(name: "sgdMaximize", make: { SGD($0, lr: 0.01, momentum: 0.5, maximize: true) },
                  expected: OptimizerReference.sgdMaximize),
    OptimizerCase(name: "sgdGroups", make: {
        SGD(groups: [ParameterGroup([$0[0]], weightDecay: 0.01), ParameterGroup([$0[1]], lr: 0.02)],
            lr: 0.1, momentum: 0.9)
    }, expected: OptimizerReference.sgdGroups),
    OptimizerCase(name: "adamPlain", make: { Adam($0, lr: 0.01) }, expected: OptimizerReference.adamPlain),
    OptimizerCase(name: "adamAmsgrad", make: { Adam($0, lr: 0.01, amsgrad: true) },
                  expected: OptimizerReference.adamAmsgrad),
    OptimizerCase(name: "adamWeightDecay", make: { Adam($0, lr: 0.01, weightDecay: 0.1) },
                  expected: OptimizerReference.adamWeightDecay),
    OptimizerCase(name: "adamGroups", make: {
        Adam(groups: [ParameterGroup([$0[0]], lr: 0.02, weightDecay: 0.05), ParameterGroup([$0[1]])],
             lr: 0.01, betas: (0.8, 0.99), eps: 1e-6)
    }, expected: OptimizerReference.adamGroups),
    OptimizerCase(name: "adamWPlain", make: { AdamW($0, lr: 0.01) }, expected: OptimizerReference.adamWPlain),
    OptimizerCase(name: "adamWAmsgrad", make: { AdamW($0, lr: 0.01, weightDecay: 0.1, amsgrad: true) },
                  expected: OptimizerReference.adamWAmsgrad),
    OptimizerCase(name: "rmspropPlain", make: { RMSprop($0, lr: 0.01) }, expected: OptimizerReference.rmspropPlain),
    OptimizerCase(name: "rmspropMomentum", make: { RMSprop($0, lr: 0.01, momentum: 0.9) },
                  expected: OptimizerReference.rmspropMomentum),
    OptimizerCase(name: "rmspropCentered", make: {
        RMSprop($0, lr: 0.01, alpha: 0.9, weightDecay: 0.01, momentum: 0.5, centered: true)
    }, expected: OptimizerReference.rmspropCentered),
    OptimizerCase(name: "adagradLRDecay", make: { Adagrad($0, lr: 0.1, lrDecay: 0.01) },
                  expected: OptimizerReference.adagradLRDecay),
    OptimizerCase(name: "adagradAccumulator", make: {
        Adagrad($0, lr: 0.1, weightDecay: 0.01, initialAccumulatorValue: 0.1)
    }, expected: OptimizerReference.adagradAccumulator),
]

@Suite struct OptimizerTests {
    @Test func problemStartsFromTheReferenceValues() {
        expectExact(OptimProblem().values, OptimizerReference.initialParameters)
    }

    @Test(arguments: optimizerCases)
    func twentyStepsMatchPyTorch(_ c: OptimizerCase) {
        let problem = OptimProblem()
        problem.train(c.make(problem.parameters), steps: 20)
        expectApprox(problem.values, c.expected, rtol: 1e-5, atol: 1e-7, Comment(rawValue: c.name))
    }

    @Test func float64MatchesPyTorch() {
        var problem = OptimProblem(dtype: .float64)
        problem.train(Adam(problem.parameters, lr: 0.01, amsgrad: true), steps: 20)
        expectApprox(problem.values, OptimizerReference.adamAmsgradFloat64, dtype: .float64, rtol: 1e-10, atol: 1e-12)

        problem = OptimProblem(dtype: .float64)
        problem.train(RMSprop(problem.parameters, lr: 0.01, alpha: 0.9, weightDecay: 0.01, momentum: 0.5, centered: true),
                      steps: 20)
        expectApprox(problem.values, OptimizerReference.rmspropCenteredFloat64, dtype: .float64, rtol: 1e-10, atol: 1e-12)
    }

    @Test func parametersWithoutGradientAreSkipped() {
        let problem = OptimProblem()
        let unused = Parameter(Tensor([1.5, -2] as [Float]))
        let optimizer = Adam(problem.parameters + [unused], lr: 0.01)
        problem.train(optimizer, steps: 20)
        expectApprox(problem.values, OptimizerReference.adamPlain, rtol: 1e-5, atol: 1e-7)
        expectExact(unused.value, [1.5, -2] as [Float])
        #expect(optimizer.existingState(for: unused) == nil)
        #expect(!optimizer.stateDict().tensors.keys.contains { $0.hasPrefix("state.2.") })
    }

    @Test func zeroGradClearsEveryGradient() {
        let problem = OptimProblem()
        let optimizer = SGD(problem.parameters, lr: 0.1)
        problem.computeGradients()
        #expect(problem.weight.grad != nil && problem.bias.grad != nil)
        optimizer.zeroGrad()
        #expect(problem.weight.grad == nil && problem.bias.grad == nil)
    }

    @Test func groupsGetTheDefaultsTheyDoNotSet() {
        let a = Parameter(Tensor([1] as [Float])), b = Parameter(Tensor([2] as [Float]))
        let optimizer = Adam(groups: [ParameterGroup([a]), ParameterGroup([b], lr: 0.5, other: ["amsgrad": true])],
                             lr: 0.01, betas: (0.8, 0.9))
        #expect(optimizer.paramGroups[0].lr == 0.01)
        #expect(optimizer.paramGroups[1].lr == 0.5)
        #expect(optimizer.paramGroups[0].numbers("betas") == [0.8, 0.9])
        #expect(optimizer.paramGroups[0].flag("amsgrad") == false)
        #expect(optimizer.paramGroups[1].flag("amsgrad") == true)
        #expect(optimizer.paramGroups[1].weightDecay == 0)
        #expect(AdamW([a]).paramGroups[0].weightDecay == 0.01)
    }

    /// Large parameters are updated in several pieces on the worker threads: every element must get
    /// SGD with momentum's update, p₂ = p₀ − lr · (1 + (1 + momentum)) · g for a constant gradient.
    @Test func largeParametersAreUpdatedEverywhere() {
        let n = 100_003
        let initial = opPattern(n, mul: 7, mod: 101, offset: 50, scale: 0.0625)
        let gradient = opPattern(n, mul: 3, mod: 17, offset: 8, scale: 0.25)
        let p = Parameter(Tensor(initial.map { Float($0) }, shape: [n]))
        let optimizer = SGD([p], lr: 0.1, momentum: 0.9)
        for _ in 0..<2 {
            p.grad = Tensor(gradient.map { Float($0) }, shape: [n])
            optimizer.step()
        }
        let expected = zip(initial, gradient).map { Float($0 - 0.1 * 2.9 * $1) }
        expectApprox(p.value, expected, rtol: 1e-6, atol: 1e-6)
    }

    /// float16 parameters are updated through float32: 1 − 0.5 · 0.5 and 2 − 0.5 · 0.25 are exact.
    @Test func halfPrecisionParametersAreUpdated() {
        let p = Parameter(Tensor([1, 2] as [Float]).cast(to: .float16))
        let optimizer = SGD([p], lr: 0.5, momentum: 0.5)
        p.grad = Tensor([0.5, 0.25] as [Float]).cast(to: .float16)
        optimizer.step()
        #expect(p.dtype == .float16)
        expectExact(p.value.cast(to: .float32), [0.75, 1.875] as [Float])
        // Second step: buffer = 0.5 · g + g = 1.5 g.
        optimizer.step()
        expectExact(p.value.cast(to: .float32), [0.375, 1.6875] as [Float])
    }

    @Test func updatesReachTensorsReadBeforeTheStepAsInPyTorch() {
        let p = Parameter(Tensor([1, 2] as [Float]))
        let before = p.value
        p.grad = Tensor([1, 1] as [Float])
        SGD([p], lr: 0.5).step()
        expectExact(before, [0.5, 1.5] as [Float])
    }

    @Test func parameterCopiesTheTensorItIsGiven() {
        let t = Tensor([1, 2, 3, 4] as [Float], shape: [2, 2])
        let p = Parameter(t.transposed())
        #expect(p.value.isContiguous)
        expectExact(p.value, [1, 3, 2, 4] as [Float], shape: [2, 2])
        p.withUnsafeMutableValues(as: Float.self) { $0[0] = 10 }
        expectExact(t, [1, 2, 3, 4] as [Float])
        expectExact(p.value, [10, 3, 2, 4] as [Float])
        let u = Tensor([5, 6] as [Float])
        p.value = u
        p.withUnsafeMutableValues(as: Float.self) { $0[1] = 7 }
        expectExact(u, [5, 6] as [Float])
        expectExact(p.value, [5, 7] as [Float])
    }
}

// MARK: - Generated by Tests/Fixtures/reference/make_optim_literals.py (Optimizer); do not edit by hand.

enum OptimizerReference {
    /// W (row-major) then b before any step
    static let initialParameters: [Float] = [
        -0.625, 0.25, -0.25, 0.625, 0.125, -0.375, 0.5, 0.0,
        -0.5, 0.375, -0.125, -0.625, 0.25, -0.5, 0.125,
    ]
    /// W then b after 20 steps
    static let sgdPlain: [Float] = [
        -0.25428322, -0.55360514, 0.28292057, -0.29539725, -0.24565288, -0.10935245, -0.32232797, 0.34956628,
        -0.82270515, -0.10526555, -0.1810696, -0.83544266, -0.09303443, -0.26445705, 0.100514114,
    ]
    /// W then b after 20 steps
    static let sgdMomentum: [Float] = [
        -0.2364626, -1.0603521, 0.8221364, -0.77088964, -0.41632643, -0.093275696, -1.0054455, 0.6257648,
        -1.3577756, -0.71212745, -0.39140004, -1.031661, -0.20041105, -0.2518264, 0.053652212,
    ]
    /// W then b after 20 steps
    static let sgdDampening: [Float] = [
        -0.041907195, -1.0299917, 0.6881933, -0.74658185, -0.443849, 0.07165271, -0.7538222, 0.5871803,
        -1.0393398, -0.36853376, -0.2188621, -0.9836386, -0.29262695, -0.12189458, 0.092565045,
    ]
    /// W then b after 20 steps
    static let sgdNesterov: [Float] = [
        -0.29692167, -0.90845186, 0.7451386, -0.6847645, -0.37632126, -0.18494269, -0.92505735, 0.56671304,
        -1.3151169, -0.70026547, -0.3944494, -0.9435378, -0.14562888, -0.29424188, 0.031786747,
    ]
    /// W then b after 20 steps
    static let sgdWeightDecay: [Float] = [
        -0.21847321, -0.50801414, 0.2613987, -0.30388278, -0.23120658, -0.08009953, -0.31955054, 0.29309767,
        -0.73336107, -0.13634828, -0.15803003, -0.7162894, -0.089378744, -0.2263884, 0.081659645,
    ]
    /// W then b after 20 steps
    static let sgdMaximize: [Float] = [
        -0.8284256, 0.5401598, -0.5112118, 0.92572594, 0.25694817, -0.53479975, 0.72401214, -0.15756246,
        -0.41585284, 0.4709666, -0.133978, -0.5444641, 0.4246122, -0.6176141, 0.1317246,
    ]
    /// W then b after 20 steps
    static let sgdGroups: [Float] = [
        -0.64715827, -0.2649607, 0.86771446, -0.28355828, -0.16368409, -0.757578, -0.8726087, 0.6110109,
        -1.6097593, -0.8887493, -0.56720006, -0.8397301, -0.08024582, -0.35042027, 0.04308881,
    ]
    /// W then b after 20 steps
    static let adamPlain: [Float] = [
        -0.43027782, 0.051516734, -0.055093832, 0.4273671, -0.07040449, -0.18406981, 0.30223572, 0.1932668,
        -0.6954542, 0.17499256, -0.20857203, -0.8169004, 0.057147354, -0.30851546, 0.090020426,
    ]
    /// W then b after 20 steps
    static let adamAmsgrad: [Float] = [
        -0.43027782, 0.051516734, -0.055093832, 0.4273671, -0.07040449, -0.18406981, 0.30223572, 0.1932668,
        -0.6954542, 0.17499259, -0.2085597, -0.81690043, 0.057147354, -0.30851546, 0.09002126,
    ]
    /// W then b after 20 steps
    static let adamWeightDecay: [Float] = [
        -0.430193, 0.05183095, -0.055432923, 0.42753226, -0.06956731, -0.18402636, 0.30251244, 0.19208068,
        -0.6912238, 0.17610598, -0.17372566, -0.8015697, 0.057572365, -0.30809808, 0.096264355,
    ]
    /// W then b after 20 steps
    static let adamGroups: [Float] = [
        -0.2690961, -0.1338934, 0.11545395, 0.24077809, -0.22589067, -0.053289205, 0.114440374, 0.35221162,
        -0.8544023, -0.020018602, -0.25162518, -0.92347264, 0.064621136, -0.3185709, 0.08966487,
    ]
    /// W then b after 20 steps
    static let adamWPlain: [Float] = [
        -0.42924982, 0.051214788, -0.054797128, 0.4263129, -0.07045978, -0.1835303, 0.30142972, 0.1930581,
        -0.69430816, 0.17442365, -0.20839156, -0.8154894, 0.05685527, -0.30774745, 0.08980624,
    ]
    /// W then b after 20 steps
    static let adamWAmsgrad: [Float] = [
        -0.42009842, 0.048529536, -0.052158378, 0.41692284, -0.070946604, -0.17872779, 0.2942511, 0.19119139,
        -0.6840853, 0.16935888, -0.20676528, -0.8029064, 0.05425775, -0.3009124, 0.08789871,
    ]
    /// W then b after 20 steps
    static let rmspropPlain: [Float] = [
        -0.17004272, -0.39110917, 0.32564324, -0.04742098, -0.3126773, -0.080690265, -0.1746586, 0.52885777,
        -1.0873902, -0.31363717, -0.34898472, -0.9832509, -0.16482398, -0.20255767, 0.04810893,
    ]
    /// W then b after 20 steps
    static let rmspropMomentum: [Float] = [
        -0.78217894, -0.6845462, 0.77391326, -0.3635314, -0.17559569, -0.8305367, -0.9562453, 0.75282556,
        -1.0941148, -0.9899883, -0.30406937, -0.37627897, 0.2532187, -0.75401413, -0.1333163,
    ]
    /// W then b after 20 steps
    static let rmspropCentered: [Float] = [
        -0.1582869, -0.45141485, 0.36302078, -0.1299818, -0.31670803, -0.060415067, -0.25348482, 0.532056,
        -1.1159014, -0.38292128, -0.35568985, -0.9584935, -0.1706411, -0.19067724, 0.03454786,
    ]
    /// W then b after 20 steps
    static let adagradLRDecay: [Float] = [
        -0.17886062, -0.3543202, 0.29050586, -0.0018913271, -0.3059333, -0.06553418, -0.12998314, 0.49834338,
        -1.0543966, -0.27352473, -0.34001592, -0.9857621, -0.15937924, -0.19176185, 0.054317057,
    ]
    /// W then b after 20 steps
    static let adagradAccumulator: [Float] = [
        -0.18750472, -0.36758357, 0.2888637, -0.020406522, -0.2915725, -0.065665744, -0.14090526, 0.45837027,
        -0.9660375, -0.22625604, -0.27911532, -0.9094334, -0.14570203, -0.1969139, 0.06853341,
    ]
    /// float64 problem, W then b after 20 steps
    static let adamAmsgradFloat64: [Double] = [
        -0.43027772915508344, 0.051516747639244825, -0.05509383160252814, 0.4273670051848017,
        -0.070404512421335, -0.18406976923783935, 0.30223570381076986, 0.1932668103425911,
        -0.6954540802255524, 0.17499262240133684, -0.20855976132949675, -0.8169005031407961,
        0.0571473618919279, -0.3085154369562533, 0.09002127961069314,
    ]
    /// float64 problem, W then b after 20 steps
    static let rmspropCenteredFloat64: [Double] = [
        -0.15828684354202, -0.45141484464570547, 0.36302071981166184, -0.12998166778941667,
        -0.3167079917442188, -0.06041506603291139, -0.25348461908720515, 0.5320559752060793,
        -1.1159013242493434, -0.38292128771050166, -0.3556899539751191, -0.9584934893000512,
        -0.1706411147154852, -0.19067722544799093, 0.03454786698868698,
    ]
}
