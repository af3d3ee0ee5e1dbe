/// Shows how training goes while it runs: the training loop calls `update` every step and
/// `finishEpoch` at the end of each epoch.
///
/// On a terminal it redraws one line in place, at most ten times a second:
///
///     epoch 3/10  [########------------]  450/938  loss 0.4213  accuracy 0.871  2,310 samples/s  ETA 0:21
///
/// and leaves one summary line per epoch. When the output is not a terminal (a pipe, a file, a CI
/// log) it writes no carriage returns or escape codes, only whole lines: one every 10% of the
/// epoch (and at least every 30 seconds), and the epoch summary.
///
/// ```swift
/// let progress = ProgressBar(epochs: 10, stepsPerEpoch: loader.count)
/// for epoch in 1...10 {
///     progress.startEpoch(epoch)
///     for (step, (x, y)) in loader.enumerated() {
///         …
///         progress.update(step: step + 1, samples: x.shape[0], values: [("loss", loss.compute())])
///     }
///     progress.finishEpoch(summary: [("loss", loss.compute()), ("val_loss", validationLoss)], seconds: elapsed)
/// }
/// ```
public final class ProgressBar {
    public let epochs: Int
    /// Steps in one epoch; nil when unknown (no bar, percentage or ETA then).
    public let stepsPerEpoch: Int?
    /// Whether the output is a terminal, which gets a bar redrawn in place.
    public let isTerminal: Bool
    /// The least time between two redraws of the bar on a terminal, in seconds.
    public var redrawInterval: Double = 0.1
    /// Off a terminal: a line each time another this many percent of the epoch are done…
    public var logEveryPercent = 10
    /// …and a line when this many seconds have passed since the last one.
    public var logInterval: Double = 30

    private let write: (String) -> Void
    private let clock: () -> Double
    private let columns: Int?
    /// The widest bar, in cells (narrower when the terminal is narrow).
    private let barWidth = 20

    private var epoch = 0
    private var epochStart = 0.0
    /// The step the epoch started from (not 0 when a run resumes mid-epoch), for the ETA.
    private var firstStep = 0
    private var step = 0
    private var samples = 0
    private var values: [(String, Double)] = []
    private var lastDraw: Double?
    private var lastLog = 0.0
    /// The next multiple of `logEveryPercent` that earns a line off a terminal.
    private var nextLogMark = 1
    /// On a terminal: the current line holds the bar, `shownLine`, without a newline.
    private var barShown = false
    private var shownLine = ""

    /// - Parameters:
    ///   - output: receives the text to write, newlines and (on a terminal) carriage returns
    ///     included; standard output when nil.
    ///   - isTerminal: whether `output` is a terminal; when nil, whether standard output is one
    ///     (for the default output) or false (for a given one).
    ///   - columns: the terminal's width, which the bar line never reaches; when nil, the width of
    ///     the terminal on standard output (for the default output) or no limit.
    ///   - clock: seconds from any fixed origin, increasing; a monotonic clock when nil.
    public init(epochs: Int, stepsPerEpoch: Int?, output: ((String) -> Void)? = nil, isTerminal: Bool? = nil,
                columns: Int? = nil, clock: (() -> Double)? = nil) {
        require(epochs >= 1, "ProgressBar: epochs must be at least 1, got \(epochs)")
        require((stepsPerEpoch ?? 0) >= 0, "ProgressBar: stepsPerEpoch must not be negative, got \(stepsPerEpoch ?? 0)")
        require((columns ?? 1) >= 1, "ProgressBar: columns must be at least 1, got \(columns ?? 0)")
        self.epochs = epochs
        self.stepsPerEpoch = stepsPerEpoch == 0 ? nil : stepsPerEpoch
        if let output {
            write = output
            self.isTerminal = isTerminal ?? false
            self.columns = columns
        } else {
            write = StandardOutput.write
            self.isTerminal = isTerminal ?? StandardOutput.isTerminal
            self.columns = columns ?? (self.isTerminal ? StandardOutput.columns : nil)
        }
        if let clock {
            self.clock = clock
        } else {
            let origin = ContinuousClock.now
            self.clock = {
                let elapsed = origin.duration(to: .now).components
                return Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
            }
        }
    }

    deinit { close() }

    /// Begins epoch `epoch` (1-based, as shown: "epoch 3/10"). A run resumed mid-epoch passes the
    /// steps already done as `step`, so the ETA counts only the steps timed here.
    public func startEpoch(_ epoch: Int, step: Int = 0) {
        require(epoch >= 1 && epoch <= epochs, "ProgressBar: epoch \(epoch) is not in 1...\(epochs) (epochs are counted from 1)")
        close()
        self.epoch = epoch
        (firstStep, self.step, samples, values) = (step, step, 0, [])
        epochStart = clock()
        (lastDraw, lastLog) = (nil, epochStart)
        nextLogMark = markReached(step) + 1
    }

    /// Records that `step` steps of the epoch are done (1 after the first), the last one on a batch
    /// of `samples` samples, with `values` to show such as the running loss and accuracy.
    /// Redraws the bar when a tenth of a second has passed (on a terminal) or writes a line at
    /// the next 10% of the epoch or after `logInterval` seconds (otherwise).
    public func update(step: Int, samples: Int, values: [(String, Double)] = []) {
        require(epoch >= 1, "ProgressBar: call startEpoch before update")
        require(step >= 0 && step <= (stepsPerEpoch ?? .max),
                "ProgressBar: step \(step) is not in 0...\(stepsPerEpoch ?? .max)")
        require(samples >= 0, "ProgressBar: samples must not be negative, got \(samples)")
        self.step = step
        self.samples += samples
        self.values = values
        let now = clock()
        if isTerminal {
            if let lastDraw, now - lastDraw < redrawInterval { return }
            lastDraw = now
            let line = terminalLine(now: now)
            write("\r" + line + Self.clearToEnd)
            (barShown, shownLine) = (true, line)
        } else {
            let mark = markReached(step)
            let atMark = mark >= nextLogMark && step < (stepsPerEpoch ?? 0)
            guard atMark || now - lastLog >= logInterval else { return }
            write(statusLine(now: now) + "\n")
            lastLog = now
            nextLogMark = mark + 1
        }
    }

    /// Ends the epoch with one line: `summary` (training and validation loss and metrics, in the
    /// order given) and the epoch's duration in seconds.
    public func finishEpoch(summary: [(String, Double)], seconds: Double) {
        var parts = ["epoch \(epoch)/\(epochs)"]
        if !summary.isEmpty { parts.append(ProgressFormat.pairs(summary)) }
        parts.append("time \(ProgressFormat.duration(seconds))")
        writeLine(parts.joined(separator: "  "))
        barShown = false
    }

    /// Writes a line of text above the bar (a note from a callback, a checkpoint written) without
    /// breaking it: on a terminal the bar is drawn again below the line.
    public func message(_ text: String) {
        writeLine(text)
        if barShown { write("\r" + shownLine + Self.clearToEnd) }
    }

    /// Ends the bar's line, keeping its last state on screen, so that what is written next
    /// (after an interruption, say) starts on a line of its own. `startEpoch` and
    /// `finishEpoch` do this themselves.
    public func close() {
        if barShown { write("\n") }
        barShown = false
    }

    // MARK: lines

    /// ANSI "erase to end of line": removes what a longer previous bar left behind.
    private static let clearToEnd = "\u{1B}[K"

    /// Writes `text` on a line of its own: over the bar on a terminal.
    private func writeLine(_ text: String) {
        write(barShown ? "\r" + text + Self.clearToEnd + "\n" : text + "\n")
    }

    /// The multiples of `logEveryPercent` percent that `step` has reached (integers: 3 of 10 steps
    /// is exactly 30%).
    private func markReached(_ step: Int) -> Int {
        guard let total = stepsPerEpoch, logEveryPercent > 0 else { return 0 }
        return step * 100 / (total * logEveryPercent)
    }

    /// The bar line (on a terminal, with `bar` when given) or the log line: epoch, steps, values,
    /// throughput and ETA.
    private func statusLine(now: Double, bar: String? = nil) -> String {
        var parts = ["epoch \(epoch)/\(epochs)"]
        if let total = stepsPerEpoch {
            if isTerminal {
                if let bar { parts.append(bar) }
                parts.append("\(step)/\(total)")
            } else {
                parts.append("step \(step)/\(total) (\(step * 100 / total)%)")
            }
        } else {
            parts.append("step \(step)")
        }
        if !values.isEmpty { parts.append(ProgressFormat.pairs(values)) }
        let elapsed = now - epochStart
        if elapsed > 0 && samples > 0 {
            parts.append("\(ProgressFormat.rate(Double(samples) / elapsed)) samples/s")
        }
        if let total = stepsPerEpoch {
            let done = step - firstStep
            if done > 0 && elapsed > 0 {
                parts.append("ETA \(ProgressFormat.clock(elapsed / Double(done) * Double(total - step)))")
            }
        } else if elapsed > 0 {
            parts.append("elapsed \(ProgressFormat.clock(elapsed))")
        }
        return parts.joined(separator: "  ")
    }

    /// The bar line with the bar as wide as fits in `columns − 1` cells (up to `barWidth`; left
    /// out below 5), cut at that width so that the carriage return still reaches its start.
    private func terminalLine(now: Double) -> String {
        guard let total = stepsPerEpoch else { return cut(statusLine(now: now)) }
        var width = barWidth
        if let columns {
            // The line without a bar, plus the bar's brackets and separator.
            width = min(barWidth, columns - 1 - statusLine(now: now).count - 4)
        }
        guard width >= 5 else { return cut(statusLine(now: now)) }
        return cut(statusLine(now: now, bar: ProgressFormat.bar(Double(step) / Double(total), width: width)))
    }

    private func cut(_ line: String) -> String {
        guard let columns, line.count > columns - 1 else { return line }
        return String(line.prefix(columns - 1))
    }
}
