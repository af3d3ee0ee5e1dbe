import Foundation
import Testing

/// The built `kiln` executable, run as a user runs it: exit statuses, what goes to standard
/// output, and exactly one `error: …` line on standard error for each kind of bad input.
@Suite struct KilnCommandTests {
    /// Expects the run to fail with status 1 and one line `error: …` containing `fragment`.
    static func expectOneLineError(_ run: CLITestFiles.Run, containing fragment: String,
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.status == 1, "exit status", sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "nothing on standard output", sourceLocation: sourceLocation)
        let lines = run.standardError.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 2 && lines[1].isEmpty, "one line: \(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.hasPrefix("error: "), "\(run.standardError)", sourceLocation: sourceLocation)
        #expect(run.standardError.contains(fragment), "\(run.standardError)", sourceLocation: sourceLocation)
    }

    @Test func inspectPrintsTables() throws {
        let path = CLITestFiles.fixture("safetensors/pytorch_net.safetensors")
        let run = try CLITestFiles.runKiln(["inspect", path])
        #expect(run.status == 0)
        #expect(run.standardError.isEmpty)
        #expect(run.standardOutput.hasPrefix("safetensors  \(path)  (2.5 KiB)\n"))
        #expect(run.standardOutput.hasSuffix("total: 9 tensors, 454 parameters, 1,820 bytes (1.8 KiB)\n"))
    }

    @Test func inspectJSONIsOneObject() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CheckpointFixture.writeRun(at: run)
            for path in [run, CLITestFiles.fixture("tfrecord/examples.tfrecord"), CLITestFiles.fixture("npy/archive_stored.npz")] {
                let result = try CLITestFiles.runKiln(["inspect", path, "--json"])
                #expect(result.status == 0)
                let object = try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
                #expect(object?["path"] as? String == path)
                #expect(["run", "tfrecord", "npz"].contains(object?["format"] as? String ?? ""))
            }
        }
    }

    @Test func inspectBadInput() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let empty = directory + "/empty.npy"
            try CLITestFiles.write([UInt8](), to: empty)
            let text = directory + "/notes.txt"
            try CLITestFiles.write("just text\n", to: text)
            let cutRecord = directory + "/cut.tfrecord"
            try CLITestFiles.write(Array(try CLITestFiles.bytes(CLITestFiles.fixture("tfrecord/raw.tfrecord")).prefix(100)), to: cutRecord)
            let checkpoint = directory + "/checkpoint"
            try CheckpointFixture.writeCheckpoint(at: checkpoint, epoch: 1, step: 1)
            try CLITestFiles.write("{\"epoch\": ", to: checkpoint + "/state.json")

            let cases: [(String, String)] = [
                (directory + "/missing.safetensors", "no such file or directory"),
                (empty, "the file is empty"),
                (text, "unknown format"),
                (directory, "neither a run directory"),
                (CLITestFiles.fixture("safetensors/bad/buffer_cut.safetensors"), "truncated file?"),
                (CLITestFiles.fixture("safetensors/bad/header_length_max_u64.safetensors"), "unknown format"),
                (CLITestFiles.fixture("npy/bad/crc_mismatch.npz"), "crc_mismatch.npz"),
                (CLITestFiles.fixture("npy/unsupported/object.npy"), "pickle"),
                (cutRecord, "record 2"),
                (checkpoint, "state.json: not valid JSON"),
            ]
            for (path, fragment) in cases {
                Self.expectOneLineError(try CLITestFiles.runKiln(["inspect", path]), containing: fragment)
                Self.expectOneLineError(try CLITestFiles.runKiln(["inspect", "--json", path]), containing: fragment)
            }
        }
    }

    /// Bad arguments are one `error: …` line and exit status 64 (a usage error).
    @Test func badArguments() throws {
        let cases = [["inspect"], ["inspect", "a", "--bogus"], ["plot"], ["plot", "r", "--output"],
                     ["train", "--bogus"], ["train", "--epochs", "many"], ["eval"], ["predict", "--input"], ["frobnicate"]]
        for arguments in cases {
            let run = try CLITestFiles.runKiln(arguments)
            #expect(run.status == 64, "\(arguments)")
            #expect(run.standardError.hasPrefix("error: "), "\(arguments): \(run.standardError)")
            #expect(run.standardError.split(separator: "\n").count == 1, "\(arguments): \(run.standardError)")
        }
    }

    @Test func help() throws {
        let top = try CLITestFiles.runKiln(["--help"])
        #expect(top.status == 0)
        #expect(top.standardOutput.contains("inspect") && top.standardOutput.contains("plot"))
        let inspect = try CLITestFiles.runKiln(["inspect", "--help"])
        #expect(inspect.status == 0)
        #expect(inspect.standardOutput.contains("--json") && inspect.standardOutput.contains("kiln inspect runs/digits"))
        let plot = try CLITestFiles.runKiln(["plot", "--help"])
        #expect(plot.status == 0)
        #expect(plot.standardOutput.contains("--output <file.svg>") && plot.standardOutput.contains("kiln plot runs/digits"))
    }

    @Test func plotWritesSVG() throws {
        try CLITestFiles.withTemporaryDirectory { run in
            try CLITestFiles.write(TrainingCurvesTests.classification, to: run + "/metrics.csv")
            let result = try CLITestFiles.runKiln(["plot", run])
            #expect(result.status == 0)
            #expect(result.standardOutput == "wrote \(run)/curves.svg\n")
            let svg = String(decoding: try CLITestFiles.bytes(run + "/curves.svg"), as: UTF8.self)
            #expect(svg.hasPrefix("<?xml") && svg.hasSuffix("</svg>\n"))
            #expect(svg.components(separatedBy: "<polyline").count - 1 == 6)

            let other = run + "/elsewhere.svg"
            #expect(try CLITestFiles.runKiln(["plot", run, "--output", other]).status == 0)
            #expect(try CLITestFiles.bytes(other) == (try CLITestFiles.bytes(run + "/curves.svg")))
        }
    }

    @Test func plotBadInput() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            func runDirectory(_ name: String, csv: String?) throws -> String {
                let path = directory + "/" + name
                try CLITestFiles.makeDirectory(path)
                if let csv { try CLITestFiles.write(csv, to: path + "/metrics.csv") }
                return path
            }
            let good = try runDirectory("good", csv: TrainingCurvesTests.classification)
            let file = directory + "/file"
            try CLITestFiles.write("x", to: file)
            let cases: [([String], String)] = [
                ([directory + "/missing"], "no such directory"),
                ([file], "not a directory"),
                ([try runDirectory("empty", csv: nil)], "metrics.csv: no such file"),
                ([try runDirectory("words", csv: "epoch,train_loss\n1,0.5\n2,low\n")], "line 3, column \"train_loss\": \"low\" is not a number"),
                ([try runDirectory("noloss", csv: "epoch,lr\n1,0.1\n")], "no loss column"),
                ([try runDirectory("noepoch", csv: "step,train_loss\n1,0.1\n")], "no \"epoch\" column"),
                ([try runDirectory("header", csv: "epoch,train_loss\n")], "no rows yet"),
                ([good, "--output", directory + "/no/such/dir/out.svg"], "cannot write"),
                ([good, "--output", good], "Is a directory"),
            ]
            for (arguments, fragment) in cases {
                Self.expectOneLineError(try CLITestFiles.runKiln(["plot"] + arguments), containing: fragment)
            }
        }
    }
}
