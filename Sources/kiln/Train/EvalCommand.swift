import ArgumentParser
import Foundation
import Kiln
import KilnData

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a trained model on the test split: loss, accuracy, per-class figures, confusion matrix.",
        discussion: """
        The model, its data and preprocessing come from the run's config.yaml; the weights from the \
        run's latest checkpoint, or the checkpoint directory given.

        Examples:
          kiln eval --run runs/digits-mlp-20261129-120000
          kiln eval --checkpoint runs/cnn/checkpoints/epoch-0005 --data fashion-mnist=/data/fmnist
        """
    )

    @Option(name: .customLong("run"), help: ArgumentHelp("A run directory (its latest checkpoint is scored).", valueName: "dir"))
    var runDirectory: String?
    @Option(help: ArgumentHelp("A checkpoint directory (RUN/checkpoints/NAME).", valueName: "dir"))
    var checkpoint: String?
    @Option(help: ArgumentHelp("Score on this data instead of the run's (same kind: e.g. fashion-mnist=PATH).", valueName: "data"))
    var data: String?
    @Flag(help: "Print the figures as one JSON object.")
    var json = false

    func validate() throws {
        if (runDirectory == nil) == (checkpoint == nil) { throw ValidationError("give one of --run DIR or --checkpoint DIR") }
    }

    func run() throws {
        try withErrorReporting {
            let (loaded, checkpointPath) = try RunModel.load(run: runDirectory, checkpoint: checkpoint)
            guard var config = loaded.config else { throw CommandError("no run config") }
            if let data { config.data = data }
            let source = try DataSource(parsing: config.data ?? "digits")
            let test = try TrainingData.load(source, batchSize: 1000, workers: config.workers ?? 0, augment: false,
                                             seed: config.seed ?? 0, preprocessing: loaded.preprocessing).test
            var matrix = ConfusionMatrix(classes: loaded.classNames.count, classNames: loaded.classNames)
            var loss = MeanMetric()
            try test.forEachBatch(epoch: 0, from: 0) { batch in
                let (x, y) = batch
                let logits = loaded.logits(x)
                loss.update(crossEntropy(logits: logits, labels: y).item(), weight: Double(y.shape[0]))
                matrix.update(outputs: logits, targets: y)
                return true
            }
            let figures: [String: Double] = [
                "loss": loss.compute(), "accuracy": matrix.accuracy,
                "precision": matrix.macroPrecision, "recall": matrix.macroRecall, "f1": matrix.macroF1,
            ]
            if json {
                var object: [String: Any] = figures
                object["checkpoint"] = checkpointPath
                object["confusion_matrix"] = matrix.counts
                object["classes"] = loaded.classNames
                let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
                print(String(decoding: data, as: UTF8.self))
                return
            }
            print("checkpoint \(checkpointPath), \(source) test split, \(matrix.total) samples")
            print(String(format: "loss %.4f  accuracy %.4f  precision %.4f  recall %.4f  f1 %.4f (macro)",
                         figures["loss"]!, figures["accuracy"]!, figures["precision"]!, figures["recall"]!, figures["f1"]!))
            print()
            print(matrix.description)
        }
    }
}
