import ArgumentParser
import Foundation

/// `kiln plot RUN_DIR`: the training curves of a run as an SVG image a browser opens.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw a run's loss, metric and learning-rate curves as an SVG image.",
        discussion: """
        Reads RUN_DIR/metrics.csv (one row per epoch; columns epoch, step, lr, train_loss, \
        seconds, and train_<metric>/val_<metric> for each metric) and draws one panel for the \
        losses (every column ending in _loss), one per metric (train and val together), one per \
        other column, and one for the learning rate (on a log scale when it spans a decade or \
        more). Empty cells are skipped. Open the SVG in any web browser.

        A missing or malformed metrics.csv, or an output that cannot be written, prints one line \
        "error: …" and exits with status 1.

        Examples:
          kiln plot runs/digits                      # writes runs/digits/curves.svg
          kiln plot runs/digits --output /tmp/digits.svg
        """
    )

    @Argument(help: "A run directory holding metrics.csv (what `kiln train --run-dir` writes).")
    var runDirectory: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the SVG image (default: RUN_DIRECTORY/curves.svg).", valueName: "file.svg"))
    var output: String?

    func run() throws {
        try withErrorReporting {
            let destination = output ?? runDirectory + "/curves.svg"
            let svg = try Self.render(runDirectory: runDirectory)
            try writeTextFile(svg, to: destination)
            print("wrote \(destination)")
        }
    }

    /// The SVG image of the curves in `runDirectory/metrics.csv`.
    static func render(runDirectory: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: runDirectory, isDirectory: &isDirectory) else {
            throw CommandError("\(runDirectory): no such directory")
        }
        guard isDirectory.boolValue else {
            throw CommandError("\(runDirectory): not a directory; give the run directory that holds metrics.csv")
        }
        let source = runDirectory + "/metrics.csv"
        guard FileManager.default.fileExists(atPath: source) else {
            throw CommandError("\(source): no such file; is \(runDirectory) a run directory?")
        }
        let curves = try TrainingCurves(try MetricsTable.read(source), source: source)
        let name = URL(fileURLWithPath: runDirectory).standardizedFileURL.lastPathComponent
        let epochs = "\(curves.epochCount) epoch\(curves.epochCount == 1 ? "" : "s")"
        return CurvesRenderer().svg(curves, title: "Training curves: \(name)", subtitle: "\(source) · \(epochs)")
    }
}
