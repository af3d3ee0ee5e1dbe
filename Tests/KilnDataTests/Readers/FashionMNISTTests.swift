import Foundation
import Kiln
import KilnIO
import Testing
@testable import KilnData

/// The two splits, loaded once for all tests (CI installs `dataset-fashion-mnist`).
private enum LoadedFashionMNIST {
    static let train = Result { try FashionMNIST(train: true) }
    static let test = Result { try FashionMNIST(train: false) }
}

/// The sum of a uint8 tensor's elements (a plain loop: quicker than a whole-tensor cast in debug builds).
private func byteSum(_ t: Tensor) -> Int {
    t.withUnsafeBytes { raw in
        var total = 0
        for byte in raw { total += Int(byte) }
        return total
    }
}

// Expected values: NumPy on the same gzip files (make_tabular_literals.py).
@Suite struct FashionMNISTTests {
    /// The test split through a loader with the benchmark's augmentation: batch shapes and labels
    /// in order; ToTensor + Normalize give (x / 255 − mean) / std.
    @Test func loaderWithAugmentation() throws {
        let test = try LoadedFashionMNIST.test.get()
        let augment = Compose {
            RandomCrop(28, padding: 4)
            RandomHorizontalFlip(p: 0)
            ToTensor()
            Normalize(mean: [0.2860], std: [0.3530])
        }
        let data = test.map { sample, generator in (augment(sample.image, using: &generator), sample.label) }
        let loader = DataLoader(data, batchSize: 128, workers: 2, seed: 1)
        #expect(loader.count == 79)
        var seen = 0
        for (x, y) in loader {
            #expect(x.shape == [Swift.min(128, 10_000 - seen), 1, 28, 28] && x.dtype == .float32)
            #expect(y.scalars(as: Int64.self) == test.labels[seen..<(seen + y.shape[0])].scalars(as: Int64.self))
            seen += y.shape[0]
        }
        #expect(seen == 10_000)
        let plain = Compose { ToTensor(); Normalize(mean: [0.2860], std: [0.3530]) }
        let x0 = plain(test[0].image)
        let expected = (test.images[0].cast(to: .float32) / 255 - 0.2860) / 0.3530
        #expect(x0.shape == [1, 28, 28])
        #expect(zip(x0.scalars(as: Float.self), expected.scalars(as: Float.self)).allSatisfy { Swift.abs($0 - $1) < 1e-5 })
    }

    @Test func trainingSplit() throws {
        let train = try LoadedFashionMNIST.train.get()
        #expect(train.count == 60_000 && train.train)
        #expect(train.images.shape == [60_000, 28, 28] && train.images.dtype == .uint8)
        #expect(train.labels.shape == [60_000] && train.labels.dtype == .int64)
        #expect(train.labels[0..<10].scalars(as: Int64.self) == [9, 0, 0, 3, 0, 2, 7, 2, 5, 5])
        let sums = train.images[0..<10].cast(to: .int64).sum(axes: [1, 2]).scalars(as: Int64.self)
        #expect(sums == [76247, 84598, 28662, 46649, 61187, 84165, 32526, 115182, 19892, 40696])
        #expect(byteSum(train.images) == 3_431_114_169)
        #expect(train.labels.oneHot(numClasses: 10).sum(axes: [0]).scalars(as: Int64.self) == Array(repeating: 6000, count: 10))
        let (image, label) = train[59_999]
        #expect(label == 5 && image.height == 28 && image.width == 28 && image.channels == 1)
        #expect(image.pixels.cast(to: .int64).sum().scalar(as: Int64.self) == 16684)
        #expect(train[0].image.pixels[14].reshaped([28]).scalars(as: UInt8.self)
                == [0, 0, 1, 4, 6, 7, 2, 0, 0, 0, 0, 0, 237, 226, 217, 223, 222, 219, 222, 221, 216, 223, 229, 215, 218, 255, 77, 0])
    }

    @Test func testSplit() throws {
        let test = try LoadedFashionMNIST.test.get()
        #expect(test.count == 10_000 && !test.train)
        #expect(test.images.shape == [10_000, 28, 28])
        #expect(test.labels[0..<10].scalars(as: Int64.self) == [9, 2, 1, 1, 6, 1, 4, 6, 5, 7])
        let sums = test.images[0..<10].cast(to: .int64).sum(axes: [1, 2]).scalars(as: Int64.self)
        #expect(sums == [33456, 100994, 51520, 35377, 62655, 50259, 28111, 47766, 10246, 25492])
        #expect(byteSum(test.images) == 573_469_082)
        #expect(test[9_999].label == 5 && test[9_999].image.pixels.cast(to: .int64).sum().scalar(as: Int64.self) == 24390)
        #expect(FashionMNIST.classes[test[0].label] == "Ankle boot")
    }

    /// A root folder with copies or damaged versions of the small test-label file and a made-up
    /// image file.
    @Test func missingTruncatedAndMismatchedFiles() throws {
        let labels = try TabularFixtures.bytes(FashionMNIST.defaultRoot + "/t10k-labels-idx1-ubyte.gz")
        let images = Compression.deflate([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 7, count: 2 * 784), format: .gzip)
        try TabularFixtures.withTemporaryDirectory { dir in
            expectError(FashionMNISTError.self, containing: [dir + "/t10k-images-idx3-ubyte.gz", "apt-get install dataset-fashion-mnist"]) {
                _ = try FashionMNIST(root: dir, train: false)
            }
            try TabularFixtures.write(images, to: dir + "/t10k-images-idx3-ubyte.gz")
            expectError(FashionMNISTError.self, containing: ["t10k-labels-idx1-ubyte.gz", "not found"]) { _ = try FashionMNIST(root: dir, train: false) }
            try TabularFixtures.write(Array(labels.prefix(3000)), to: dir + "/t10k-labels-idx1-ubyte.gz")
            expectError(CompressionError.self, containing: ["t10k-labels-idx1-ubyte.gz", "ends early"]) { _ = try FashionMNIST(root: dir, train: false) }
            try TabularFixtures.write(labels, to: dir + "/t10k-labels-idx1-ubyte.gz")
            expectError(FashionMNISTError.self, containing: ["2 images", "10000 labels"]) { _ = try FashionMNIST(root: dir, train: false) }
            // Uncompressed files are found too; a truncated IDX file names what is missing.
            try FileManager.default.removeItem(atPath: dir + "/t10k-images-idx3-ubyte.gz")
            let plain = [0, 0, 8, 3, 0, 0, 39, 16, 0, 0, 0, 28, 0, 0, 0, 28] + [UInt8](repeating: 0, count: 1000)
            try TabularFixtures.write(plain, to: dir + "/t10k-images-idx3-ubyte")
            expectError(IDXError.self, containing: ["t10k-images-idx3-ubyte, byte 1016", "[10000, 28, 28]", "needs 7840000 bytes", "truncated"]) {
                _ = try FashionMNIST(root: dir, train: false)
            }
        }
    }
}
