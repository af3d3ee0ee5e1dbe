import Testing
import Foundation
@testable import Kiln

/// `Trainer` against hand-written loops and against itself interrupted and resumed.
@Suite struct TrainerTests {
    typealias Batch = (Tensor, Tensor)

    /// Eight batches of 16 samples: 6 features, 3 classes.
    static func batches(seed: UInt64 = 7) -> [Batch] {
        (0..<8).map { b in
            (Tensor(randomNormal: [16, 6], seed: seed + UInt64(b)),
             Tensor(randomIntegers: [16], high: 3, seed: seed + 100 + UInt64(b)))
        }
    }

    static func model(dropout: Bool = false) -> Module {
        GlobalRandom.seed(1)
        return Sequential {
            Linear(6, 12); ReLU()
            if dropout { Dropout(0.3) }
            Linear(12, 3)
        }
    }

    static func trainer(_ model: Module, lr: Double = 0.05) -> Trainer<Batch> {
        let optimizer = Adam(model.parameters(), lr: lr)
        return Trainer(model: model, optimizer: optimizer, metrics: [Accuracy()]) { model, batch in
            let logits = model(batch.0)
            return StepOutput(loss: crossEntropy(logits: logits, labels: batch.1), outputs: logits, targets: batch.1)
        }
    }

    static func weights(_ model: Module) -> [String: [Float]] {
        model.stateDict().mapValues { $0.scalars(as: Float.self) }
    }

    @Test func fitEqualsTheHandWrittenLoop() throws {
        try GlobalRandom.withGenerator(seed: 0) {
            let data = Self.batches()
            let byTrainer = Self.model()
            let trainer = Self.trainer(byTrainer)
            trainer.maxGradNorm = 0.5
            trainer.scheduling = .perEpoch(StepLR(trainer.optimizer, stepSize: 1, gamma: 0.5))
            let history = try trainer.fit(data, epochs: 3)

            let byHand = Self.model()
            let optimizer = Adam(byHand.parameters(), lr: 0.05)
            let scheduler = StepLR(optimizer, stepSize: 1, gamma: 0.5)
            var epochLosses: [Double] = []
            for _ in 0..<3 {
                var sum = 0.0
                for (x, y) in data {
                    optimizer.zeroGrad()
                    let loss = crossEntropy(logits: byHand(x), labels: y)
                    loss.backward()
                    clipGradNorm(byHand.parameters(), maxNorm: 0.5)
                    optimizer.step()
                    sum += loss.item() * 16
                }
                scheduler.step()
                epochLosses.append(sum / Double(16 * data.count))
            }
            #expect(Self.weights(byTrainer) == Self.weights(byHand))
            #expect(history.epochs.map(\.epoch) == [1, 2, 3])
            #expect(history.epochs.map(\.step) == [8, 16, 24])
            #expect(history.epochs.map(\.lr) == [0.05, 0.025, 0.0125])
            for (record, expected) in zip(history.epochs, epochLosses) {
                #expect(abs(record.metrics["train_loss"]! - expected) < 1e-12)
            }
            #expect(!history.interrupted && !history.stoppedEarly)
        }
    }

    /// Stops mid-epoch from a callback, as Ctrl-C does.
    final class StopAt: TrainingCallback {
        let step: Int
        var saved: (TrainingState, StateDict, OptimizerState)?
        init(step: Int) { self.step = step }
        func stepDidEnd(_ record: StepRecord, trainer: any TrainingLoop) throws {
            if record.globalStep == step { trainer.stopRequest.request() }
        }
        func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) throws {
            saved = (trainer.state, trainer.model.stateDict(), trainer.optimizer.stateDict())
        }
    }

    @Test(arguments: [3, 8, 13, 16])
    func interruptedAndResumedEqualsUninterrupted(stopStep: Int) throws {
        try GlobalRandom.withGenerator(seed: 0) {
            let data = Self.batches()
            func configured(_ trainer: Trainer<Batch>) -> Trainer<Batch> {
                trainer.scheduling = .perStep(CosineAnnealingLR(trainer.optimizer, tMax: 24))
                trainer.earlyStopping = EarlyStopping(patience: 5)
                return trainer
            }
            let whole = configured(Self.trainer(Self.model(dropout: true)))
            let wholeHistory = try whole.fit(data, validation: Array(data.prefix(2)), epochs: 3)

            let first = configured(Self.trainer(Self.model(dropout: true)))
            let stopper = StopAt(step: stopStep)
            first.callbacks = [stopper]
            let partial = try first.fit(data, validation: Array(data.prefix(2)), epochs: 3)
            #expect(partial.interrupted)
            let (state, weights, optimizerState) = try #require(stopper.saved)
            #expect(state.globalStep == stopStep)
            #expect(state.epoch * 8 + state.batchInEpoch == stopStep)

            GlobalRandom.seed(999)  // a new process: the generator comes from the state
            let second = configured(Self.trainer(Self.model(dropout: true)))
            try second.model.loadStateDict(weights)
            try second.optimizer.loadStateDict(optimizerState)
            try second.restore(state)
            let rest = try second.fit(data, validation: Array(data.prefix(2)), epochs: 3)

            #expect(!rest.interrupted)
            #expect(Self.weights(second.model) == Self.weights(whole.model))
            #expect(rest.epochs == wholeHistory.epochs.map { r in var r = r; r.seconds = rest.epochs[r.epoch - 1].seconds; return r })
        }
    }

    @Test func earlyStoppingEndsTheRunAfterPatienceEpochs() throws {
        let data = Self.batches()
        let trainer = Self.trainer(Self.model(), lr: 1e-12)  // the loss stays (almost) put
        trainer.earlyStopping = EarlyStopping(patience: 2, minDelta: 1e-3)
        trainer.monitor = "val_loss"
        let history = try trainer.fit(data, validation: data, epochs: 10)
        #expect(history.stoppedEarly)
        #expect(history.epochs.count == 3)  // best at epoch 1, then two epochs without improvement
        #expect(trainer.state.stoppedEarly)
    }

    @Test func validationFiguresAndEvaluationMode() throws {
        try GlobalRandom.withGenerator(seed: 0) {
            let data = Self.batches()
            let model = Self.model(dropout: true)
            let trainer = Self.trainer(model)
            let history = try trainer.fit(data, validation: Array(data.prefix(3)), epochs: 1)
            let figures = try #require(history.epochs.first?.metrics)
            #expect(Set(figures.keys) == ["train_loss", "train_accuracy", "val_loss", "val_accuracy"])
            #expect(model.training)

            // evaluate = the mean loss and accuracy of the eval-mode model without dropout.
            let scores = try trainer.evaluate(Array(data.prefix(3)))
            model.eval()
            var loss = 0.0, correct = 0.0
            for (x, y) in data.prefix(3) {
                let logits = model(x)
                loss += crossEntropy(logits: logits, labels: y).item() * 16
                correct += accuracy(logits: logits, labels: y) * 16
            }
            #expect(abs(scores["loss"]! - loss / 48) < 1e-12)
            #expect(abs(scores["accuracy"]! - correct / 48) < 1e-12)
            #expect(abs(figures["val_loss"]! - scores["loss"]!) < 1e-12)
        }
    }

    final class EventLog: TrainingCallback {
        var events: [String] = []
        func trainingWillBegin(trainer: any TrainingLoop) { events.append("begin") }
        func epochWillBegin(_ epoch: Int, trainer: any TrainingLoop) { events.append("epoch \(epoch)") }
        func stepDidEnd(_ step: StepRecord, trainer: any TrainingLoop) { events.append("step \(step.epoch).\(step.batch)/\(step.globalStep)") }
        func epochDidEnd(_ record: EpochRecord, trainer: any TrainingLoop) { events.append("end \(record.epoch)") }
        func trainingDidEnd(_ history: TrainingHistory, trainer: any TrainingLoop) { events.append("done") }
    }

    @Test func callbacksSeeEveryStepAndEpochInOrder() throws {
        let data = Array(Self.batches().prefix(2))
        let trainer = Self.trainer(Self.model())
        let log = EventLog()
        trainer.callbacks = [log]
        try trainer.fit(data, epochs: 2)
        #expect(log.events == ["begin", "epoch 1", "step 1.1/1", "step 1.2/2", "end 1",
                               "epoch 2", "step 2.1/3", "step 2.2/4", "end 2", "done"])
    }

    @Test func aMonitoredMetricTheRunDoesNotComputeIsAClearError() throws {
        GlobalRandom.withGenerator(seed: 0) {
            let trainer = Self.trainer(Self.model())
            trainer.earlyStopping = EarlyStopping(patience: 1)
            trainer.monitor = "val_f1"
            #expect(throws: TrainingStateError.self) { try trainer.fit(Self.batches(), epochs: 1) }
        }
    }

    @Test func restoringSchedulerStateIntoATrainerWithoutSchedulerThrows() throws {
        let trainer = Self.trainer(Self.model())
        trainer.scheduling = .perEpoch(StepLR(trainer.optimizer, stepSize: 1))
        try trainer.fit(Array(Self.batches().prefix(1)), epochs: 1)
        let plain = Self.trainer(Self.model())
        #expect(throws: TrainingStateError.self) { try plain.restore(trainer.state) }
    }

    @Test func stateRoundTripsThroughJSON() throws {
        try GlobalRandom.withGenerator(seed: 0) {
            let trainer = Self.trainer(Self.model())
            trainer.callbacks = [StopAt(step: 5)]
            try trainer.fit(Self.batches(), epochs: 2)
            let state = trainer.state
            let decoded = try JSONDecoder().decode(TrainingState.self, from: JSONEncoder().encode(state))
            #expect(decoded == state)
            #expect(state.partialEpoch?.sums["loss"]?.count == 2)
        }
    }
}
