import ArgumentParser
import Foundation
import Kiln

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Run performance workloads and print their figures.",
        discussion: """
        Each workload prints one JSON object (with --json) in the format of the reference scripts in \
        bench/reference/, so Kiln and PyTorch/NumPy can be run side by side and compared as ratios. \
        Threads: KILN_NUM_THREADS (default: all cores). KILN_BLAS=none measures the portable Swift kernels.

        Workloads: \(Workload.all.map(\.name).joined(separator: ", ")).
        """
    )

    @Argument(help: "Workloads to run (default: all).")
    var names: [String] = []

    @Flag(help: "Print one JSON object per workload instead of a table.")
    var json = false

    func validate() throws {
        let known = Set(Workload.all.map(\.name))
        for name in names where !known.contains(name) {
            throw ValidationError("unknown workload '\(name)'; choose from \(Workload.all.map(\.name).joined(separator: ", "))")
        }
    }

    func run() throws {
        let selected = names.isEmpty ? Workload.all : Workload.all.filter { names.contains($0.name) }
        if !json { print(Kiln.backendDescription) }
        for workload in selected {
            let report = workload.run()
            if json {
                print(report.jsonLine())
            } else {
                print(report.table())
            }
        }
    }
}

/// A named benchmark.
struct Workload: Sendable {
    let name: String
    let run: @Sendable () -> BenchReport

    static let all: [Workload] = [
        Workload(name: "gemm", run: gemmBenchmark),
        Workload(name: "op-overhead", run: opOverheadBenchmark),
        Workload(name: "conv2d", run: conv2dBenchmark),
        Workload(name: "elementwise", run: elementwiseBenchmark),
        Workload(name: "memory", run: memoryBenchmark),
        Workload(name: "mlp-train-step", run: mlpTrainStepBenchmark),
        Workload(name: "cnn-train-step", run: cnnTrainStepBenchmark),
        Workload(name: "fashion-mnist-load", run: fashionMNISTLoadBenchmark),
        Workload(name: "augment-throughput", run: augmentThroughputBenchmark),
        Workload(name: "loader-stall", run: loaderStallBenchmark),
        Workload(name: "fashion-mnist-mlp-epoch", run: fashionMNISTMLPEpochBenchmark),
        Workload(name: "fashion-mnist-cnn-epoch", run: fashionMNISTCNNEpochBenchmark),
    ]
}

/// One workload's figures, printed as the reference scripts print theirs.
struct BenchReport {
    var fields: [String: Any]
    var results: [[String: Any]]

    init(bench: String, extra: [String: Any] = [:], results: [[String: Any]]) {
        fields = ["bench": bench, "impl": "kiln", "threads": ThreadPool.threadCount, "backend": Kiln.backendDescription]
        fields.merge(extra) { $1 }
        self.results = results
    }

    func jsonLine() -> String {
        var object = fields
        object["results"] = results
        let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    func table() -> String {
        var lines = ["\(fields["bench"]!) (threads: \(fields["threads"]!))"]
        if let reason = fields["skipped"] { lines.append("  skipped: \(reason)") }
        for r in results {
            lines.append("  " + r.keys.sorted().map { "\($0)=\(r[$0]!)" }.joined(separator: "  "))
        }
        return lines.joined(separator: "\n")
    }
}
