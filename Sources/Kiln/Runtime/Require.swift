/// Stops with `message` when `condition` is false — in every build configuration.
///
/// Swift's `precondition` drops its message in optimised builds, but a shape error must still
/// say which op failed and on which shapes, so Kiln's checks go through `fatalError`.
@inline(__always)
func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
             file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}

/// Stops with `message`: an unconditional `require` for paths a programmer error reached.
func requireFailure(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
    fatalError(message(), file: file, line: line)
}
