import Foundation
import Kiln
import KilnIO

/// Checkpoint and run directories laid out as the checkpoint writer lays them out:
/// `RUN/checkpoints/<name>/{model.safetensors, optimizer.safetensors, optimizer.json, state.json}`,
/// `RUN/checkpoints/latest` and `best` naming a checkpoint, `RUN/checkpoints/index.json`.
enum CheckpointFixture {
    /// The `param_groups` PyTorch 2.15 writes for `Adam(lr=1e-3)` (Tests/Fixtures/cli/make_optimizer_json.py).
    static let adamOptimizerJSON = """
        {"param_groups": [{"lr": 0.001, "betas": [0.9, 0.999], "eps": 1e-08, "weight_decay": 0, "amsgrad": false, \
        "maximize": false, "foreach": null, "capturable": false, "differentiable": false, "fused": null, \
        "decoupled_weight_decay": false, "params": [0, 1]}]}
        """

    /// A checkpoint of `Sequential(Linear(2, 3))` trained with Adam, at `epoch` and `step`.
    static func writeCheckpoint(at path: String, epoch: Int, step: Int, valAccuracy: Double = 0.9) throws {
        try CLITestFiles.makeDirectory(path)
        try SafeTensors.save(["0.weight": Tensor.zeros([3, 2]), "0.bias": Tensor.zeros([3])], metadata: ["format": "pt"],
                             to: path + "/model.safetensors")
        // The per-parameter state PyTorch's Adam keeps (make_optimizer_json.py prints the shapes).
        try SafeTensors.save([
            "state.0.step": Tensor(Double(step)), "state.0.exp_avg": Tensor.zeros([3, 2]), "state.0.exp_avg_sq": Tensor.zeros([3, 2]),
            "state.1.step": Tensor(Double(step)), "state.1.exp_avg": Tensor.zeros([3]), "state.1.exp_avg_sq": Tensor.zeros([3]),
        ], to: path + "/optimizer.safetensors")
        try CLITestFiles.write(adamOptimizerJSON, to: path + "/optimizer.json")
        try CLITestFiles.write("""
            {"epoch": \(epoch), "step": \(step), "metrics": {"val_accuracy": \(valAccuracy), "val_loss": 0.25},
             "scheduler": null, "rng": {"seed": 42, "counter": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]},
             "config": {"model": "mlp:2,3", "optimizer": "adam", "lr": 0.001, "batch_size": 32, "epochs": 10,
                        "data": "digits", "seed": 42}}
            """, to: path + "/state.json")
    }

    /// A run with checkpoints epoch-2, epoch-9 and epoch-10; `latest` a one-line file naming
    /// epoch-10, `best` a symbolic link to epoch-9.
    static func writeRun(at run: String) throws {
        let checkpoints = run + "/checkpoints"
        for epoch in [2, 9, 10] {
            try writeCheckpoint(at: checkpoints + "/epoch-\(epoch)", epoch: epoch, step: epoch * 50,
                                valAccuracy: epoch == 9 ? 0.97 : 0.9)
        }
        try CLITestFiles.write("epoch-10\n", to: checkpoints + "/latest")
        try FileManager.default.createSymbolicLink(atPath: checkpoints + "/best", withDestinationPath: "epoch-9")
        try CLITestFiles.write(#"{"monitor": "val_accuracy", "mode": "max", "checkpoints": ["epoch-2", "epoch-9", "epoch-10"]}"#,
                               to: checkpoints + "/index.json")
        try CLITestFiles.write("epoch,step,lr,train_loss,seconds\n1,50,0.001,0.5,1.0\n", to: run + "/metrics.csv")
        try CLITestFiles.write("model: mlp:2,3\n", to: run + "/config.yaml")
    }
}
