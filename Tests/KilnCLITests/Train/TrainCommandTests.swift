import Foundation
import Kiln
import KilnIO
import Testing

/// `kiln train`, `eval` and `predict` run as a user runs them (the debug build, on the bundled
/// digits data): the run directory they write, interruption by SIGKILL and SIGINT with resume to
/// byte-identical weights, and one clear error line for each kind of bad input.
@Suite(.serialized) struct TrainCommandTests {
    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    static func text(_ path: String) throws -> String {
        String(decoding: try CLITestFiles.bytes(path), as: UTF8.self)
    }

    /// metrics.csv without the wall-time column, which differs from run to run.
    static func figures(_ run: String) throws -> [String] {
        try text(run + "/metrics.csv").split(separator: "\n").map { $0.split(separator: ",").dropLast().joined(separator: ",") }
    }

    @Test func trainWritesARunThatEvalAndPredictRead() async throws {
        try await AsyncKiln.withTemporaryDirectory { directory in
            let run = directory + "/run"
            let result = try await AsyncKiln.run(["train", "--epochs", "2", "--run-dir", run])
            #expect(result.status == 0, "\(result.standardError)")
            #expect(result.standardOutput.contains("test accuracy"))

            let metrics = try Self.json(run + "/metrics.json")
            let accuracy = try #require(metrics["test_accuracy"] as? Double)
            #expect(accuracy > 0.5 && accuracy <= 1)
            #expect(metrics["test_loss"] is Double && metrics["train_seconds"] is Double)
            #expect(metrics["epochs"] as? Int == 2)
            let csv = try Self.text(run + "/metrics.csv").split(separator: "\n")
            #expect(csv.first == "epoch,step,lr,train_loss,train_accuracy,val_loss,val_accuracy,seconds")
            #expect(csv.count == 3)
            let config = try Self.text(run + "/config.yaml")
            #expect(config.contains("data: digits") && config.contains("epochs: 2") && config.contains("batch_size: 32"))
            #expect(try Self.text(run + "/checkpoints/latest") == "epoch-0002\n")
            let state = try Self.json(run + "/checkpoints/epoch-0002/state.json")
            #expect(state["epoch"] as? Int == 2 && state["step"] as? Int == 90 && state["batch_in_epoch"] as? Int == 0)
            #expect((state["config"] as? [String: Any])?["data"] as? String == "digits")
            #expect((state["history"] as? [Any])?.count == 2 && state["random"] is [String: Any])
            let events = try FileManager.default.contentsOfDirectory(atPath: run).filter { $0.hasPrefix("events.out.tfevents.") }
            #expect(events.count == 1)
            let model = try SafeTensors.read(run + "/checkpoints/epoch-0002/model.safetensors")
            #expect(model.metadata == ["format": "pt"])
            #expect(Set(model.names) == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])

            // eval scores the latest checkpoint on the same test split the run ended with.
            let eval = try await AsyncKiln.run(["eval", "--run", run, "--json"])
            #expect(eval.status == 0, "\(eval.standardError)")
            let scores = try #require(try JSONSerialization.jsonObject(with: Data(eval.standardOutput.utf8)) as? [String: Any])
            #expect(scores["accuracy"] as? Double == accuracy)
            #expect(abs((scores["loss"] as? Double ?? 0) - (metrics["test_loss"] as? Double ?? 1)) < 1e-6)
            let matrix = try #require(scores["confusion_matrix"] as? [[Int]])
            #expect(matrix.count == 10 && matrix.joined().reduce(0, +) == 360)
            let table = try await AsyncKiln.run(["eval", "--run", run])
            #expect(table.status == 0 && table.standardOutput.contains("accuracy") && table.standardOutput.contains("precision"))

            // predict: a batch from .npy, one image from .png, probabilities to .npy and .json.
            let inputs = directory + "/x.npy"
            try NumPy.save(Tensor(randomUniform: [5, 64], seed: 3), to: inputs)
            let probabilities = directory + "/p.npy"
            let predicted = try await AsyncKiln.run(["predict", "--checkpoint", run + "/checkpoints/epoch-0002",
                                                      "--input", inputs, "--output", probabilities])
            #expect(predicted.status == 0, "\(predicted.standardError)")
            #expect(predicted.standardOutput.split(separator: "\n").count == 5)
            let p = try NumPy.load(probabilities)
            #expect(p.shape == [5, 10])
            for row in 0..<5 {
                let sum = p.scalars(as: Float.self)[row * 10 ..< row * 10 + 10].reduce(0, +)
                #expect(abs(sum - 1) < 1e-5)
            }
            let image = directory + "/digit.png"
            let pixels = Tensor((0..<64).map { UInt8($0 * 4) }, shape: [8, 8, 1])
            try CLITestFiles.write(PNGWriter.encode(pixels: pixels), to: image)
            let fromImage = try await AsyncKiln.run(["predict", "--checkpoint", run, "--input", image, "--output", directory + "/p.json"])
            #expect(fromImage.status == 0, "\(fromImage.standardError)")
            let predictions = try #require(try Self.json(directory + "/p.json")["predictions"] as? [[String: Any]])
            #expect(predictions.count == 1 && (predictions[0]["probabilities"] as? [Double])?.count == 10)
        }
    }

    /// A tabular run keeps its fitted preprocessing: predict takes raw rows as the CSV has them.
    @Test func penguinsRunPredictsRawRows() async throws {
        try await AsyncKiln.withTemporaryDirectory { d in
            let run = d + "/penguins"
            let trained = try await AsyncKiln.run(["train", "--data", "penguins", "--epochs", "20", "--run-dir", run])
            #expect(trained.status == 0, "\(trained.standardError)")
            #expect(FileManager.default.fileExists(atPath: run + "/preprocessing.json"))
            #expect(try Self.json(run + "/metrics.json")["test_accuracy"] as? Double ?? 0 > 0.9)
            let rows = """
                island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex
                Torgersen,39.1,18.7,181,3750,male
                Dream,46.5,17.9,192,3500,female
                Biscoe,46.1,13.2,211,4500,female

                """
            try CLITestFiles.write(rows, to: d + "/rows.csv")
            let predicted = try await AsyncKiln.run(["predict", "--checkpoint", run, "--input", d + "/rows.csv"])
            #expect(predicted.status == 0, "\(predicted.standardError)")
            let labels = predicted.standardOutput.split(separator: "\n").map { $0.split(separator: "\t")[1] }
            #expect(labels == ["Adelie", "Chinstrap", "Gentoo"])
            try CLITestFiles.write(rows + "Dream,NA,17.9,192,3500,female\n", to: d + "/missing.csv")
            try await Self.expectError(["predict", "--checkpoint", run, "--input", d + "/missing.csv"], containing: "missing values (first: data row 4)")
        }
    }

    /// Starts `kiln train` and returns once `latest` names a checkpoint for which `ready` holds.
    static func startTraining(_ arguments: [String], run: String, until ready: (String) -> Bool) async throws -> AsyncKiln {
        let kiln = try AsyncKiln(["train"] + arguments + ["--run-dir", run])
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline && kiln.process.isRunning {
            if let name = try? String(contentsOfFile: run + "/checkpoints/latest", encoding: .utf8), ready(name) { break }
            try await Task.sleep(for: .milliseconds(2))
        }
        return kiln
    }

    @Test func killedOrInterruptedRunsResumeToTheSameWeights() async throws {
        try await AsyncKiln.withTemporaryDirectory { directory in
            let options = ["--epochs", "3", "--checkpoint-every", "4", "--seed", "11"]
            let whole = directory + "/whole"
            #expect(try await AsyncKiln.run(["train"] + options + ["--run-dir", whole]).status == 0)

            // kill -9 in the middle of epoch 2 (steps 46…90), after a step checkpoint.
            let killed = directory + "/killed"
            let victim = try await Self.startTraining(options, run: killed) { $0.hasPrefix("step-") && (Int($0.dropFirst(5).prefix(8)) ?? 0) >= 52 }
            #expect(victim.process.isRunning, "the run ended before it could be killed")
            kill(victim.process.processIdentifier, SIGKILL)
            await victim.waitForExit()
            #expect(victim.process.terminationReason == .uncaughtSignal)
            #expect(!FileManager.default.fileExists(atPath: killed + "/metrics.json"))
            let resumed = try await AsyncKiln.run(["train", "--run-dir", killed, "--resume"])
            #expect(resumed.status == 0, "\(resumed.standardError)")
            #expect(resumed.standardOutput.contains("resuming"))

            // Ctrl-C: the step finishes, a checkpoint is written, exit status 130.
            let stopped = directory + "/stopped"
            let interrupted = try await Self.startTraining(options, run: stopped) { $0.hasPrefix("step-") }
            kill(interrupted.process.processIdentifier, SIGINT)
            await interrupted.waitForExit()
            #expect(interrupted.process.terminationReason == .exit && interrupted.process.terminationStatus == 130)
            #expect(!FileManager.default.fileExists(atPath: stopped + "/metrics.json"))
            #expect(try await AsyncKiln.run(["train", "--run-dir", stopped, "--resume"]).status == 0)

            for run in [killed, stopped] {
                for file in ["model.safetensors", "optimizer.safetensors", "optimizer.json"] {
                    let path = "/checkpoints/epoch-0003/" + file
                    #expect(try CLITestFiles.bytes(run + path) == (try CLITestFiles.bytes(whole + path)), "\(run)\(path)")
                }
                #expect(try Self.figures(run) == (try Self.figures(whole)))
                let a = try Self.json(run + "/metrics.json"), b = try Self.json(whole + "/metrics.json")
                #expect(a["test_accuracy"] as? Double == b["test_accuracy"] as? Double)
                #expect(a["test_loss"] as? Double == b["test_loss"] as? Double)
            }
        }
    }

    /// One `error: …` line and a failing status (1 for bad input, 64 for bad arguments).
    static func expectError(_ arguments: [String], containing fragment: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let run = try await AsyncKiln.run(arguments)
        #expect(run.status != 0, "\(arguments)", sourceLocation: sourceLocation)
        let lines = run.standardError.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("error: "), "\(arguments): \(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.contains(fragment), "\(arguments): \(run.standardError)", sourceLocation: sourceLocation)
    }

    @Test func badInputIsOneClearErrorLine() async throws {
        try await AsyncKiln.withTemporaryDirectory { d in
            let file = d + "/file"
            try CLITestFiles.write("x", to: file)
            try CLITestFiles.write("epochs: 2\nlearning_rate: 0.1\n", to: d + "/unknown-key.yaml")
            try CLITestFiles.write("epochs: [2\n", to: d + "/broken.yaml")
            try CLITestFiles.write("epochs: two\n", to: d + "/wrong-type.yaml")
            let run = d + "/run"
            #expect(try await AsyncKiln.run(["train", "--epochs", "1", "--run-dir", run]).status == 0)
            try NumPy.save(Tensor(randomUniform: [3, 63], seed: 1), to: d + "/wrong-shape.npy")
            try NumPy.save(Tensor(randomUniform: [2, 64], seed: 1), to: d + "/ok.npy")
            try CLITestFiles.write("just text", to: d + "/input.txt")
            let weights = run + "/checkpoints/epoch-0001/model.safetensors"

            let cases: [([String], String)] = [
                (["train", "--model", "resnet50"], "unknown model spec 'resnet50'"),
                (["train", "--model", "mlp:3,x"], "mlp needs at least two positive layer sizes"),
                (["train", "--model", "mlp:100,10"], "takes 100 inputs, but the samples have 64 features"),
                (["train", "--model", "cnn"], "cnn takes 1×28×28 images"),
                (["train", "--data", "mnist"], "unknown data 'mnist'"),
                (["train", "--data", "fashion-mnist=" + d + "/nowhere"], d + "/nowhere"),
                (["train", "--augment"], "--augment applies to image data"),
                (["train", "--epochs", "0"], "--epochs must be at least 1"),
                (["train", "--optimizer", "lbfgs"], "unknown optimizer 'lbfgs'"),
                (["train", "--scheduler", "cyclic"], "unknown scheduler 'cyclic'"),
                (["train", "--config", d + "/missing.yaml"], "cannot read config"),
                (["train", "--config", d + "/unknown-key.yaml"], "unknown key 'learning_rate'"),
                (["train", "--config", d + "/broken.yaml"], "not valid YAML"),
                (["train", "--config", d + "/wrong-type.yaml"], "'epochs'"),
                (["train", "--run-dir", file], "is a file, not a directory"),
                (["train", "--run-dir", file + "/run"], "cannot create run directory"),
                (["train", "--run-dir", run], "already holds a run"),
                (["train", "--resume"], "--resume needs --run-dir"),
                (["train", "--resume", "--run-dir", d], "cannot read config"),
                (["train", "--resume", "--run-dir", run, "--lr", "0.5"], "only --epochs and --workers may change"),
                (["eval", "--run", d + "/missing"], "not a run directory"),
                (["eval", "--checkpoint", d], "not a run directory"),
                (["predict", "--checkpoint", run, "--input", d + "/missing.npy"], "missing.npy"),
                (["predict", "--checkpoint", run, "--input", d + "/input.txt"], "unsupported file type"),
                (["predict", "--checkpoint", run, "--input", d + "/wrong-shape.npy"], "shape [3, 63] does not fit"),
                (["predict", "--checkpoint", run, "--input", file], "unsupported file type"),
                (["predict", "--weights", d + "/missing.safetensors", "--model", "cnn", "--input", d + "/ok.npy"], "missing.safetensors"),
                (["predict", "--weights", weights, "--model", "cnn", "--input", d + "/ok.npy"], "do not fit model cnn"),
                (["predict", "--weights", weights, "--model", "mlp:64,32,10", "--input", d + "/ok.npy"], "do not fit model mlp:64,32,10"),
                (["predict", "--weights", weights, "--model", "mlp", "--input", d + "/ok.npy"], "needs its layer sizes"),
                (["predict", "--weights", d + "/ok.npy", "--model", "mlp:64,10", "--input", d + "/ok.npy"], "ok.npy"),
                (["predict", "--checkpoint", run, "--input", d + "/ok.npy", "--output", d + "/p.txt"], "must end in .npy or .json"),
            ]
            for (arguments, fragment) in cases {
                try await Self.expectError(arguments, containing: fragment)
            }
            // A run that could not start leaves no run directory behind.
            let runs = FileManager.default.currentDirectoryPath + "/runs"
            let made = (try? FileManager.default.contentsOfDirectory(atPath: runs)) ?? []
            let leftovers = made.filter { !FileManager.default.fileExists(atPath: runs + "/" + $0 + "/metrics.json") }
            #expect(leftovers.isEmpty, "failed runs left directories: \(leftovers)")
        }
    }
}
