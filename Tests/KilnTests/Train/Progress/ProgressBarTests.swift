import Testing
@testable import Kiln

/// The progress bar on a terminal (redrawn in place, throttled) and off one (whole log lines), with
/// an injected output and clock so nothing sleeps.
@Suite struct ProgressBarTests {
    /// Everything the bar writes, with the clock's time at each write.
    final class Capture {
        var now = 0.0
        var writes: [(time: Double, text: String)] = []
        var text: String { writes.map(\.text).joined() }
    }

    private func makeBar(_ capture: Capture, terminal: Bool, epochs: Int = 10, steps: Int? = 938,
                         columns: Int? = nil) -> ProgressBar {
        ProgressBar(epochs: epochs, stepsPerEpoch: steps, output: { capture.writes.append((capture.now, $0)) },
                    isTerminal: terminal, columns: columns, clock: { capture.now })
    }

    private let clear = "\u{1B}[K"

    @Test func terminalRedrawsOneLineInPlace() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: true)
        bar.startEpoch(3)
        capture.now = 20
        bar.update(step: 450, samples: 45_000, values: [("loss", 0.421_34), ("acc", 0.871)])
        // 45,000 samples in 20 s; 488 steps left at 20/450 s each = 21.7 s.
        #expect(capture.text == "\repoch 3/10  [#########-----------]  450/938  loss 0.4213  acc 0.871  2,250 samples/s  ETA 0:22" + clear)
    }

    @Test func terminalRedrawsAtMostTenTimesASecond() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: true, steps: 1000)
        bar.startEpoch(1)
        for step in 1...1000 {
            capture.now = Double(step) * 0.004  // 250 steps a second for 4 s
            bar.update(step: step, samples: 32, values: [("loss", 1)])
        }
        let times = capture.writes.map(\.time)
        #expect(times.first == 0.004)  // the first step is drawn at once
        #expect(zip(times, times.dropFirst()).allSatisfy { $1 - $0 >= 0.1 - 1e-9 })
        #expect(times.count >= 38 && times.count <= 41)
        #expect(capture.writes.allSatisfy { $0.text.hasPrefix("\r") && !$0.text.contains("\n") })
    }

    @Test func terminalEpochSummaryReplacesTheBar() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: true)
        bar.startEpoch(3)
        capture.now = 1
        bar.update(step: 10, samples: 640)
        capture.writes.removeAll()
        bar.finishEpoch(summary: [("loss", 0.4213), ("accuracy", 0.871), ("val_loss", 0.39214), ("val_accuracy", 0.885)],
                        seconds: 12.44)
        #expect(capture.text == "\repoch 3/10  loss 0.4213  accuracy 0.871  val_loss 0.3921  val_accuracy 0.885  time 12.4s" + clear + "\n")
        // The next epoch's bar starts on the fresh line; no stray newline in between.
        capture.writes.removeAll()
        bar.startEpoch(4)
        #expect(capture.text.isEmpty)
    }

    @Test func terminalMessageGoesAboveTheBar() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: true, steps: 100)
        bar.startEpoch(1)
        capture.now = 2
        bar.update(step: 50, samples: 50)
        let barLine = "epoch 1/10  [##########----------]  50/100  25 samples/s  ETA 0:02"
        #expect(capture.text == "\r" + barLine + clear)
        capture.writes.removeAll()
        bar.message("checkpoint written")
        #expect(capture.text == "\rcheckpoint written" + clear + "\n\r" + barLine + clear)
        capture.writes.removeAll()
        bar.close()
        #expect(capture.text == "\n")
        bar.message("interrupted")
        #expect(capture.text == "\ninterrupted\n")
    }

    @Test func narrowTerminalGetsAShorterBarAndACutLine() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: true, columns: 66)
        bar.startEpoch(3)
        capture.now = 20
        bar.update(step: 450, samples: 45_000, values: [("loss", 0.421_34)])
        // 59 characters without the bar; 66 − 1 − 59 − 4 = 2 cells is too narrow: no bar.
        #expect(capture.writes.last?.text == "\repoch 3/10  450/938  loss 0.4213  2,250 samples/s  ETA 0:22" + clear)

        let wider = Capture()
        let bar2 = makeBar(wider, terminal: true, columns: 80)
        bar2.startEpoch(3)
        wider.now = 20
        bar2.update(step: 450, samples: 45_000, values: [("loss", 0.421_34)])
        // 80 − 1 − 59 − 4 = 16 cells, 7 of them done.
        #expect(wider.writes.last?.text == "\repoch 3/10  [#######---------]  450/938  loss 0.4213  2,250 samples/s  ETA 0:22" + clear)

        let tiny = Capture()
        let bar3 = makeBar(tiny, terminal: true, columns: 21)
        bar3.startEpoch(3)
        bar3.update(step: 1, samples: 1)
        #expect(tiny.writes.last?.text == "\repoch 3/10  1/938" + clear)
        tiny.now = 1
        bar3.update(step: 2, samples: 1, values: [("loss", 2)])
        #expect(tiny.writes.last?.text == "\repoch 3/10  2/938  l" + clear)  // cut at 20 characters
    }

    @Test func plainOutputLogsEveryTenthOfTheEpochWithoutCarriageReturns() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: false, epochs: 2, steps: 50)
        bar.startEpoch(1)
        for step in 1...50 {
            capture.now = Double(step) * 0.125
            bar.update(step: step, samples: 32, values: [("loss", 0.5)])
        }
        bar.message("validating")
        bar.finishEpoch(summary: [("loss", 0.5), ("val_loss", 0.6)], seconds: 75)
        let lines = capture.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(!capture.text.contains("\r") && !capture.text.contains("\u{1B}"))
        #expect(capture.text.hasSuffix("\n"))
        #expect(lines.count == 12)  // 10%…90%, the message, the summary, and "" after the last newline
        // Step 5 at 0.625 s: 160 samples → 256 samples/s; 45 steps left at 0.125 s each = 5.6 s.
        #expect(lines[0] == "epoch 1/2  step 5/50 (10%)  loss 0.5  256 samples/s  ETA 0:06")
        #expect(lines[8].hasPrefix("epoch 1/2  step 45/50 (90%)  "))
        #expect(lines[9] == "validating")
        #expect(lines[10] == "epoch 1/2  loss 0.5  val_loss 0.6  time 1:15")
    }

    @Test func plainOutputLogsByTimeWhenStepsAreUnknownOrSlow() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: false, epochs: 1, steps: nil)
        bar.startEpoch(1)
        for step in 1...100 {
            capture.now = Double(step)
            bar.update(step: step, samples: 10)
        }
        #expect(capture.writes.map(\.time) == [30, 60, 90])
        #expect(capture.writes[0].text == "epoch 1/1  step 30  10 samples/s  elapsed 0:30\n")

        // A long epoch: the time limit adds lines between the 10% marks.
        let slow = Capture()
        let bar2 = makeBar(slow, terminal: false, epochs: 1, steps: 100)
        bar2.logInterval = 60
        bar2.startEpoch(1)
        for step in 1...4 {
            slow.now = Double(step) * 100
            bar2.update(step: step, samples: 1)
        }
        #expect(slow.writes.count == 4)
    }

    @Test func etaCountsOnlyTheStepsTimedAfterAResume() {
        let capture = Capture()
        let bar = makeBar(capture, terminal: false, steps: 938)
        bar.logEveryPercent = 100  // no percentage lines: only the time limit
        bar.logInterval = 10
        bar.startEpoch(2, step: 400)
        capture.now = 10
        bar.update(step: 500, samples: 6_400)
        // 100 steps in 10 s; 438 left → 43.8 s.
        #expect(capture.text == "epoch 2/10  step 500/938 (53%)  640 samples/s  ETA 0:44\n")
    }

    @Test func numbersAreFormattedForPeople() {
        #expect(ProgressFormat.value(0.421_34) == "0.4213")
        #expect(ProgressFormat.value(0.871) == "0.871")
        #expect(ProgressFormat.value(2.302_585) == "2.303")
        #expect(ProgressFormat.value(1234.56) == "1235")
        #expect(ProgressFormat.value(.nan) == "nan")
        #expect(ProgressFormat.grouped(999) == "999")
        #expect(ProgressFormat.grouped(2310) == "2,310")
        #expect(ProgressFormat.grouped(1_234_567) == "1,234,567")
        #expect(ProgressFormat.grouped(-1000) == "-1,000")
        #expect(ProgressFormat.rate(2310.4) == "2,310")
        #expect(ProgressFormat.rate(45.26) == "45.3")
        #expect(ProgressFormat.rate(0.8153) == "0.815")
        #expect(ProgressFormat.clock(21.69) == "0:22")
        #expect(ProgressFormat.clock(59.4) == "0:59")
        #expect(ProgressFormat.clock(600) == "10:00")
        #expect(ProgressFormat.clock(3599.6) == "1:00:00")
        #expect(ProgressFormat.clock(3725) == "1:02:05")
        #expect(ProgressFormat.duration(12.44) == "12.4s")
        #expect(ProgressFormat.duration(205) == "3:25")
        #expect(ProgressFormat.bar(0.5, width: 4) == "[##--]")
        #expect(ProgressFormat.bar(1, width: 4) == "[####]")
    }

    /// A 0-based epoch is a programmer error (a child process stops with a message).
    @Test func epochsCountFromOne() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            ProgressBar(epochs: 3, stepsPerEpoch: 10, output: { _ in }).startEpoch(0)
        }
        let text = result.map { String(decoding: $0.standardErrorContent, as: UTF8.self) } ?? ""
        #expect(text.contains("ProgressBar: epoch 0 is not in 1...3"), "\(text)")
    }
}
