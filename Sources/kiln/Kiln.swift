import ArgumentParser
import Foundation
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

    /// Runs the command; a mistake in the arguments (an unknown option, a missing value) is one
    /// `error: …` line on standard error and exit status 64, like any other bad input — the usage
    /// is one `--help` away. Help and version requests print in full.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            let message = self.message(for: error)
            if !message.isEmpty {
                FileHandle.standardError.write(Data("error: \(message) (see --help)\n".utf8))
            }
            Foundation.exit(code.rawValue)
        }
    }
}
