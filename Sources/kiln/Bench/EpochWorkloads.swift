import Foundation
import Kiln
import KilnData

/// One training epoch of the Fashion-MNIST MLP (784-512-256-10, batch 128) from the gzip files on
/// disk, decode included, as `bench/reference/torch_bench.py` runs it with PyTorch.
func fashionMNISTMLPEpochBenchmark() -> BenchReport {
    epochBenchmark("fashion-mnist-mlp-epoch", batchSize: 128) {
        Sequential { Flatten(); ModelSpec.mlp([784, 512, 256, 10]) }
    }
}

/// One training epoch of the Fashion-MNIST CNN of `cnn-train-step` (batch 64, dropout active)
/// from the gzip files on disk, decode included.
func fashionMNISTCNNEpochBenchmark() -> BenchReport {
    epochBenchmark("fashion-mnist-cnn-epoch", batchSize: 64) {
        ModelSpec.cnn()
    }
}

/// Reads and decodes the training set, then trains `makeModel()` for one shuffled epoch with
/// Adam (lr 1e-3): zeroGrad, forward, cross-entropy, backward, step. Images reach the model as
/// `ToTensor` makes them (float32 [1, 28, 28] in [0, 1]), converted per sample by the loader, so
/// the data stays uint8 in memory. Reports the seconds of load + epoch and of the epoch alone,
/// and the process's peak resident memory (also at the start and after decoding, to show where
/// it goes) — meaningful only when this is the one workload the process runs
/// (`kiln bench fashion-mnist-mlp-epoch`).
private func epochBenchmark(_ bench: String, batchSize: Int, _ makeModel: () -> Sequential) -> BenchReport {
    let before = MemoryProbe.residentMiB()
    let start = DispatchTime.now().uptimeNanoseconds
    let train: FashionMNIST
    do { train = try FashionMNIST(root: fashionMNISTRoot, train: true) } catch {
        return BenchReport(bench: bench, extra: ["skipped": "\(error)"], results: [])
    }
    let peakAfterLoad = MemoryProbe.peakResidentMiB()
    let data = train.map { sample in (toTensor(sample.image), sample.label) }
    let loader = DataLoader(data, batchSize: batchSize, shuffle: true, seed: 0)
    GlobalRandom.seed(0)
    let model = makeModel()
    let optimizer = Adam(model.parameters(), lr: 1e-3)
    let epochStart = DispatchTime.now().uptimeNanoseconds
    var lossSum = 0.0, batches = 0
    for (x, y) in loader {
        optimizer.zeroGrad()
        let loss = crossEntropy(logits: model(x), labels: y)
        loss.backward()
        optimizer.step()
        lossSum += loss.item()
        batches += 1
    }
    let end = DispatchTime.now().uptimeNanoseconds
    let total = Double(end - start) / 1e9, epoch = Double(end - epochStart) / 1e9
    return BenchReport(bench: bench, extra: [
        "batch_size": batchSize, "batches": batches, "mean_loss": significant(lossSum / Double(batches)),
        "rss_at_start_mib": significant(before ?? 0), "peak_rss_after_load_mib": significant(peakAfterLoad ?? 0),
    ], results: [
        ["case": "load+epoch", "s": significant(total)],
        ["case": "epoch", "s": significant(epoch)],
        ["case": "peak-rss", "mib": significant(MemoryProbe.peakResidentMiB() ?? 0)],
    ])
}
