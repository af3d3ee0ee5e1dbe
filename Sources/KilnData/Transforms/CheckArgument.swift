/// Stops with `message` when `condition` is false, in every build configuration: a programmer
/// error such as a crop larger than allowed or a tensor of the wrong rank. (Named apart from the
/// `require` of other targets so KilnData files written in parallel never declare it twice.)
@inline(__always)
func checkArgument(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
                   file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError(message(), file: file, line: line) }
}
