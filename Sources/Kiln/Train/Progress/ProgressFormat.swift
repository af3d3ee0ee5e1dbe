import Foundation

/// How the progress bar writes numbers for a person: few digits, thousands separated, durations
/// as clock time.
enum ProgressFormat {
    /// A metric or loss with 4 significant digits, trailing zeros dropped ("0.4213", "0.871", "12.5").
    static func value(_ v: Double) -> String {
        if v.isNaN { return "nan" }
        if v.isInfinite { return v > 0 ? "inf" : "-inf" }
        return String(format: "%.4g", v)
    }

    /// A whole number with thousands separators: "2,310", "-1,000,000".
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    /// A rate: whole and grouped from 100 up ("2,310"), 3 significant digits below ("45.2", "0.815").
    static func rate(_ r: Double) -> String {
        guard r.isFinite else { return value(r) }
        return r >= 99.5 ? grouped(Int(r.rounded())) : String(format: "%.3g", r)
    }

    /// Seconds as m:ss below an hour, h:mm:ss from an hour up, rounded to the nearest second.
    static func clock(_ seconds: Double) -> String {
        guard seconds.isFinite else { return "--:--" }
        let total = Int(max(0, seconds).rounded())
        let (h, m, s) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// An epoch's duration: "12.4s" below a minute, clock time ("3:25") from a minute up.
    static func duration(_ seconds: Double) -> String {
        seconds < 59.95 ? String(format: "%.1fs", max(0, seconds)) : clock(seconds)
    }

    /// "[########------]": `fraction` of `width` cells filled.
    static func bar(_ fraction: Double, width: Int) -> String {
        let filled = min(width, max(0, Int((fraction * Double(width)).rounded(.down))))
        return "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]"
    }

    /// "loss 0.4213  acc 0.871".
    static func pairs(_ values: [(String, Double)]) -> String {
        values.map { "\($0.0) \(value($0.1))" }.joined(separator: "  ")
    }
}
