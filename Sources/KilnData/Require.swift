/// Stops with `message` when `condition` is false, in every build configuration: a programmer
/// error such as an unknown column name or a transform before `fit` (Kiln's own `require` is
/// internal to the Kiln target).
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}

/// Stops with `message`: an unconditional `require` for paths a programmer error reached.
func requireFailure(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
