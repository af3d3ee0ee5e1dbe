import Foundation
import Testing
@testable import kiln

/// Tick placement and labels: linear axes step by 1, 2, 2.5 or 5 × 10^k and cover the data; log
/// axes tick at powers of ten.
@Suite struct PlotAxisTests {
    @Test func niceSteps() {
        #expect(PlotAxis.niceStep(0.37) == 0.5)
        #expect(PlotAxis.niceStep(0.2) == 0.2)
        #expect(PlotAxis.niceStep(2.1) == 2.5)
        #expect(PlotAxis.niceStep(2.1, allowingQuarters: false) == 5)
        #expect(PlotAxis.niceStep(7) == 10)
        #expect(PlotAxis.niceStep(0.00012) == 0.0002)
    }

    @Test func linearValues() {
        let axis = PlotAxis.linear(0.05, 1.96)
        #expect(axis.lower == 0 && axis.upper == 2)
        #expect(axis.ticks == [0, 0.5, 1, 1.5, 2])
        #expect(axis.ticks.map(axis.label) == ["0.0", "0.5", "1.0", "1.5", "2.0"])
        #expect(axis.fraction(1) == 0.5)

        let accuracy = PlotAxis.linear(0.31, 0.985)
        #expect(accuracy.ticks.first! <= 0.31 && accuracy.ticks.last! >= 0.985)
        #expect(accuracy.ticks.map(accuracy.label) == ["0.2", "0.4", "0.6", "0.8", "1.0"])

        let quarters = PlotAxis.linear(0, 10, tickCount: 4)
        #expect(quarters.ticks.map(quarters.label) == ["0.0", "2.5", "5.0", "7.5", "10.0"])
    }

    /// Epochs: whole-number ticks inside the data's own range; one epoch gets a range around it.
    @Test func epochs() {
        let axis = PlotAxis.linear(1, 20, tickCount: 8, integers: true, snap: false)
        #expect(axis.lower == 1 && axis.upper == 20)
        #expect(axis.ticks == [5, 10, 15, 20])
        #expect(axis.label(5) == "5")
        let single = PlotAxis.linear(0, 0, integers: true, snap: false)
        #expect(single.lower == -0.5 && single.upper == 0.5 && single.ticks == [0])
    }

    @Test func constantValues() {
        let axis = PlotAxis.linear(0.01, 0.01)
        #expect(axis.lower < 0.01 && axis.upper > 0.01)
        #expect(axis.ticks.contains { abs($0 - 0.01) < 1e-12 })
    }

    /// Values too far apart for ticks (the span overflows) get their ends only, not a hang.
    @Test func extremeRange() {
        let axis = PlotAxis.linear(-1e308, 1e308)
        #expect(axis.ticks == [-1e308, 1e308])
    }

    @Test func logarithmic() {
        let wide = PlotAxis.logarithmic(7e-6, 1.001e-3)
        #expect(abs(wide.lower - 5e-6) < 1e-18)
        #expect(abs(wide.upper - 2e-3) < 1e-15)
        #expect(wide.ticks.count == 3)
        #expect(wide.ticks.map(wide.label) == ["1e-5", "1e-4", "1e-3"])
        #expect(abs(wide.fraction(1e-4) - (log10(1e-4) - log10(5e-6)) / (log10(2e-3) - log10(5e-6))) < 1e-12)

        let steps = PlotAxis.logarithmic(0.001, 0.1)
        #expect(abs(steps.lower - 0.001) < 1e-15 && abs(steps.upper - 0.1) < 1e-15)
        #expect(steps.ticks.map(steps.label) == ["0.001", "0.01", "0.1"])

        // Within two decades the 2× and 5× ticks are there too.
        let narrow = PlotAxis.logarithmic(0.01, 0.1)
        #expect(narrow.ticks.map(narrow.label) == ["0.01", "0.02", "0.05", "0.1"])
    }

    /// A constant learning rate gets a narrow axis around it; its ticks must read differently.
    @Test func narrowSmallRangesKeepTicksDistinct() {
        let axis = PlotAxis.linear(0.0009, 0.0011)
        let labels = axis.ticks.map(axis.label)
        #expect(labels.count >= 3)
        #expect(Set(labels).count == labels.count, "\(labels)")
        #expect(labels.contains("0.001"))
    }
}

