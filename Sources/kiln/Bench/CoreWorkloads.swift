import Foundation
import Kiln

/// Square float32 matrix products, GFLOP/s.
func gemmBenchmark() -> BenchReport {
    let results: [[String: Any]] = [64, 256, 512, 1024, 2048].map { n in
        let a = Tensor(randomNormal: [n, n], seed: 1), b = Tensor(randomNormal: [n, n], seed: 2)
        let seconds = secondsPerCall { blackHole(matmul(a, b)) }
        return ["n": n, "gflops": significant(2 * pow(Double(n), 3) / seconds / 1e9), "ms": significant(seconds * 1e3)]
    }
    return BenchReport(bench: "gemm", extra: ["dtype": "float32"], results: results)
}

/// Per-call cost of small ops, without and with autograd recording (no backward).
func opOverheadBenchmark() -> BenchReport {
    func perCall(_ body: () -> Void) -> Double {
        significant(secondsPerCall(minSampleSeconds: 0.05, samples: 7, minCalls: 10_000, body) * 1e9)
    }
    let a = Tensor(randomNormal: [1000], seed: 1), b = Tensor(randomNormal: [1000], seed: 2)
    let pa = Parameter(a), pb = Parameter(b)
    let m = Tensor(randomNormal: [64, 64], seed: 3), n = Tensor(randomNormal: [64, 64], seed: 4)
    let pm = Parameter(m), pn = Parameter(n)
    return BenchReport(bench: "op-overhead", results: [
        ["case": "add-1000", "grad": false, "ns_per_call": perCall { blackHole(a + b) }],
        ["case": "add-1000", "grad": true, "ns_per_call": perCall { blackHole(pa.value + pb.value) }],
        ["case": "matmul-64", "grad": false, "ns_per_call": perCall { blackHole(matmul(m, n)) }],
        ["case": "matmul-64", "grad": true, "ns_per_call": perCall { blackHole(matmul(pm.value, pn.value)) }],
    ])
}

/// Conv2d of a batch of 64 × 32 channels × 14 × 14 with 64 filters of 3 × 3, padding 1.
func conv2dBenchmark() -> BenchReport {
    let x = Tensor(randomNormal: [64, 32, 14, 14], seed: 1)
    let weight = Parameter(Tensor(randomNormal: [64, 32, 3, 3], seed: 2) * 0.05)
    let bias = Parameter(Tensor(randomNormal: [64], seed: 3))
    let input = Parameter(x)
    let forward = secondsPerCall(samples: 10) {
        noGrad { blackHole(conv2d(x, weight: weight.value, bias: bias.value, padding: 1)) }
    }
    let forwardBackward = secondsPerCall(samples: 10) {
        conv2d(input.value, weight: weight.value, bias: bias.value, padding: 1).sum().backward()
        input.zeroGrad(); weight.zeroGrad(); bias.zeroGrad()
    }
    return BenchReport(bench: "conv2d", results: [
        ["case": "forward", "ms": significant(forward * 1e3)],
        ["case": "forward-backward", "ms": significant(forwardBackward * 1e3)],
    ])
}

/// Large elementwise kernels (2^20 float32 elements), ms per call.
func elementwiseBenchmark() -> BenchReport {
    let x = Tensor(randomNormal: [1 << 20], seed: 1), y = Tensor(randomNormal: [1 << 20], seed: 2)
    let cases: [(String, () -> Tensor)] = [
        ("add", { x + y }), ("mul-scalar", { x * 0.5 }), ("relu", { relu(x) }), ("exp", { exp(x) }), ("sigmoid", { sigmoid(x) }),
    ]
    return BenchReport(bench: "elementwise", results: cases.map { name, op in
        ["case": name, "ms": significant(secondsPerCall { blackHole(op()) } * 1e3)]
    })
}

/// Resident memory across 10,000 training steps of a small MLP: it must stay flat.
func memoryBenchmark() -> BenchReport {
    let trace = MemoryProbe.trainingTrace(steps: 10_000, every: 1_000)
    return BenchReport(bench: "memory", results: trace.map { ["step": $0.step, "rss_mib": significant($0.megabytes)] })
}
