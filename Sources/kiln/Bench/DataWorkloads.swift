import Foundation
import Kiln
import KilnData

/// Decoding Fashion-MNIST's four gzip IDX files into tensors (train and test), against NumPy's
/// gzip.open + frombuffer.
func fashionMNISTLoadBenchmark() -> BenchReport {
    var failure: Error?
    do { _ = try FashionMNIST(root: fashionMNISTRoot, train: false) } catch { return skipped("fashion-mnist-load", error) }
    let seconds = secondsPerCall(minSampleSeconds: 0.5, samples: 5) {
        do {
            blackHole(try FashionMNIST(root: fashionMNISTRoot, train: true))
            blackHole(try FashionMNIST(root: fashionMNISTRoot, train: false))
        } catch {
            failure = error
        }
    }
    if let failure { return skipped("fashion-mnist-load", failure) }
    return BenchReport(bench: "fashion-mnist-load", results: [["case": "train+test", "ms": significant(seconds * 1e3)]])
}

/// Where the benchmarks read Fashion-MNIST: `KILN_FASHION_MNIST`, else the Debian package's folder.
let fashionMNISTRoot = ProcessInfo.processInfo.environment["KILN_FASHION_MNIST"] ?? FashionMNIST.defaultRoot

/// A report saying why `bench` could not run (Fashion-MNIST missing, say) instead of its figures.
private func skipped(_ bench: String, _ error: Error) -> BenchReport {
    BenchReport(bench: bench, extra: ["skipped": "\(error)"], results: [])
}

/// Images per second over one epoch of Fashion-MNIST's training images (uint8, in memory) through
/// RandomCrop(28, padding 4) + RandomHorizontalFlip + ToTensor + Normalize, batch 128, shuffled,
/// with 0 and 2 loader workers — as torch's DataLoader with torchvision's transforms.
func augmentThroughputBenchmark() -> BenchReport {
    let train: FashionMNIST
    do { train = try FashionMNIST(root: fashionMNISTRoot, train: true) } catch { return skipped("augment-throughput", error) }
    let data = augmented(train)
    let results: [[String: Any]] = [0, 2].map { workers in
        let loader = DataLoader(data, batchSize: 128, shuffle: true, workers: workers, seed: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        var images = 0
        for (x, _) in loader { images += x.shape[0] }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return ["case": "workers=\(workers)", "images_per_s": significant(Double(images) / seconds), "s": significant(seconds)]
    }
    return BenchReport(bench: "augment-throughput", results: results)
}

/// Whether the loader keeps a training loop fed: one epoch of the MLP train step (784-512-256-10,
/// Adam) on Fashion-MNIST batches augmented by `workers` loader threads, reporting how much of the
/// epoch the loop spent waiting for batches.
func loaderStallBenchmark() -> BenchReport {
    let train: FashionMNIST
    do { train = try FashionMNIST(root: fashionMNISTRoot, train: true) } catch { return skipped("loader-stall", error) }
    let data = augmented(train)
    let results: [[String: Any]] = [0, 2].map { workers in
        GlobalRandom.seed(0)
        let model = Sequential { Flatten(); ModelSpec.mlp([784, 512, 256, 10]) }
        let optimizer = Adam(model.parameters(), lr: 1e-3)
        let loader = DataLoader(data, batchSize: 128, shuffle: true, workers: workers, seed: 0)
        let start = DispatchTime.now().uptimeNanoseconds
        var batches = loader.makeIterator()
        while let (x, y) = batches.next() {
            optimizer.zeroGrad()
            crossEntropy(logits: model(x), labels: y).backward()
            optimizer.step()
        }
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let waiting = batches.waitingTime
        let waitingSeconds = Double(waiting.components.seconds) + Double(waiting.components.attoseconds) * 1e-18
        return ["case": "workers=\(workers)", "epoch_s": significant(seconds),
                "waiting_s": significant(waitingSeconds), "waiting_fraction": significant(waitingSeconds / seconds)]
    }
    return BenchReport(bench: "loader-stall", results: results)
}

/// The training images with the benchmarks' augmentation: RandomCrop(28, padding 4),
/// RandomHorizontalFlip, ToTensor, Normalize(0.2860, 0.3530); samples are (image, label).
private func augmented(_ train: FashionMNIST) -> AnyDataset<(Tensor, Int), Never> {
    let augment = Compose {
        RandomCrop(28, padding: 4)
        RandomHorizontalFlip()
        ToTensor()
        Normalize(mean: [0.2860], std: [0.3530])
    }
    return train.map { sample, generator in (augment(sample.image, using: &generator), sample.label) }
}
