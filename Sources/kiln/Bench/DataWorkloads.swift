import Foundation
import Kiln
import KilnData

/// Decoding Fashion-MNIST's four gzip IDX files into tensors (train and test), against NumPy's
/// gzip.open + frombuffer.
func fashionMNISTLoadBenchmark() -> BenchReport {
    let seconds = secondsPerCall(minSampleSeconds: 0.5, samples: 5) {
        do {
            blackHole(try FashionMNIST(root: fashionMNISTRoot, train: true))
            blackHole(try FashionMNIST(root: fashionMNISTRoot, train: false))
        } catch {
            fatalError("fashion-mnist-load: \(error)")
        }
    }
    return BenchReport(bench: "fashion-mnist-load", results: [["case": "train+test", "ms": significant(seconds * 1e3)]])
}

/// Where the benchmarks read Fashion-MNIST: `KILN_FASHION_MNIST`, else the Debian package's folder.
let fashionMNISTRoot = ProcessInfo.processInfo.environment["KILN_FASHION_MNIST"] ?? FashionMNIST.defaultRoot
