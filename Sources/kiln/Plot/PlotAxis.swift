import Foundation

/// One axis of a panel: its range, where its ticks go and how they are labelled. Linear axes
/// step by 1, 2, 2.5 or 5 times a power of ten; logarithmic ones by powers of ten.
struct PlotAxis: Equatable {
    var lower: Double
    var upper: Double
    var isLogarithmic: Bool
    var ticks: [Double]
    /// The distance between linear ticks (for labels with the right number of decimals).
    var step: Double

    /// An axis covering `min...max` with about `tickCount` ticks. `snap` widens the range to the
    /// ticks around it (for values); without it the range is the data's (for epochs).
    /// `integers` keeps ticks on whole numbers.
    static func linear(_ min: Double, _ max: Double, tickCount: Int = 5, integers: Bool = false, snap: Bool = true) -> PlotAxis {
        var (low, high) = (min, max)
        if low == high {
            let pad = snap ? (low == 0 ? 1 : abs(low) * 0.1) : 0.5
            (low, high) = (low - pad, high + pad)
        }
        let step = Swift.max(integers ? 1 : 0, niceStep((high - low) / Double(Swift.max(tickCount, 1)), allowingQuarters: !integers))
        // Values too far apart to tick (±1e308): just the ends.
        guard (high - low).isFinite, (high - low) / step < 1000 else {
            return PlotAxis(lower: low, upper: high, isLogarithmic: false, ticks: [low, high], step: high - low)
        }
        if snap {
            low = (low / step).rounded(.down) * step
            high = (high / step).rounded(.up) * step
        }
        // Ticks are whole multiples of the step, counted rather than summed so no error builds up.
        var ticks: [Double] = []
        var multiple = (low / step - 1e-9).rounded(.up)
        while multiple * step <= high + step * 1e-9 {
            ticks.append(multiple == 0 ? 0 : multiple * step)
            multiple += 1
        }
        return PlotAxis(lower: low, upper: high, isLogarithmic: false, ticks: ticks, step: step)
    }

    /// A logarithmic axis for positive values from `min` to `max`: its ends at 1, 2 or 5 times a
    /// power of ten around them, ticks at the powers of ten inside, and at 2 and 5 times them too
    /// when the range spans less than two decades.
    static func logarithmic(_ min: Double, _ max: Double) -> PlotAxis {
        let steps: [Double] = [1, 2, 5, 10]
        func power(_ value: Double) -> Double { pow(10, (log10(value) + 1e-9).rounded(.down)) }
        let lowPower = power(min), highPower = power(max)
        let lower = steps.reversed().map { $0 * lowPower }.first { $0 <= min * (1 + 1e-9) } ?? lowPower
        var upper = steps.map { $0 * highPower }.first { $0 >= max * (1 - 1e-9) } ?? 10 * highPower
        if upper <= lower { upper = lower * 10 }
        let decades = log10(upper / lower)
        var ticks: [Double] = []
        var exponent = log10(power(lower)).rounded()
        while pow(10, exponent) <= upper * (1 + 1e-9) {
            for factor in decades < 2 ? [1.0, 2, 5] : [1.0] {
                let tick = factor * pow(10, exponent)
                if tick >= lower * (1 - 1e-9) && tick <= upper * (1 + 1e-9) { ticks.append(tick) }
            }
            exponent += 1
        }
        return PlotAxis(lower: lower, upper: upper, isLogarithmic: true, ticks: ticks, step: 0)
    }

    /// Where `value` falls, from 0 at `lower` to 1 at `upper`.
    func fraction(_ value: Double) -> Double {
        if isLogarithmic { return (log10(value) - log10(lower)) / (log10(upper) - log10(lower)) }
        return (value - lower) / (upper - lower)
    }

    /// The tick label for `value`: as many decimals as the step needs (0.25 → "0.25"); on log
    /// axes reaching below 0.001 or above 10,000, `1e-4` and `5e-4` forms.
    func label(_ value: Double) -> String {
        if isLogarithmic {
            let exponent = Int((log10(value) + 1e-9).rounded(.down))
            let mantissa = Int((value / pow(10, Double(exponent))).rounded())
            // Plain decimals when every tick has few digits, else all in the same `1e-4` form.
            if lower >= 1e-3 * (1 - 1e-9) && upper <= 1e4 * (1 + 1e-9) { return Self.decimal(value, decimals: Swift.max(0, -exponent)) }
            return "\(mantissa)e\(exponent)"
        }
        let magnitude = Swift.max(abs(lower), abs(upper))
        if magnitude >= 1e6 || step < 1e-4 {
            // Enough significant digits that neighbouring ticks differ (0.00105 beside 0.0011).
            let digits = Swift.max(2, Int(log10(magnitude / step).rounded(.up)) + 1)
            return String(format: "%.\(digits)g", value)
        }
        let decimals = Swift.max(0, Int((-log10(step)).rounded(.up)) + (Self.mantissa(step) == 2.5 ? 1 : 0))
        return Self.decimal(value, decimals: decimals)
    }

    /// 1, 2, 2.5 (unless `allowingQuarters` is false) or 5 times a power of ten, the nearest at
    /// or above `rough`.
    static func niceStep(_ rough: Double, allowingQuarters: Bool = true) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        let power = pow(10, log10(rough).rounded(.down))
        let factors: [Double] = allowingQuarters ? [1, 2, 2.5, 5, 10] : [1, 2, 5, 10]
        for factor in factors where factor * power >= rough * (1 - 1e-9) {
            return factor * power
        }
        return 10 * power
    }

    private static func mantissa(_ value: Double) -> Double {
        ((value / pow(10, log10(value).rounded(.down))) * 1000).rounded() / 1000
    }

    private static func decimal(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        return text.hasPrefix("-") && Double(text) == 0 ? String(text.dropFirst()) : text
    }
}
