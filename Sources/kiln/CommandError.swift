/// A mistake in what a person asked the command to do (an option, a file): printed as one
/// `error: …` line, exit status 1.
struct CommandError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
