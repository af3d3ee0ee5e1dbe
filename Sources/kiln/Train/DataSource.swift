import Foundation
import Kiln
import KilnData

/// The data sets `kiln train` knows: `digits` and `penguins` (bundled), `fashion-mnist`
/// (installed files, or `fashion-mnist=PATH` to the four gzip IDX files).
enum DataSource: Equatable, CustomStringConvertible {
    case digits
    case penguins
    case fashionMNIST(root: String?)

    init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("digits", 1): self = .digits
        case ("penguins", 1): self = .penguins
        case ("fashion-mnist", 1): self = .fashionMNIST(root: nil)
        case ("fashion-mnist", _) where !parts[1].isEmpty: self = .fashionMNIST(root: parts[1])
        default:
            throw CommandError("unknown data '\(text)'; choose digits, penguins, fashion-mnist or fashion-mnist=PATH")
        }
    }

    var description: String {
        switch self {
        case .digits: "digits"
        case .penguins: "penguins"
        case .fashionMNIST(nil): "fashion-mnist"
        case .fashionMNIST(let root?): "fashion-mnist=\(root)"
        }
    }

    /// The short name used in run directory names.
    var name: String {
        switch self {
        case .digits: "digits"
        case .penguins: "penguins"
        case .fashionMNIST: "fashion-mnist"
        }
    }

    var isImageData: Bool { if case .fashionMNIST = self { true } else { false } }

    /// Hidden layer sizes of the default `mlp` for this data.
    var defaultHidden: [Int] {
        switch self {
        case .digits: [512, 256]
        case .penguins: [32]
        case .fashionMNIST: [512, 256]
        }
    }

    /// Default epochs, batch size and learning rate (Adam) for a model on this data.
    func recipe(for model: ModelSpec) -> (epochs: Int, batchSize: Int, lr: Double) {
        switch (self, model) {
        case (.digits, _): (30, 32, 1e-3)
        case (.penguins, _): (50, 16, 1e-3)
        case (.fashionMNIST, .cnn): (5, 64, 1e-3)
        case (.fashionMNIST, .mlp): (10, 128, 1e-3)
        }
    }
}

/// Training and test batches of (inputs, int64 labels), with what the model needs to know.
struct TrainingData {
    typealias Loader = DataLoader<(Tensor, Tensor), Never>
    let train: Loader
    let test: Loader
    /// One sample's input shape (no batch dimension).
    let inputShape: [Int]
    let classNames: [String]
    /// The fitted preprocessing of tabular data, saved with the run so new rows are prepared alike.
    let preprocessing: TablePipeline?

    /// The fraction of the bundled tabular/digits data held out for testing.
    static let testFraction = 0.2

    /// Loads `source` and makes its loaders. The test split of the bundled sets is drawn from
    /// `seed`; pixels are scaled to [0, 1] (Fashion-MNIST by `ToTensor`, digits by 1/16). Tabular
    /// data is prepared by `preprocessing` when given (a run's saved one), else by a new pipeline
    /// fitted on the training split.
    static func load(_ source: DataSource, batchSize: Int, workers: Int, augment: Bool, seed: UInt64,
                     preprocessing: TablePipeline? = nil) throws -> TrainingData {
        if augment && !source.isImageData {
            throw CommandError("--augment applies to image data (fashion-mnist), not \(source.name)")
        }
        switch source {
        case .digits:
            let table = try Digits.load()
            let (train, test) = try trainTestSplit(table, testFraction: testFraction, seed: seed, stratify: "target")
            func samples(_ t: Table) -> (Tensor, Tensor) {
                (t.tensor(columns: Digits.pixelNames) / 16, t.tensor(column: "target", dtype: .int64))
            }
            return make(train: samples(train), test: samples(test), inputShape: [64],
                        classNames: (0...9).map(String.init), preprocessing: nil,
                        batchSize: batchSize, workers: workers, seed: seed)
        case .penguins:
            let table = try Penguins.load().drop(columns: ["year"]).dropNA()
            let (train, test) = try trainTestSplit(table, testFraction: testFraction, seed: seed, stratify: "species")
            var prep = preprocessing ?? PenguinsFeatures.pipeline()
            if preprocessing == nil { try prep.fit(train) }
            let classNames = try PenguinsFeatures.classNames(prep)
            return make(train: try PenguinsFeatures.tensors(prep.transform(train)),
                        test: try PenguinsFeatures.tensors(prep.transform(test)),
                        inputShape: [PenguinsFeatures.featureCount(prep)], classNames: classNames, preprocessing: prep,
                        batchSize: batchSize, workers: workers, seed: seed)
        case .fashionMNIST(let root):
            let root = root ?? FashionMNIST.defaultRoot
            let train = try FashionMNIST(root: root, train: true)
            let test = try FashionMNIST(root: root, train: false)
            let toTensor = ToTensor()
            let crop = RandomCrop(28, padding: 2), flip = RandomHorizontalFlip()
            let trainSamples = augment
                ? train.map { s, g in (toTensor(flip(crop(s.image, using: &g), using: &g)), s.label) }
                : train.map { s in (toTensor(s.image), s.label) }
            let testSamples = test.map { s in (toTensor(s.image), s.label) }
            return TrainingData(
                train: DataLoader(trainSamples, batchSize: batchSize, shuffle: true, workers: workers, seed: seed),
                test: DataLoader(testSamples, batchSize: 1000, workers: workers, seed: seed),
                inputShape: [1, 28, 28], classNames: FashionMNIST.classes, preprocessing: nil)
        }
    }

    /// Loaders over in-memory (features, labels) tensors.
    private static func make(train: (Tensor, Tensor), test: (Tensor, Tensor), inputShape: [Int], classNames: [String],
                             preprocessing: TablePipeline?, batchSize: Int, workers: Int, seed: UInt64) -> TrainingData {
        func dataset(_ xy: (Tensor, Tensor)) -> AnyDataset<(Tensor, Int), Never> {
            let labels = xy.1.scalars(as: Int64.self).map(Int.init)
            let x = xy.0
            return AnyDataset(count: labels.count) { i, _ in (x.select(axis: 0, index: i), labels[i]) }
        }
        return TrainingData(
            train: DataLoader(dataset(train), batchSize: batchSize, shuffle: true, workers: workers, seed: seed),
            test: DataLoader(dataset(test), batchSize: 1000, workers: workers, seed: seed),
            inputShape: inputShape, classNames: classNames, preprocessing: preprocessing)
    }
}
