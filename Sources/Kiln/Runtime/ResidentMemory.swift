import Foundation

extension Kiln {
    /// The process's resident set size in bytes (Linux: `/proc/self/statm`; elsewhere nil).
    /// Used to show that training loops do not leak.
    public static func residentMemoryBytes() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}
