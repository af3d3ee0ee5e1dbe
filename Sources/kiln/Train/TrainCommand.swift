import ArgumentParser
import Foundation
import Kiln
import KilnData
import KilnIO

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train a model and save the run: checkpoints, TensorBoard logs, metrics.",
        discussion: """
        With no options it trains an MLP on the bundled digits data (a few seconds). Options override \
        the --config file; what is not given takes the data set's defaults. The run directory receives \
        config.yaml (every option resolved), checkpoints/ (one per epoch, the last --keep-checkpoints \
        and the best by validation loss), TensorBoard event files, metrics.csv (one row per epoch) and, \
        at the end, metrics.json with the test figures.

        Ctrl-C finishes the current step, writes a checkpoint and exits with status 130; \
        `kiln train --run-dir DIR --resume` continues from the latest checkpoint and ends with the \
        same weights an uninterrupted run would have (same seed and KILN_NUM_THREADS).

        Examples:
          kiln train
          kiln train --data penguins
          kiln train --data fashion-mnist --model mlp:784,512,256,10
          kiln train --data fashion-mnist --model cnn --run-dir runs/cnn
          kiln train --run-dir runs/cnn --resume --epochs 8
        """
    )

    @Option(help: ArgumentHelp("A YAML file of options (keys as in config.yaml: data, model, epochs, batch_size, …).", valueName: "file.yaml"))
    var config: String?
    @Option(help: ArgumentHelp("digits, penguins, fashion-mnist or fashion-mnist=PATH (default: digits).", valueName: "data"))
    var data: String?
    @Option(help: ArgumentHelp("mlp, mlp:IN,HIDDEN,…,OUT (e.g. mlp:784,512,256,10) or cnn (default: mlp).", valueName: "spec"))
    var model: String?
    @Option(help: ArgumentHelp("Epochs to train (default: the data set's recipe).", valueName: "n"))
    var epochs: Int?
    @Option(help: ArgumentHelp("Samples per batch (default: the data set's recipe).", valueName: "n"))
    var batchSize: Int?
    @Option(help: ArgumentHelp("sgd, adam, adamw or rmsprop (default: adam).", valueName: "name"))
    var optimizer: String?
    @Option(help: ArgumentHelp("Learning rate (default: 1e-3, SGD 1e-2).", valueName: "rate"))
    var lr: Double?
    @Option(help: ArgumentHelp("Momentum of SGD (default 0.9) and RMSprop (default 0).", valueName: "m"))
    var momentum: Double?
    @Option(help: ArgumentHelp("none, step (×0.1 every third of the epochs), cosine or onecycle (default: none).", valueName: "name"))
    var scheduler: String?
    @Option(help: ArgumentHelp("Weight decay (default: 0; AdamW 0.01).", valueName: "decay"))
    var weightDecay: Double?
    @Option(help: ArgumentHelp("Clip the gradients' total norm to this before each step.", valueName: "norm"))
    var clipNorm: Double?
    @Option(name: .customLong("early-stopping"), help: ArgumentHelp("Stop after this many epochs without a lower validation loss.", valueName: "patience"))
    var patience: Int?
    @Flag(help: "Random crops and horizontal flips of training images.")
    var augment = false
    @Option(help: ArgumentHelp("Data-loading threads (default: 2 for images, 0 for tables).", valueName: "n"))
    var workers: Int?
    @Option(help: ArgumentHelp("Seed of the weights, data split, order and augmentation (default: 0).", valueName: "n"))
    var seed: UInt64?
    @Option(help: ArgumentHelp("Also write a checkpoint every N steps.", valueName: "n"))
    var checkpointEvery: Int?
    @Option(help: ArgumentHelp("Checkpoints to keep besides the best (default: 3; 0 keeps all).", valueName: "k"))
    var keepCheckpoints: Int?
    @Option(help: ArgumentHelp("The run directory (default: runs/<data>-<model>-<time>).", valueName: "dir"))
    var runDir: String?
    @Flag(help: "Continue the run in --run-dir from its latest checkpoint (its config.yaml; --epochs may extend it).")
    var resume = false

    /// The options given on the command line, as a config.
    var commandLineConfig: RunConfig {
        RunConfig(data: data, model: model, epochs: epochs, batchSize: batchSize, optimizer: optimizer, lr: lr,
                  momentum: momentum, weightDecay: weightDecay, scheduler: scheduler, clipNorm: clipNorm,
                  earlyStopping: patience, augment: augment ? true : nil, workers: workers, seed: seed,
                  checkpointEvery: checkpointEvery, keepCheckpoints: keepCheckpoints)
    }

    func run() throws {
        try withErrorReporting {
            let run = try TrainingRun.prepare(command: self)
            let outcome = try run.train()
            if outcome == .interrupted { throw ExitCode(130) }
        }
    }
}
