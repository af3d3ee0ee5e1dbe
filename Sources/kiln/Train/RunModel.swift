import Foundation
import Kiln
import KilnData
import KilnIO

/// A trained model as `kiln eval` and `kiln predict` load it: the spec, input shape and class
/// names from the run's config.yaml (or a `--model` spec), the weights from a checkpoint or a
/// safetensors file.
struct RunModel {
    let model: Module
    let spec: ModelSpec
    let inputShape: [Int]
    let classNames: [String]
    /// The run's config, when the model comes from a run.
    let config: RunConfig?
    /// The fitted preprocessing of tabular runs.
    let preprocessing: TablePipeline?

    /// The run directory of a checkpoint directory (`RUN/checkpoints/NAME`).
    static func runDirectory(ofCheckpoint checkpoint: String) -> String {
        URL(fileURLWithPath: checkpoint).deletingLastPathComponent().deletingLastPathComponent().path
    }

    /// The model of run `run` with the weights of `checkpoint` (default: the run's latest).
    static func load(run: String?, checkpoint: String?) throws -> (RunModel, checkpointPath: String) {
        let runDir = run ?? checkpoint.map(runDirectory(ofCheckpoint:)) ?? "."
        guard FileManager.default.fileExists(atPath: RunFiles.config(in: runDir)) else {
            throw CommandError("\(runDir) is not a run directory (no config.yaml)" + (checkpoint != nil ? "; pass --weights and --model for a bare checkpoint" : ""))
        }
        let config = try RunConfig.load(from: RunFiles.config(in: runDir)).resolved()
        let checkpointPath: String
        if let checkpoint {
            checkpointPath = checkpoint
        } else {
            let manager = CheckpointManager(directory: RunFiles.checkpoints(in: runDir))
            guard let name = try manager.latestName() else { throw CommandError("run \(runDir) has no checkpoint yet") }
            checkpointPath = manager.path(of: name)
        }
        let source = try DataSource(parsing: config.data ?? "digits")
        let spec = try ModelSpec(parsing: config.model ?? "mlp")
        var preprocessing: TablePipeline?
        let inputShape: [Int], classNames: [String]
        switch source {
        case .digits: (inputShape, classNames) = ([64], (0...9).map(String.init))
        case .fashionMNIST: (inputShape, classNames) = ([1, 28, 28], FashionMNIST.classes)
        case .penguins:
            let prep = try TablePipeline.load(from: RunFiles.preprocessing(in: runDir))
            preprocessing = prep
            (inputShape, classNames) = ([PenguinsFeatures.featureCount(prep)], try PenguinsFeatures.classNames(prep))
        }
        let model = try spec.build(inputShape: inputShape, classes: classNames.count, hidden: source.defaultHidden)
        // Only the weights: the optimizer's state (twice the model for Adam) is not needed here.
        let weights = checkpointPath + "/model.safetensors"
        try load(weights: try SafeTensors.load(weights), into: model, from: weights, spec: spec)
        return (RunModel(model: model, spec: spec, inputShape: inputShape, classNames: classNames, config: config,
                         preprocessing: preprocessing), checkpointPath)
    }

    /// A model from a `--model` spec and a safetensors file of its weights.
    static func load(weights path: String, spec text: String) throws -> RunModel {
        let spec = try ModelSpec(parsing: text)
        let inputShape: [Int], classes: Int
        switch spec {
        case .mlp(let sizes?): (inputShape, classes) = ([sizes[0]], sizes[sizes.count - 1])
        case .mlp(nil): throw CommandError("--model mlp needs its layer sizes with --weights, e.g. mlp:784,512,256,10")
        case .cnn: (inputShape, classes) = ([1, 28, 28], 10)
        }
        let model = try spec.build(inputShape: inputShape, classes: classes, hidden: [])
        try load(weights: try SafeTensors.load(path), into: model, from: path, spec: spec)
        let names = classes == 10 && spec == .cnn ? FashionMNIST.classes : (0..<classes).map(String.init)
        return RunModel(model: model, spec: spec, inputShape: inputShape, classNames: names, config: nil, preprocessing: nil)
    }

    private static func load(weights: StateDict, into model: Module, from path: String, spec: ModelSpec) throws {
        do {
            try model.loadStateDict(weights)
        } catch let error as StateDictError {
            throw CommandError("the weights in \(path) do not fit model \(spec): \(error)")
        }
        model.eval()
    }

    /// Class scores (logits) of a batch of inputs shaped [N] + inputShape (or flattened).
    func logits(_ inputs: Tensor) -> Tensor {
        noGrad {
            let x = spec.flattensInput ? inputs.reshaped([inputs.shape[0], -1]) : inputs.reshaped([inputs.shape[0]] + inputShape)
            return model(x)
        }
    }
}
