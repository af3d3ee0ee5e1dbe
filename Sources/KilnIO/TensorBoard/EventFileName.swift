#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization

/// The names TensorBoard gives event files, `events.out.tfevents.<%010d unix time>.<hostname>.<pid>.<counter><suffix>`
/// (tensorboard/summary/writer/event_file_writer.py): TensorBoard finds a run's files by the
/// prefix and reads them in name order, which is time order.
enum EventFileName {
    static let prefix = "events.out.tfevents."

    /// Counts the event files this process creates, as TensorBoard's writer does, so that two
    /// writers started in the same second get different names.
    private static let counter = Mutex(0)

    /// A new name for a file started at `time` (seconds since the Unix epoch).
    static func next(time: Double, suffix: String) -> String {
        let count = counter.withLock { value in
            defer { value += 1 }
            return value
        }
        return make(time: time, host: hostName(), pid: Int(getpid()), counter: count, suffix: suffix)
    }

    static func make(time: Double, host: String, pid: Int, counter: Int, suffix: String) -> String {
        let seconds = String(Int(time.rounded(.down)))
        let padded = String(repeating: "0", count: Swift.max(0, 10 - seconds.count)) + seconds
        return "\(prefix)\(padded).\(host).\(pid).\(counter)\(suffix)"
    }

    /// Whether `name` (a file name, no directory) is an event file's.
    static func matches(_ name: String) -> Bool {
        name.hasPrefix(prefix)
    }

    /// This machine's name (Python's `socket.gethostname()`), "localhost" when the system has none.
    static func hostName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return name.isEmpty ? "localhost" : name
    }

    /// Seconds since the Unix epoch, with sub-second precision (Python's `time.time()`).
    static func now() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    /// Seconds on a clock that never jumps, for flush intervals.
    static func monotonicNow() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
