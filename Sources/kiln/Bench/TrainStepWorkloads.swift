import Foundation
import Kiln

/// Milliseconds per training step on a fixed in-memory batch: zeroGrad, forward, cross-entropy,
/// backward, optimizer step — what `bench/reference/torch_bench.py` times for PyTorch.
private func trainStepMilliseconds(_ model: Module, _ optimizer: Optimizer, _ x: Tensor, _ labels: Tensor) -> Double {
    let seconds = secondsPerCall(minSampleSeconds: 0.2, samples: 7) {
        optimizer.zeroGrad()
        crossEntropy(logits: model(x), labels: labels).backward()
        optimizer.step()
    }
    return significant(seconds * 1e3)
}

/// The 784-512-256-10 ReLU MLP, batch 128, with SGD (momentum 0.9) and with Adam.
func mlpTrainStepBenchmark() -> BenchReport {
    let x = Tensor(randomNormal: [128, 784], seed: 1)
    let labels = Tensor(randomIntegers: [128], high: 10, seed: 2)
    let results: [[String: Any]] = ["sgd-momentum", "adam"].map { name in
        GlobalRandom.seed(0)
        let model = ModelSpec.mlp([784, 512, 256, 10])
        let optimizer: Optimizer = name == "adam"
            ? Adam(model.parameters(), lr: 1e-3)
            : SGD(model.parameters(), lr: 0.01, momentum: 0.9)
        return ["case": name, "ms": trainStepMilliseconds(model, optimizer, x, labels)]
    }
    return BenchReport(bench: "mlp-train-step", results: results)
}

/// The Fashion-MNIST CNN (two 3×3 convolutions with max pooling, a 3136→128 layer, dropout),
/// batch 64, Adam.
func cnnTrainStepBenchmark() -> BenchReport {
    GlobalRandom.seed(0)
    let model = ModelSpec.cnn()
    let optimizer = Adam(model.parameters(), lr: 1e-3)
    let x = Tensor(randomNormal: [64, 1, 28, 28], seed: 1)
    let labels = Tensor(randomIntegers: [64], high: 10, seed: 2)
    return BenchReport(bench: "cnn-train-step", results: [
        ["case": "adam", "ms": trainStepMilliseconds(model, optimizer, x, labels)],
    ])
}
