/// Shows a `Trainer`'s progress with a `ProgressBar`: a live bar on a terminal, log lines
/// elsewhere, one summary line per epoch.
///
/// ```swift
/// trainer.callbacks.append(ProgressReporter())
/// ```
public final class ProgressReporter: TrainingCallback {
    private let output: ((String) -> Void)?
    private let isTerminal: Bool?
    private var bar: ProgressBar?

    /// - Parameters: `output` and `isTerminal` as `ProgressBar` takes them (default: standard output).
    public init(output: ((String) -> Void)? = nil, isTerminal: Bool? = nil) {
        self.output = output
        self.isTerminal = isTerminal
    }

    public func trainingWillBegin(trainer: any TrainingLoop) {
        bar = ProgressBar(epochs: trainer.epochs, stepsPerEpoch: trainer.stepsPerEpoch, output: output, isTerminal: isTerminal)
    }

    public func epochWillBegin(_ epoch: Int, trainer: any TrainingLoop) {
        bar?.startEpoch(epoch, step: trainer.state.batchInEpoch)
    }

    public func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) {
        bar?.update(step: step.batch, samples: step.sampleCount, values: Self.ordered(step.running).map { (String($0.0.dropFirst(6)), $0.1) })
    }

    public func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) {
        bar?.finishEpoch(summary: Self.ordered(record.metrics), seconds: record.seconds)
    }

    public func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) {
        bar?.close()
        if history.stoppedEarly { bar?.message("early stopping after epoch \(trainer.state.epoch): the monitored metric stopped improving") }
    }

    /// Figures in reading order: training before validation, the loss first in each.
    static func ordered(_ figures: [String: Double]) -> [(String, Double)] {
        figures.sorted { a, b in rank(a.key) != rank(b.key) ? rank(a.key) < rank(b.key) : a.key < b.key }
    }

    private static func rank(_ name: String) -> Int {
        (name.hasPrefix("val_") ? 2 : 0) + (name.hasSuffix("_loss") ? 0 : 1)
    }
}
