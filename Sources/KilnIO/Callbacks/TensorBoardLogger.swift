import Kiln

/// Logs training to TensorBoard through a `SummaryWriter`: every step's loss and learning rate
/// (`train/loss`, `train/lr`, `train/grad_norm` when clipping) against the global step, every
/// epoch's figures (`epoch/train_loss`, `epoch/val_accuracy`, …, `epoch/lr`) against the epoch,
/// and, with `histograms`, each parameter's values (`weights/<name>`) once per epoch.
public final class TensorBoardLogger: TrainingCallback {
    public let writer: SummaryWriter
    public let histograms: Bool

    public init(writer: SummaryWriter, histograms: Bool = true) {
        self.writer = writer
        self.histograms = histograms
    }

    public func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) throws {
        try writer.addScalar("train/loss", step.loss, step: step.globalStep)
        try writer.addScalar("train/lr", step.lr, step: step.globalStep)
        if let norm = step.gradNorm { try writer.addScalar("train/grad_norm", norm, step: step.globalStep) }
    }

    public func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) throws {
        for (name, value) in record.metrics.sorted(by: { $0.key < $1.key }) {
            try writer.addScalar("epoch/" + name, value, step: record.epoch)
        }
        try writer.addScalar("epoch/lr", record.lr, step: record.epoch)
        if histograms {
            for (name, parameter) in trainer.model.namedParameters() {
                try writer.addHistogram("weights/" + name, values: parameter.value, step: record.epoch)
            }
        }
        try writer.flush()
    }

    public func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) throws {
        try writer.flush()
    }
}
