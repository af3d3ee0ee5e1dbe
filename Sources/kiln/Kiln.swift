import ArgumentParser
import Kiln

@main
struct KilnCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiln",
        abstract: "Kiln: deep learning in Swift.",
        discussion: "Backend: \(Kiln.backendDescription)",
        version: Kiln.version,
        subcommands: [
            TrainCommand.self, EvalCommand.self, PredictCommand.self, InspectCommand.self, PlotCommand.self,
            BenchCommand.self,
        ]
    )
}
