extension CheckpointManager {
    /// The metric that picks the best checkpoint (`best`), which retention never deletes.
    public struct Monitor: Sendable, Equatable {
        public enum Mode: String, Sendable, Codable {
            /// Lower is better (a loss).
            case min
            /// Higher is better (an accuracy).
            case max
        }

        /// The metric's name ("val_loss"), for messages and the run's configuration; `save`
        /// receives its value.
        public var metric: String
        public var mode: Mode

        public init(metric: String, mode: Mode) {
            self.metric = metric
            self.mode = mode
        }

        /// Whether `candidate` is strictly better than `current`; the earlier checkpoint keeps a tie.
        func isBetter(_ candidate: Double, than current: Double) -> Bool {
            mode == .min ? candidate < current : candidate > current
        }
    }

    /// One kept checkpoint as `index.json` records it, oldest first.
    public struct Entry: Sendable, Equatable, Codable {
        public var name: String
        public var step: Int
        public var epoch: Int
        /// The monitored metric's value; nil when none was given or it was not finite.
        public var metric: Double?

        public init(name: String, step: Int, epoch: Int, metric: Double? = nil) {
            self.name = name
            self.step = step
            self.epoch = epoch
            self.metric = metric
        }
    }
}

/// Which checkpoints to keep: the last `keepLast` saved (all when 0), the best by the monitor, and
/// the one named `pinned` (what `best` names when no monitor is set, so a run resumed without
/// one never deletes an earlier run's best).
struct CheckpointRetention {
    let kept: [CheckpointManager.Entry]
    let removed: [CheckpointManager.Entry]
    let best: CheckpointManager.Entry?

    init(_ entries: [CheckpointManager.Entry], keepLast: Int, monitor: CheckpointManager.Monitor?, pinned: String? = nil) {
        var best: CheckpointManager.Entry? = nil
        if let monitor {
            for entry in entries {
                guard let value = entry.metric, value.isFinite else { continue }
                if let current = best?.metric, !monitor.isBetter(value, than: current) { continue }
                best = entry
            }
        }
        let recent = keepLast == 0 ? entries.count : keepLast
        var kept: [CheckpointManager.Entry] = []
        var removed: [CheckpointManager.Entry] = []
        for (position, entry) in entries.enumerated() {
            let isRecent = position >= entries.count - recent
            if isRecent || entry.name == best?.name || entry.name == pinned {
                kept.append(entry)
            } else {
                removed.append(entry)
            }
        }
        self.kept = kept
        self.removed = removed
        self.best = best
    }
}
