/// Draws `TrainingCurves` as an SVG page: a title, then the panels in a grid of two columns, each
/// with a title, a legend, grid lines, ticked and labelled axes and a line per series. Every
/// panel shares the epoch axis so they line up. Panels are `<g class="panel" data-title="…">`
/// and lines `<polyline data-series="<column>">`, so the file can be checked by machine too.
struct CurvesRenderer {
    var panelWidth = 460.0
    var panelHeight = 300.0
    var gap = 20.0
    var margin = 24.0
    var headerHeight = 52.0
    /// Points are marked with dots up to this many per line.
    var markerLimit = 60

    func svg(_ curves: TrainingCurves, title: String, subtitle: String) -> String {
        let columns = curves.panels.count >= 2 ? 2 : 1
        let rows = (curves.panels.count + columns - 1) / columns
        let width = 2 * margin + Double(columns) * panelWidth + Double(columns - 1) * gap
        let height = 2 * margin + headerHeight + Double(rows) * panelHeight + Double(max(rows - 1, 0)) * gap
        var svg = SVGDocument(width: width, height: height)
        svg.rect(x: 0, y: 0, width: width, height: height, fill: "#f7f7f7")
        svg.text(title, x: margin, y: margin + 18, size: 18, fill: "#222", bold: true)
        svg.text(subtitle, x: margin, y: margin + 38, size: 12, fill: "#666")

        let epochs = curves.panels.flatMap { $0.series.flatMap { $0.points.map(\.x) } }
        let integral = epochs.allSatisfy { $0 == $0.rounded() }
        var xAxis = PlotAxis.linear(epochs.min() ?? 0, epochs.max() ?? 1, tickCount: 8, integers: integral, snap: false)
        // A little room at both ends, so the first and last points stand clear of the frame.
        let pad = epochs.count > 1 && Set(epochs).count > 1 ? (xAxis.upper - xAxis.lower) * 0.02 : 0
        (xAxis.lower, xAxis.upper) = (xAxis.lower - pad, xAxis.upper + pad)
        for (index, panel) in curves.panels.enumerated() {
            let x = margin + Double(index % columns) * (panelWidth + gap)
            let y = margin + headerHeight + Double(index / columns) * (panelHeight + gap)
            draw(panel, x: x, y: y, xAxis: xAxis, into: &svg)
        }
        return svg.rendered()
    }

    /// The vertical axis for a panel's values.
    static func valueAxis(_ panel: TrainingCurves.Panel) -> PlotAxis {
        let values = panel.series.flatMap { $0.points.map(\.y) }
        let (low, high) = (values.min() ?? 0, values.max() ?? 1)
        return panel.logScale ? .logarithmic(low, high) : .linear(low, high, tickCount: 5)
    }

    private func draw(_ panel: TrainingCurves.Panel, x: Double, y: Double, xAxis: PlotAxis, into svg: inout SVGDocument) {
        let yAxis = Self.valueAxis(panel)
        let (left, right) = (x + 64, x + panelWidth - 20)
        let (top, bottom) = (y + 46, y + panelHeight - 46)
        func px(_ value: Double) -> Double { left + xAxis.fraction(value) * (right - left) }
        func py(_ value: Double) -> Double { bottom - yAxis.fraction(value) * (bottom - top) }

        svg.group(["class": "panel", "data-title": panel.title]) { svg in
            svg.rect(x: x, y: y, width: panelWidth, height: panelHeight, fill: "#ffffff", stroke: "#d9d9d9", cornerRadius: 6)
            svg.text(panel.title, x: x + 14, y: y + 26, size: 14, fill: "#222", bold: true)
            drawLegend(panel.series.filter { !$0.points.isEmpty }, right: x + panelWidth - 14, baseline: y + 26, into: &svg)

            for tick in yAxis.ticks {
                svg.line(x1: left, y1: py(tick), x2: right, y2: py(tick), stroke: "#ebebeb")
                svg.text(yAxis.label(tick), x: left - 7, y: py(tick) + 4, size: 11, anchor: .end, fill: "#555")
            }
            for tick in xAxis.ticks {
                svg.line(x1: px(tick), y1: top, x2: px(tick), y2: bottom, stroke: "#f3f3f3")
                svg.line(x1: px(tick), y1: bottom, x2: px(tick), y2: bottom + 4, stroke: "#999")
                svg.text(xAxis.label(tick), x: px(tick), y: bottom + 17, size: 11, anchor: .middle, fill: "#555")
            }
            svg.line(x1: left, y1: top, x2: left, y2: bottom, stroke: "#999")
            svg.line(x1: left, y1: bottom, x2: right, y2: bottom, stroke: "#999")
            svg.text("epoch", x: (left + right) / 2, y: bottom + 36, size: 12, anchor: .middle, fill: "#444")
            let yLabel = panel.logScale ? panel.yLabel + " (log scale)" : panel.yLabel
            svg.text(yLabel, x: x + 16, y: (top + bottom) / 2, size: 12, anchor: .middle, fill: "#444", rotation: -90)

            for series in panel.series where !series.points.isEmpty {
                let points = series.points.map { (x: px($0.x), y: py($0.y)) }
                svg.polyline(points, stroke: series.color, extra: ["class": "series", "data-series": series.column])
                if points.count <= markerLimit {
                    for point in points { svg.circle(x: point.x, y: point.y, radius: 2.5, fill: series.color) }
                }
            }
        }
    }

    /// Swatches and labels, right-aligned at `right`, on the title's line.
    private func drawLegend(_ series: [TrainingCurves.Series], right: Double, baseline: Double, into svg: inout SVGDocument) {
        let swatch = 18.0, spacing = 14.0
        // About 7 px per character of 12 px text.
        let widths = series.map { swatch + 5 + Double($0.label.count) * 7 }
        var x = right - widths.reduce(0, +) - spacing * Double(max(series.count - 1, 0))
        svg.group(["class": "legend"]) { svg in
            for (entry, width) in zip(series, widths) {
                svg.line(x1: x, y1: baseline - 4, x2: x + swatch, y2: baseline - 4, stroke: entry.color, width: 3)
                svg.text(entry.label, x: x + swatch + 5, y: baseline, size: 12, fill: "#333")
                x += width + spacing
            }
        }
    }
}
