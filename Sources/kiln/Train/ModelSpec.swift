import Foundation
import Kiln

/// A built-in model named on the command line: `mlp` (layer sizes from the data), `mlp:784,512,256,10`
/// (exactly `Sequential(Linear, ReLU, …, Linear)`, keys `0.weight`, `0.bias`, `2.weight`, … as
/// PyTorch's `nn.Sequential` names them), or `cnn` (the Fashion-MNIST network of `kiln bench
/// cnn-train-step`: keys `0.*`, `3.*`, `7.*`, `10.*`).
enum ModelSpec: Equatable, CustomStringConvertible {
    case mlp(sizes: [Int]?)
    case cnn

    init(parsing text: String) throws {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        switch parts.first {
        case "mlp" where parts.count == 1:
            self = .mlp(sizes: nil)
        case "mlp":
            let fields = parts[1].split(separator: ",", omittingEmptySubsequences: false)
            let sizes = fields.compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard sizes.count == fields.count, sizes.count >= 2, sizes.allSatisfy({ $0 >= 1 }) else {
                throw CommandError("model spec '\(text)': mlp needs at least two positive layer sizes, e.g. mlp:784,512,256,10")
            }
            self = .mlp(sizes: sizes)
        case "cnn" where parts.count == 1:
            self = .cnn
        default:
            throw CommandError("unknown model spec '\(text)'; use mlp, mlp:IN,HIDDEN,…,OUT (e.g. mlp:784,512,256,10) or cnn")
        }
    }

    var description: String {
        switch self {
        case .mlp(let sizes?): "mlp:" + sizes.map(String.init).joined(separator: ",")
        case .mlp(nil): "mlp"
        case .cnn: "cnn"
        }
    }

    /// Whether inputs are flattened to [batch, features] before the model (an MLP on images).
    var flattensInput: Bool { if case .mlp = self { true } else { false } }

    /// The layer sizes an `mlp` has on data with `features` inputs and `classes` outputs.
    func sizes(features: Int, classes: Int, hidden: [Int]) -> [Int] {
        if case .mlp(let sizes?) = self { return sizes }
        return [features] + hidden + [classes]
    }

    /// Builds the model for samples of `inputShape` (without the batch dimension) and `classes`
    /// outputs; a spec that does not fit the data is a `CommandError` naming both.
    func build(inputShape: [Int], classes: Int, hidden: [Int]) throws -> Module {
        let features = inputShape.reduce(1, *)
        switch self {
        case .mlp:
            let sizes = self.sizes(features: features, classes: classes, hidden: hidden)
            guard sizes.first == features else {
                throw CommandError("model \(self) takes \(sizes[0]) inputs, but the samples have \(features) features (shape \(inputShape))")
            }
            guard sizes.last == classes else {
                throw CommandError("model \(self) has \(sizes.last ?? 0) outputs, but the data has \(classes) classes")
            }
            return Self.mlp(sizes)
        case .cnn:
            guard inputShape == [1, 28, 28] else {
                throw CommandError("model cnn takes 1×28×28 images, but the samples have shape \(inputShape)")
            }
            guard classes == 10 else { throw CommandError("model cnn has 10 outputs, but the data has \(classes) classes") }
            return Self.cnn()
        }
    }

    /// `Sequential(Linear, ReLU, …, Linear)` over the layer sizes: what `mlp:…` trains and the
    /// MLP workloads of `kiln bench` time.
    static func mlp(_ sizes: [Int]) -> Sequential {
        Sequential {
            for (k, (inputs, outputs)) in zip(sizes, sizes.dropFirst()).enumerated() {
                Linear(inputs, outputs)
                if k < sizes.count - 2 { ReLU() }
            }
        }
    }

    /// The Fashion-MNIST CNN: two 3×3 convolutions with max pooling, a 3136→128 layer with
    /// dropout, 10 outputs — what `cnn` trains and the CNN workloads of `kiln bench` time.
    static func cnn() -> Sequential {
        Sequential {
            Conv2d(1, 32, kernelSize: 3, padding: 1); ReLU(); MaxPool2d(kernelSize: 2)
            Conv2d(32, 64, kernelSize: 3, padding: 1); ReLU(); MaxPool2d(kernelSize: 2)
            Flatten()
            Linear(3136, 128); ReLU(); Dropout(0.25)
            Linear(128, 10)
        }
    }
}
