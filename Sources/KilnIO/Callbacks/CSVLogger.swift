import Kiln

/// Writes one row per epoch to a CSV file (Keras's `CSVLogger`): `epoch,step,lr,train_loss,
/// train_<metric>…,val_loss,val_<metric>…,seconds`. The file is rewritten from the trainer's
/// history after every epoch, atomically, so it always matches the latest checkpoint's history —
/// also after a resumed run.
public final class CSVLogger: TrainingCallback {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) throws {
        try AtomicFile.write(Array(Self.csv(trainer.state.history).utf8), to: path)
    }

    /// The CSV text of `history`; a figure an epoch lacks is an empty field.
    public static func csv(_ history: [EpochRecord]) -> String {
        let names = Set(history.flatMap(\.metrics.keys))
        func ordered(_ prefix: String) -> [String] {
            let group = names.filter { $0.hasPrefix(prefix) }
            return group.contains(prefix + "loss") ? [prefix + "loss"] + group.subtracting([prefix + "loss"]).sorted() : group.sorted()
        }
        let columns = ordered("train_") + ordered("val_") + names.filter { !$0.hasPrefix("train_") && !$0.hasPrefix("val_") }.sorted()
        var lines = [(["epoch", "step", "lr"] + columns + ["seconds"]).joined(separator: ",")]
        for r in history {
            let values = columns.map { r.metrics[$0].map(Self.format) ?? "" }
            lines.append(([String(r.epoch), String(r.step), Self.format(r.lr)] + values + [Self.format(r.seconds)]).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back as the same Double.
    static func format(_ value: Double) -> String { value.isNaN ? "nan" : "\(value)" }
}
