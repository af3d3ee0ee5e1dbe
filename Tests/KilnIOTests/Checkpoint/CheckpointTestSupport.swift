import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Tests/Fixtures/checkpoint (made by make_checkpoint.py) and the training problem it describes:
/// `Sequential(Linear(4, 3), ReLU, Linear(3, 2))` from PyTorch's initial weights, trained with
/// Adam (lr 0.01, betas (0.9, 0.99), weight decay 0.001) on a fixed batch with the MSE loss.
enum CheckpointFixtures {
    static let directory: String = {
        let tests = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return tests.appendingPathComponent("Fixtures/checkpoint").path
    }()

    /// The checkpoint PyTorch wrote after three Adam steps.
    static var pytorchCheckpoint: String { directory + "/pytorch" }

    static func makeModel() -> Sequential { Sequential([Linear(4, 3), ReLU(), Linear(3, 2)]) }

    static func makeOptimizer(_ model: Module) -> Adam {
        Adam(model.parameters(), lr: 0.01, betas: (0.9, 0.99), weightDecay: 0.001)
    }

    /// A model with PyTorch's initial weights and an optimizer over it.
    static func initialModel() throws -> (Sequential, Adam) {
        let model = makeModel()
        try model.loadStateDict(try SafeTensors.load(directory + "/initial.safetensors"))
        return (model, makeOptimizer(model))
    }

    /// `steps` rounds of zeroGrad / MSE loss / backward / step on the fixed batch; the last loss.
    @discardableResult
    static func train(_ model: Module, _ optimizer: Optimizer, steps: Int) throws -> Double {
        let batch = try SafeTensors.load(directory + "/batch.safetensors")
        let x = try #require(batch["x"]), y = try #require(batch["y"])
        var loss = 0.0
        for _ in 0..<steps {
            optimizer.zeroGrad()
            let l = mseLoss(model(x), y)
            l.backward()
            optimizer.step()
            loss = l.item()
        }
        return loss
    }
}

/// A caller's training state, as the training loop might save it.
struct TrainingProgress: Codable, Equatable {
    var epoch: Int
    var step: Int
    var losses: [Double]
    var seed: UInt64
    var note: String
}

/// The state of the PyTorch fixture's `state.json`.
struct FixtureState: Codable, Equatable {
    var epoch: Int
    var step: Int
    var loss: Double
}

enum CheckpointTesting {
    /// A small state dict whose values depend on `seed`, for tests that only need distinct weights.
    static func weights(_ seed: Float) -> StateDict {
        ["0.weight": Tensor([seed, seed + 1, seed + 2, seed + 3], shape: [2, 2]), "0.bias": Tensor([seed * 10, -seed])]
    }

    static func bytes(_ tensor: Tensor) -> [UInt8] { tensor.contiguous().withUnsafeBytes { Array($0) } }

    /// Whether two state dicts hold the same keys, shapes, dtypes and bytes.
    static func same(_ a: StateDict, _ b: StateDict) -> Bool {
        a.keys.sorted() == b.keys.sorted()
            && a.allSatisfy { key, t in b[key].map { $0.shape == t.shape && $0.dtype == t.dtype && bytes($0) == bytes(t) } ?? false }
    }

    static func progress(_ epoch: Int) -> TrainingProgress {
        TrainingProgress(epoch: epoch, step: epoch * 10, losses: [1.5, 0.25 * Double(epoch)], seed: 42, note: "epoch \(epoch)")
    }

    /// Saves checkpoint `name` with `weights(seed)` and the given metric.
    @discardableResult
    static func save(_ manager: CheckpointManager, _ name: String, seed: Float, epoch: Int, metric: Double? = nil) throws -> String {
        try manager.save(name: name, model: weights(seed), state: progress(epoch), step: epoch * 10, epoch: epoch, metric: metric)
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try TestFiles.bytes(path), as: UTF8.self)
    }

    /// The names in `directory`, hidden ones included, sorted; empty when it does not exist.
    static func listing(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    /// Every file under `directory` with its bytes, to show that a failed operation changed nothing.
    static func snapshot(_ directory: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return files }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = directory + "/" + relative
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = try TestFiles.bytes(path)
            } else {
                files[relative + "/"] = []
            }
        }
        return files
    }

    /// Runs `body` with the file permissions an ordinary user has. Root ignores permission bits,
    /// so when the tests run as root the calling thread's file-system user ID becomes nobody's
    /// (65534) meanwhile; on Linux that is per thread and drops root's override of file modes.
    static func withoutRootPrivileges<R>(_ body: () throws -> R) rethrows -> R {
        #if os(Linux)
        guard geteuid() == 0 else { return try body() }
        _ = setFileSystemUser(65534)
        defer { _ = setFileSystemUser(0) }
        #endif
        return try body()
    }
}

#if os(Linux)
/// glibc's `setfsuid` (declared in <sys/fsuid.h>, which the Glibc module does not include).
@_silgen_name("setfsuid")
private func setFileSystemUser(_ uid: UInt32) -> Int32
#endif
