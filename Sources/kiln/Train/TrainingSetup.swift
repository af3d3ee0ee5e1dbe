import Kiln
import KilnData

/// The model, optimizer, scheduler and trainer a resolved config describes, on its data: what
/// `kiln train` builds to start or resume a run and `kiln eval` builds to score one.
struct TrainingSetup {
    let config: RunConfig
    let data: TrainingData
    let spec: ModelSpec
    let model: Module
    let trainer: Trainer<(Tensor, Tensor)>

    /// - Parameters:
    ///   - config: a resolved config (`RunConfig.resolved()`).
    ///   - preprocessing: a resumed run's fitted table preprocessing (else it is fitted anew).
    init(config: RunConfig, preprocessing: TablePipeline? = nil) throws {
        self.config = config
        let source = try DataSource(parsing: config.data ?? "digits")
        let seed = config.seed ?? 0
        data = try TrainingData.load(source, batchSize: config.batchSize ?? 32, workers: config.workers ?? 0,
                                     augment: config.augment ?? false, seed: seed, preprocessing: preprocessing)
        spec = try ModelSpec(parsing: config.model ?? "mlp")
        // The initial weights come from the run's seed, as torch.manual_seed(seed) before building.
        GlobalRandom.seed(seed)
        model = try spec.build(inputShape: data.inputShape, classes: data.classNames.count, hidden: source.defaultHidden)
        let optimizer = Self.optimizer(config, model.parameters())
        let flatten = spec.flattensInput
        let trainer = Trainer<(Tensor, Tensor)>(model: model, optimizer: optimizer, metrics: [Accuracy()]) { model, batch in
            let (x, y) = batch
            let logits = model(flatten ? x.reshaped([x.shape[0], -1]) : x)
            return StepOutput(loss: crossEntropy(logits: logits, labels: y), outputs: logits, targets: y)
        }
        let epochs = config.epochs ?? 1, steps = data.train.count
        switch config.scheduler ?? "none" {
        case "step": trainer.scheduling = .perEpoch(StepLR(optimizer, stepSize: max(1, epochs / 3), gamma: 0.1))
        case "cosine": trainer.scheduling = .perStep(CosineAnnealingLR(optimizer, tMax: epochs * steps))
        case "onecycle": trainer.scheduling = .perStep(OneCycleLR(optimizer, maxLR: config.lr ?? 1e-3, totalSteps: epochs * steps))
        default: break
        }
        trainer.maxGradNorm = config.clipNorm
        if let patience = config.earlyStopping {
            trainer.earlyStopping = EarlyStopping(mode: .min, patience: patience)
        }
        self.trainer = trainer
    }

    private static func optimizer(_ config: RunConfig, _ parameters: [Parameter]) -> Optimizer {
        let lr = config.lr ?? 1e-3, decay = config.weightDecay ?? 0, momentum = config.momentum ?? 0
        switch config.optimizer ?? "adam" {
        case "sgd": return SGD(parameters, lr: lr, momentum: momentum, weightDecay: decay)
        case "adamw": return AdamW(parameters, lr: lr, weightDecay: decay)
        case "rmsprop": return RMSprop(parameters, lr: lr, weightDecay: decay, momentum: momentum)
        default: return Adam(parameters, lr: lr, weightDecay: decay)
        }
    }
}
