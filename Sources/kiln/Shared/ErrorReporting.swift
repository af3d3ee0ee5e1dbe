import ArgumentParser
import Foundation

/// A failure a user can fix (a missing file, a file of the wrong kind, a bad value), carrying the
/// one line `kiln` prints for it. Throw it from a subcommand body run through `withErrorReporting`.
struct CommandError: Error, Equatable, CustomStringConvertible {
    /// What went wrong and where, in one line, without the `error:` prefix.
    var message: String
    /// The process's exit status (1 unless there is a reason for another).
    var exitCode: ExitCode

    init(_ message: String, exitCode: ExitCode = .failure) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }
}

/// Runs the body of a subcommand so that every error it throws reaches the user as one line
/// `error: …` on standard error and a non-zero exit status, never a stack trace or a dump of an
/// error value:
///
/// ```swift
/// func run() throws {
///     try withErrorReporting {
///         let weights = try SafeTensors.read(path)     // FileError, SafeTensorsError, …
///         guard !weights.names.isEmpty else { throw CommandError("\(path): holds no tensors") }
///         …
///     }
/// }
/// ```
///
/// `ExitCode` and `CleanExit` pass through unchanged (throw `ExitCode(130)` after an interrupt),
/// and so does `ValidationError`, which ArgumentParser reports with the usage line (exit 64), as
/// it does for bad options. Everything else prints `error: <errorMessage(error)>` and exits with
/// the error's `CommandError.exitCode`, else 1.
func withErrorReporting<Result>(_ body: () throws -> Result) throws -> Result {
    do {
        return try body()
    } catch {
        throw reported(error)
    }
}

/// `withErrorReporting` for `AsyncParsableCommand` bodies.
func withErrorReporting<Result>(_ body: () async throws -> Result) async throws -> Result {
    do {
        return try await body()
    } catch {
        throw reported(error)
    }
}

/// Prints `error` as one line (unless ArgumentParser reports it itself) and returns what to
/// throw to ArgumentParser to exit.
private func reported(_ error: any Error) -> any Error {
    switch error {
    case is ExitCode, is CleanExit, is ValidationError:
        return error
    default:
        printError(errorMessage(error))
        return (error as? CommandError)?.exitCode ?? ExitCode.failure
    }
}

/// Writes `error: <message>` as one line on standard error.
func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

/// The text to show a user for `error`, on one line: Kiln's errors (`FileError`,
/// `SafeTensorsError`, `NumPyError`, `TFRecordError`, …) describe themselves with the file and
/// the problem; decoding errors are shortened to what is wrong and where.
func errorMessage(_ error: any Error) -> String {
    let text: String
    switch error {
    case let error as CommandError:
        text = error.message
    case let error as DecodingError:
        text = decodingMessage(error)
    case let error as CustomStringConvertible:
        text = error.description
    default:
        text = String(describing: error)
    }
    return text.split(whereSeparator: \.isNewline).joined(separator: " ")
}

private func decodingMessage(_ error: DecodingError) -> String {
    func path(_ context: DecodingError.Context) -> String {
        let keys = context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
        return keys.isEmpty ? "" : " at \(keys.joined(separator: "."))"
    }
    switch error {
    case .dataCorrupted(let context):
        let underlying = context.underlyingError.map { ": \(errorMessage($0))" } ?? ""
        return "\(context.debugDescription)\(path(context))\(underlying)"
    case .keyNotFound(let key, let context):
        return "missing key \"\(key.stringValue)\"\(path(context))"
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
        return "\(context.debugDescription)\(path(context))"
    @unknown default:
        return String(describing: error)
    }
}
