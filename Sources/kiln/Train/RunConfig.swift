import Foundation
import Yams

/// Everything that defines a training run: what `kiln train` reads from `--config run.yaml` and
/// its options, and writes back, with every default filled in, as the run's `config.yaml`
/// (so `--resume` and `kiln eval` rebuild exactly the same data, model and optimizer).
struct RunConfig: Codable, Equatable, Sendable {
    /// `digits`, `penguins`, `fashion-mnist` or `fashion-mnist=PATH`.
    var data: String?
    /// `mlp`, `mlp:784,512,256,10`, `cnn`.
    var model: String?
    var epochs: Int?
    var batchSize: Int?
    /// `sgd`, `adam`, `adamw`, `rmsprop`.
    var optimizer: String?
    var lr: Double?
    /// SGD and RMSprop momentum.
    var momentum: Double?
    var weightDecay: Double?
    /// `none`, `step`, `cosine`, `onecycle`.
    var scheduler: String?
    var clipNorm: Double?
    /// Epochs without improvement of the monitored metric before stopping; absent: never stop early.
    var earlyStopping: Int?
    /// Random crops and flips of training images (image data only).
    var augment: Bool?
    var workers: Int?
    var seed: UInt64?
    /// A checkpoint every N optimizer steps besides the one at the end of every epoch.
    var checkpointEvery: Int?
    /// Checkpoints kept besides the best one.
    var keepCheckpoints: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case data, model, epochs, optimizer, lr, momentum, scheduler, augment, workers, seed
        case batchSize = "batch_size", weightDecay = "weight_decay", clipNorm = "clip_norm"
        case earlyStopping = "early_stopping", checkpointEvery = "checkpoint_every"
        case keepCheckpoints = "keep_checkpoints"
    }

    /// `other`'s values where it has them, this config's elsewhere.
    func overridden(by other: RunConfig) -> RunConfig {
        RunConfig(
            data: other.data ?? data, model: other.model ?? model, epochs: other.epochs ?? epochs,
            batchSize: other.batchSize ?? batchSize, optimizer: other.optimizer ?? optimizer, lr: other.lr ?? lr,
            momentum: other.momentum ?? momentum, weightDecay: other.weightDecay ?? weightDecay,
            scheduler: other.scheduler ?? scheduler, clipNorm: other.clipNorm ?? clipNorm,
            earlyStopping: other.earlyStopping ?? earlyStopping, augment: other.augment ?? augment,
            workers: other.workers ?? workers, seed: other.seed ?? seed,
            checkpointEvery: other.checkpointEvery ?? checkpointEvery,
            keepCheckpoints: other.keepCheckpoints ?? keepCheckpoints)
    }

    /// The config with every unset option given its default; the defaults depend on the data
    /// set and model (the recipes `docs/benchmarks.md` reports).
    func resolved() throws -> RunConfig {
        let source = try DataSource(parsing: data ?? "digits")
        let spec = try ModelSpec(parsing: model ?? "mlp")
        let recipe = source.recipe(for: spec)
        var r = self
        r.data = source.description
        r.model = model ?? "mlp"
        r.epochs = epochs ?? recipe.epochs
        r.batchSize = batchSize ?? recipe.batchSize
        r.optimizer = optimizer ?? "adam"
        r.lr = lr ?? (r.optimizer == "sgd" ? 0.01 : recipe.lr)
        r.weightDecay = weightDecay ?? (r.optimizer == "adamw" ? 0.01 : 0)  // PyTorch's defaults
        r.scheduler = scheduler ?? "none"
        r.augment = augment ?? false
        r.workers = workers ?? (source.isImageData ? 2 : 0)
        r.seed = seed ?? 0
        r.keepCheckpoints = keepCheckpoints ?? 3
        if r.momentum == nil, ["sgd", "rmsprop"].contains(r.optimizer) { r.momentum = r.optimizer == "sgd" ? 0.9 : 0 }
        try r.validate()
        return r
    }

    /// Checks option values a person typed, with one clear message per mistake.
    func validate() throws {
        func check(_ ok: Bool, _ message: @autoclosure () -> String) throws {
            if !ok { throw CommandError(message()) }
        }
        if let epochs { try check(epochs >= 1, "--epochs must be at least 1, got \(epochs)") }
        if let batchSize { try check(batchSize >= 1, "--batch-size must be at least 1, got \(batchSize)") }
        if let optimizer {
            try check(["sgd", "adam", "adamw", "rmsprop"].contains(optimizer),
                      "unknown optimizer '\(optimizer)'; choose sgd, adam, adamw or rmsprop")
        }
        if let lr { try check(lr > 0 && lr.isFinite, "--lr must be a positive number, got \(lr)") }
        if let momentum { try check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got \(momentum)") }
        if let weightDecay { try check(weightDecay >= 0, "--weight-decay must not be negative, got \(weightDecay)") }
        if let scheduler {
            try check(["none", "step", "cosine", "onecycle"].contains(scheduler),
                      "unknown scheduler '\(scheduler)'; choose none, step, cosine or onecycle")
        }
        if let clipNorm { try check(clipNorm > 0, "--clip-norm must be positive, got \(clipNorm)") }
        if let earlyStopping { try check(earlyStopping >= 1, "--early-stopping patience must be at least 1, got \(earlyStopping)") }
        if let workers { try check(workers >= 0, "--workers must not be negative, got \(workers)") }
        if let checkpointEvery { try check(checkpointEvery >= 1, "--checkpoint-every must be at least 1, got \(checkpointEvery)") }
        if let keepCheckpoints { try check(keepCheckpoints >= 0, "--keep-checkpoints must not be negative, got \(keepCheckpoints)") }
    }

    static func load(from path: String) throws -> RunConfig {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandError("cannot read config \(path): \((error as NSError).localizedDescription)")
        }
        do {
            // Codable skips keys it does not know; a misspelt option must not be ignored silently.
            if let keys = (try Yams.load(yaml: text) as? [String: Any])?.keys {
                let known = Set(CodingKeys.allCases.map(\.rawValue))
                if let unknown = keys.sorted().first(where: { !known.contains($0) }) {
                    throw CommandError("config \(path): unknown key '\(unknown)'; known keys: \(known.sorted().joined(separator: ", "))")
                }
            }
            return try YAMLDecoder().decode(RunConfig.self, from: text.isEmpty ? "{}" : text)
        } catch let error as CommandError {
            throw error
        } catch let error as DecodingError {
            throw CommandError("config \(path): \(describe(error))")
        } catch {
            throw CommandError("config \(path) is not valid YAML: \(error)")
        }
    }

    func yaml() throws -> String {
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = false
        return try encoder.encode(self)
    }

    private static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .typeMismatch(_, let c), .valueNotFound(_, let c): return "'\(path(c))': \(c.debugDescription)"
        case .keyNotFound(let key, _): return "missing key '\(key.stringValue)'"
        case .dataCorrupted(let c): return c.debugDescription
        @unknown default: return "\(error)"
        }
    }
}
