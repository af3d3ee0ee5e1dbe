/// What a training step computes from one batch: the loss to minimise and, for metrics, the
/// model's outputs and the targets they are scored against.
public struct StepOutput {
    /// The scalar loss; the trainer calls `backward()` on it.
    public var loss: Tensor
    /// The model's outputs (logits, predictions), read by the metrics.
    public var outputs: Tensor?
    /// Class labels or target values, read by the metrics.
    public var targets: Tensor?
    /// Samples in the batch, which weights the batch in epoch averages; by default the first
    /// dimension of `outputs` (or `targets`), else 1.
    public var sampleCount: Int

    public init(loss: Tensor, outputs: Tensor? = nil, targets: Tensor? = nil, sampleCount: Int? = nil) {
        self.loss = loss
        self.outputs = outputs
        self.targets = targets
        self.sampleCount = sampleCount ?? (outputs ?? targets).flatMap { $0.rank > 0 ? $0.shape[0] : nil } ?? 1
    }
}
