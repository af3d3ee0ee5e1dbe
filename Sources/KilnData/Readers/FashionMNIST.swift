import KilnIO
import Kiln

/// Fashion-MNIST (Xiao, Rasul & Vollgraf, 2017): 28×28 grey images of clothing in 10 classes,
/// 60,000 for training and 10,000 for testing, read from its four IDX files (gzip or plain) —
/// by default those of the Debian package `dataset-fashion-mnist`.
///
/// ```swift
/// let train = try FashionMNIST(train: true)
/// print(train.images.shape, train.labels.shape)    // [60000, 28, 28] uint8, [60000] int64
/// let (image, label) = train[0]                     // Image 28×28×1 uint8, 9 (Ankle boot)
/// ```
public struct FashionMNIST: Sendable {
    /// Where the Debian package `dataset-fashion-mnist` installs the files.
    public static let defaultRoot = "/usr/share/datasets/fashion-mnist"

    /// The class names, by label.
    public static let classes = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                 "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]

    /// All images, uint8 [count, 28, 28].
    public let images: Tensor
    /// All labels 0…9, int64 [count].
    public let labels: Tensor
    public let train: Bool
    private let labelValues: [Int]

    /// Reads the training (`train-*`) or test (`t10k-*`) images and labels from `root`, which
    /// holds `…-images-idx3-ubyte.gz` and `…-labels-idx1-ubyte.gz` (or the files uncompressed).
    public init(root: String = FashionMNIST.defaultRoot, train: Bool = true) throws {
        let prefix = train ? "train" : "t10k"
        let imagePath = try FashionMNIST.find("\(prefix)-images-idx3-ubyte", in: root)
        let labelPath = try FashionMNIST.find("\(prefix)-labels-idx1-ubyte", in: root)
        let images = try IDX.load(imagePath)
        let labels = try IDX.load(labelPath)
        guard images.dtype == .uint8 && images.rank == 3 && images.shape[1] == 28 && images.shape[2] == 28 else {
            throw FashionMNISTError(path: imagePath, kind: .wrongShape(expected: "uint8 [count, 28, 28]", found: "\(images.dtype) \(images.shape)"))
        }
        guard labels.dtype == .uint8 && labels.rank == 1 else {
            throw FashionMNISTError(path: labelPath, kind: .wrongShape(expected: "uint8 [count]", found: "\(labels.dtype) \(labels.shape)"))
        }
        guard images.shape[0] == labels.shape[0] else {
            throw FashionMNISTError(path: root, kind: .countMismatch(images: images.shape[0], labels: labels.shape[0]))
        }
        let values = labels.scalars(as: UInt8.self)
        if let index = values.firstIndex(where: { $0 > 9 }) {
            throw FashionMNISTError(path: labelPath, kind: .labelOutOfRange(index: index, label: Int(values[index])))
        }
        self.images = images
        self.labelValues = values.map(Int.init)
        self.labels = labels.cast(to: .int64)
        self.train = train
    }

    public var count: Int { labelValues.count }

    /// Image `index` (a 28×28×1 view of `images`, no copy) and its label.
    public subscript(index: Int) -> (image: Image, label: Int) {
        require(index >= 0 && index < count, "FashionMNIST: index \(index) is out of range for \(count) images")
        return (Image(pixels: images.select(axis: 0, index: index).reshaped([28, 28, 1])), labelValues[index])
    }

    /// `name.gz` or `name` in `root`.
    private static func find(_ name: String, in root: String) throws -> String {
        let base = root.hasSuffix("/") ? root + name : root + "/" + name
        for path in [base + ".gz", base] where InputFile.isRegularFile(path) { return path }
        throw FashionMNISTError(path: base + ".gz", kind: .missingFile)
    }
}

/// Why Fashion-MNIST could not be loaded. Errors inside the files themselves are `IDXError`s and
/// `CompressionError`s (truncated or corrupt data, with the file and byte offset).
public struct FashionMNISTError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: Equatable, Sendable {
        case missingFile
        case wrongShape(expected: String, found: String)
        case countMismatch(images: Int, labels: Int)
        case labelOutOfRange(index: Int, label: Int)
    }

    public let path: String
    public let kind: Kind

    public var description: String {
        switch kind {
        case .missingFile:
            "Fashion-MNIST file not found: \(path). Install the data with `apt-get install dataset-fashion-mnist` (files in \(FashionMNIST.defaultRoot)), or pass FashionMNIST(root:) the folder holding the four IDX files"
        case .wrongShape(let expected, let found):
            "\(path): Fashion-MNIST needs \(expected), the file holds \(found)"
        case .countMismatch(let images, let labels):
            "\(path): the image file holds \(images) images but the label file \(labels) labels"
        case .labelOutOfRange(let index, let label):
            "\(path): label \(index) is \(label), outside the classes 0…9"
        }
    }
}

extension FashionMNIST: Dataset {
    public func element(at index: Int) -> (image: Image, label: Int) { self[index] }
}
