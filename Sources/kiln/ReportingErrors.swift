import ArgumentParser
import Foundation

/// Runs a subcommand's body so that any error reaches the user as one `error: …` line on stderr
/// and exit status 1 — never a stack trace. Exit codes thrown on purpose (130 after Ctrl-C)
/// pass through.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let exit as ExitCode {
        throw exit
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ExitCode.failure
    }
}
