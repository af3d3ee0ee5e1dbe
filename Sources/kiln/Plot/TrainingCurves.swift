import Foundation

/// What `kiln plot` draws: one panel per quantity, each with a line per series, built from the
/// columns of `metrics.csv`:
/// - **Loss**: every column ending in `_loss` (`train_loss`, `val_loss`, …);
/// - one panel per other metric, its `train_`, `val_` and `test_` columns together
///   (`train_accuracy` and `val_accuracy` in **Accuracy**);
/// - any other column of figures (not `epoch`, `step`, `seconds`) in a panel of its own;
/// - **Learning rate** (`lr`), on a log scale when it spans a decade or more.
struct TrainingCurves: Equatable {
    struct Series: Equatable {
        /// The column it is drawn from.
        var column: String
        /// The legend text (`train`, `val`).
        var label: String
        var color: String
        /// (epoch, value) in epoch order; empty and non-finite cells are left out.
        var points: [Point]
    }

    struct Point: Equatable {
        var x: Double
        var y: Double
    }

    struct Panel: Equatable {
        var title: String
        /// The quantity on the vertical axis.
        var yLabel: String
        var logScale: Bool
        var series: [Series]
    }

    var panels: [Panel]
    var epochCount: Int

    /// The columns that are bookkeeping, not curves.
    static let bookkeeping: Set<String> = ["epoch", "step", "seconds", "lr"]
    static let splits = ["train", "val", "test"]

    /// The curves of `metrics`; `source` names it in errors. Throws `CommandError` when there is
    /// no `epoch` column, no loss column, or no rows. A row repeating an epoch (a resumed run that
    /// logged it again) replaces the earlier one.
    init(_ metrics: MetricsTable, source: String) throws {
        let listed = metrics.columns.joined(separator: ", ")
        guard let epochIndex = metrics.columns.firstIndex(of: "epoch") else {
            throw CommandError("\(source): no \"epoch\" column to plot against (the columns are \(listed))")
        }
        let lossColumns = metrics.columns.filter { $0.hasSuffix("_loss") || $0 == "loss" }
        guard !lossColumns.isEmpty else {
            throw CommandError("\(source): no loss column such as train_loss (the columns are \(listed))")
        }
        var rowOfEpoch: [Double: [Double?]] = [:]
        for (index, row) in metrics.rows.enumerated() {
            guard let epoch = row[epochIndex], epoch.isFinite else {
                throw CommandError("\(source): data row \(index + 1) has no epoch")
            }
            rowOfEpoch[epoch] = row
        }
        guard !rowOfEpoch.isEmpty else { throw CommandError("\(source): no rows yet, only the header") }
        let rows = rowOfEpoch.sorted { $0.key < $1.key }
        epochCount = rows.count

        func series(_ column: String, label: String, color: String) -> Series {
            let index = metrics.columns.firstIndex(of: column) ?? 0
            let points = rows.compactMap { epoch, row in
                row[index].flatMap { $0.isFinite ? Point(x: epoch, y: $0) : nil }
            }
            return Series(column: column, label: label, color: color, points: points)
        }

        var panels: [Panel] = []
        var palette = Palette()
        panels.append(Panel(title: "Loss", yLabel: "loss", logScale: false, series: lossColumns.map { column in
            let label = column == "loss" ? "loss" : String(column.dropLast("_loss".count))
            return series(column, label: label, color: palette.color(for: label))
        }))
        var metricOrder: [String] = []
        var others: [String] = []
        for column in metrics.columns where !Self.bookkeeping.contains(column) && !lossColumns.contains(column) {
            if let (_, metric) = Self.split(column) {
                if !metricOrder.contains(metric) { metricOrder.append(metric) }
            } else {
                others.append(column)
            }
        }
        for metric in metricOrder {
            let columns = Self.splits.map { "\($0)_\(metric)" }.filter { metrics.columns.contains($0) }
            panels.append(Panel(title: Self.title(metric), yLabel: metric.replacingUnderscores, logScale: false,
                                series: columns.map { column in
                                    let label = String(column.prefix { $0 != "_" })
                                    return series(column, label: label, color: palette.color(for: label))
                                }))
        }
        for column in others {
            panels.append(Panel(title: Self.title(column), yLabel: column.replacingUnderscores, logScale: false,
                                series: [series(column, label: column, color: palette.color(for: column))]))
        }
        if metrics.columns.contains("lr") {
            let lr = series("lr", label: "lr", color: Palette.learningRate)
            let values = lr.points.map(\.y)
            let logScale = (values.min() ?? 0) > 0 && (values.max() ?? 0) / (values.min() ?? 1) >= 10
            panels.append(Panel(title: "Learning rate", yLabel: "learning rate", logScale: logScale, series: [lr]))
        }
        // A panel with no figures at all says nothing.
        self.panels = panels.filter { $0.series.contains { !$0.points.isEmpty } }
    }

    /// `("val", "accuracy")` for `val_accuracy`; nil for a column of no split.
    static func split(_ column: String) -> (split: String, metric: String)? {
        for split in splits where column.hasPrefix(split + "_") && column.count > split.count + 1 {
            return (split, String(column.dropFirst(split.count + 1)))
        }
        return nil
    }

    /// A panel title for a metric name: `accuracy` → "Accuracy", `top5_accuracy` → "Top5 accuracy",
    /// `f1` → "F1", `mae` → "MAE".
    static func title(_ name: String) -> String {
        let acronyms: Set<String> = ["mae", "mse", "rmse", "f1", "auc", "iou", "map", "psnr"]
        if acronyms.contains(name.lowercased()) { return name.uppercased() }
        let words = name.replacingUnderscores
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}

/// Colours people can tell apart (the Tableau 10 palette): the same split has the same colour in
/// every panel — train blue, val orange, test green.
struct Palette {
    static let train = "#1f77b4"
    static let val = "#ff7f0e"
    static let test = "#2ca02c"
    static let learningRate = "#9467bd"
    static let others = ["#d62728", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"]

    private var next = 0

    mutating func color(for label: String) -> String {
        switch label {
        case "train", "loss": return Self.train
        case "val": return Self.val
        case "test": return Self.test
        default:
            defer { next += 1 }
            return Self.others[next % Self.others.count]
        }
    }
}

extension String {
    var replacingUnderscores: String { replacingOccurrences(of: "_", with: " ") }
}
