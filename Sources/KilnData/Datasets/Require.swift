/// Stops with `message` when `condition` is false, in every build configuration: a programmer
/// error such as a batch size of 0 or an index out of range. (Kiln's `require` is internal to
/// the Kiln target; this one has its own name so it cannot clash with other files of KilnData.)
@inline(__always)
func requireArgument(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                     file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
