import ArgumentParser
import Foundation
import Kiln
import KilnData
import KilnIO

struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Classify inputs with a trained model.",
        discussion: """
        Inputs: a .npy array of one sample or a batch (float values as the model takes them; uint8 \
        images are scaled to [0, 1]), a .png or .jpg image (converted to grey for one-channel models), \
        or a .csv table (one sample per row; a penguins run applies its saved preprocessing to the raw \
        columns). Prints each sample's class and probability; --output saves the class probabilities \
        as .npy ([samples, classes] float32) or .json.

        Examples:
          kiln predict --checkpoint runs/cnn/checkpoints/epoch-0005 --input shoe.png
          kiln predict --weights model.safetensors --model mlp:784,512,256,10 --input batch.npy --output probs.npy
        """
    )

    @Option(help: ArgumentHelp("A checkpoint directory of a run (RUN/checkpoints/NAME), or a run directory (its latest checkpoint).", valueName: "dir"))
    var checkpoint: String?
    @Option(help: ArgumentHelp("A safetensors file of weights (with --model).", valueName: "file.safetensors"))
    var weights: String?
    @Option(help: ArgumentHelp("The model spec of --weights: mlp:IN,…,OUT or cnn.", valueName: "spec"))
    var model: String?
    @Option(help: ArgumentHelp("The input file: .npy, .png, .jpg or .csv.", valueName: "file"))
    var input: String
    @Option(help: ArgumentHelp("Write the probabilities to this .npy or .json file.", valueName: "file"))
    var output: String?

    func validate() throws {
        if (checkpoint == nil) == (weights == nil) { throw ValidationError("give one of --checkpoint DIR or --weights FILE.safetensors") }
        if weights != nil && model == nil { throw ValidationError("--weights needs --model SPEC (e.g. mlp:784,512,256,10 or cnn)") }
        if let output, !output.hasSuffix(".npy") && !output.hasSuffix(".json") {
            throw ValidationError("--output must end in .npy or .json, got \(output)")
        }
    }

    func run() throws {
        try withErrorReporting {
            let loaded: RunModel
            if let weights, let model {
                loaded = try RunModel.load(weights: weights, spec: model)
            } else if let checkpoint {
                let isRun = FileManager.default.fileExists(atPath: RunFiles.config(in: checkpoint))
                loaded = try RunModel.load(run: isRun ? checkpoint : nil, checkpoint: isRun ? nil : checkpoint).0
            } else {
                return
            }
            let inputs = try PredictionInput.load(input, for: loaded)
            let probabilities = loaded.logits(inputs).softmax(axis: 1)
            let classes = probabilities.shape[1]
            let values = probabilities.scalars(as: Float.self)
            let predictions = probabilities.argmax(axis: 1).scalars(as: Int64.self).enumerated().map { r, label in
                (label: Int(label), probability: values[r * classes + Int(label)])
            }
            for (i, p) in predictions.enumerated() {
                print("\(i)\t\(loaded.classNames[p.label])\t\(String(format: "%.4f", p.probability))")
            }
            guard let output else { return }
            if output.hasSuffix(".npy") {
                try NumPy.save(probabilities.cast(to: .float32), to: output)
            } else {
                let object: [String: Any] = [
                    "classes": loaded.classNames,
                    "predictions": predictions.enumerated().map { i, p in [
                        "index": i, "class": p.label, "label": loaded.classNames[p.label],
                        "probability": Double(p.probability),
                        "probabilities": values[i * classes ..< (i + 1) * classes].map(Double.init),
                    ] as [String: Any] },
                ]
                let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
                try AtomicFile.write(Array(data) + [0x0A], to: output)
            }
        }
    }
}

/// Reads `kiln predict`'s input file as a float32 batch shaped for the model.
enum PredictionInput {
    static func load(_ path: String, for model: RunModel) throws -> Tensor {
        let lower = path.lowercased()
        let batch: Tensor
        if lower.hasSuffix(".npy") {
            let array = try NumPy.load(path)
            let floats = array.dtype == .uint8 ? array.cast(to: .float32) / 255 : array.cast(to: .float32)
            batch = try shaped(floats, for: model, source: path)
        } else if lower.hasSuffix(".png") || lower.hasSuffix(".jpg") || lower.hasSuffix(".jpeg") {
            var image = try Image.load(path)
            if model.inputShape.count == 3, model.inputShape[0] == 1, image.channels > 1 {
                image = Grayscale()(image.channels == 4 || image.channels == 2 ? dropAlpha(image) : image)
            }
            batch = try shaped(ToTensor()(image), for: model, source: path)
        } else if lower.hasSuffix(".csv") {
            let table = try CSVReader.read(path)
            let features = try model.preprocessing.map { try PenguinsFeatures.features(ofRows: table, prep: $0) }
                ?? table.tensor()
            let values = features.cast(to: .float32).scalars(as: Float.self)
            let width = max(1, features.shape.dropFirst().reduce(1, *))
            let incomplete = (0..<(values.count / width)).filter { r in values[r * width ..< (r + 1) * width].contains { $0.isNaN } }
            if let first = incomplete.first {
                throw CommandError("\(path): \(incomplete.count) row\(incomplete.count == 1 ? " has" : "s have") missing values (first: data row \(first + 1)); drop or fill them before predicting")
            }
            batch = try shaped(features, for: model, source: path)
        } else {
            throw CommandError("--input \(path): unsupported file type; use .npy, .png, .jpg or .csv")
        }
        return batch
    }

    /// `tensor` as [N] + the model's input shape: one sample, or a batch of them.
    private static func shaped(_ tensor: Tensor, for model: RunModel, source: String) throws -> Tensor {
        let sample = model.inputShape.reduce(1, *)
        let count = tensor.shape.reduce(1, *)
        if Array(tensor.shape) == model.inputShape || (count == sample && tensor.rank <= model.inputShape.count) {
            return tensor.reshaped([1] + model.inputShape)
        }
        if tensor.rank >= 2, tensor.shape.dropFirst().reduce(1, *) == sample {
            return tensor.reshaped([tensor.shape[0]] + model.inputShape)
        }
        throw CommandError("\(source): shape \(tensor.shape) does not fit model \(model.spec), which takes \(model.inputShape) per sample")
    }

    /// The colour channels of an image with alpha (grey+alpha or RGBA).
    private static func dropAlpha(_ image: Image) -> Image {
        let channels = image.channels == 4 ? 3 : 1
        return Image(pixels: image.pixels.slice(axis: 2, start: 0, end: channels).contiguous())
    }
}
