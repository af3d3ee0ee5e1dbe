/// When a `Trainer` steps its learning-rate scheduler.
public enum LRScheduling {
    /// `step()` after every epoch: StepLR, CosineAnnealingLR with `tMax` in epochs, …
    case perEpoch(LRScheduler)
    /// `step()` after every optimizer step: OneCycleLR, warm-up, cosine with `tMax` in steps, …
    case perStep(LRScheduler)
    /// `step(metric:)` after every epoch with the trainer's monitored metric.
    case onPlateau(ReduceLROnPlateau)

    var scheduler: any LearningRateScheduler {
        switch self {
        case .perEpoch(let s), .perStep(let s): s
        case .onPlateau(let s): s
        }
    }
}
