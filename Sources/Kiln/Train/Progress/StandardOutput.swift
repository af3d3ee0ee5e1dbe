#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's standard output as the progress bar uses it.
enum StandardOutput {
    /// Writes `text` and flushes, through the same buffer as `print`, so lines stay in order with
    /// what the program prints itself.
    static func write(_ text: String) {
        print(text, terminator: "")
        fflush(nil)
    }

    /// Whether standard output is a terminal (not a pipe, a file or a CI log).
    static var isTerminal: Bool { isatty(STDOUT_FILENO) == 1 }

    /// The terminal's width in columns, nil when it cannot be told.
    static var columns: Int? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }
}
