/// Standardises numeric columns to zero mean and unit variance: x' = (x − mean) / scale, with the
/// population standard deviation (ddof 0) as scale, exactly as scikit-learn's `StandardScaler`.
/// A constant column gets scale 1 (it becomes 0). Missing values are ignored when fitting and
/// stay missing.
public struct StandardScaler: TablePreprocessor, Equatable {
    /// The columns to scale; nil scales every numeric column of the table `fit` sees.
    public var columns: [String]?
    public var withMean: Bool
    public var withStd: Bool

    /// The columns fitted, in order (scikit-learn's `feature_names_in_`).
    public private(set) var fittedColumns: [String]?
    /// Per fitted column: the mean, the population variance and the scale (`mean_`, `var_`, `scale_`).
    public private(set) var mean: [Double]?
    public private(set) var variance: [Double]?
    public private(set) var scale: [Double]?

    public init(columns: [String]? = nil, withMean: Bool = true, withStd: Bool = true) {
        self.columns = columns
        self.withMean = withMean
        self.withStd = withStd
    }

    public var isFitted: Bool { fittedColumns != nil }

    public mutating func fit(_ table: Table) throws {
        let names = columns ?? table.columnNames.filter { table[$0].kind == .numeric }
        var means: [Double] = [], variances: [Double] = [], scales: [Double] = []
        for name in names {
            let values = try table.column(name, for: "StandardScaler.fit", kinds: [.numeric]).column.numbers!.compactMap { $0 }
            guard !values.isEmpty else { throw PreprocessingError(step: "StandardScaler.fit", kind: .noValues(column: name)) }
            let (mean, variance) = meanAndVariance(values)
            means.append(mean)
            variances.append(variance)
            scales.append(isConstant(variance: variance, mean: mean, count: values.count) ? 1 : variance.squareRoot())
        }
        fittedColumns = names
        mean = means
        variance = variances
        scale = scales
    }

    public func transform(_ table: Table) throws -> Table {
        guard let names = fittedColumns, let mean, let scale else {
            requireFailure("StandardScaler.transform: call fit (or load a fitted state) first")
        }
        var result = table
        for (k, name) in names.enumerated() {
            let values = try table.column(name, for: "StandardScaler.transform", kinds: [.numeric]).column.numbers!
            let m = withMean ? mean[k] : 0, s = withStd ? scale[k] : 1
            result[name] = .numeric(values.map { $0.map { ($0 - m) / s } })
        }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decodeIfPresent([String].self, forKey: .columns)
        withMean = try c.decode(Bool.self, forKey: .withMean)
        withStd = try c.decode(Bool.self, forKey: .withStd)
        fittedColumns = try c.decodeIfPresent([String].self, forKey: .fittedColumns)
        mean = try c.decodeIfPresent([Double].self, forKey: .mean)
        variance = try c.decodeIfPresent([Double].self, forKey: .variance)
        scale = try c.decodeIfPresent([Double].self, forKey: .scale)
        let n = fittedColumns?.count
        try check(mean?.count == n && variance?.count == n && scale?.count == n,
                  "fittedColumns, mean, variance and scale must all be present with one entry per column, or all absent", in: decoder)
        try check(scale?.allSatisfy { $0 != 0 && $0.isFinite } ?? true, "a scale is zero or not finite", in: decoder)
    }
}

/// The mean and population variance of `values` as scikit-learn computes them (float64 sums;
/// the variance about the mean with the rounding correction of `_incremental_mean_and_var`).
func meanAndVariance(_ values: [Double]) -> (mean: Double, variance: Double) {
    let n = Double(values.count)
    let mean = values.reduce(0, +) / n
    var squares = 0.0, correction = 0.0
    for x in values {
        let d = x - mean
        correction += d
        squares += d * d
    }
    return (mean, (squares - correction * correction / n) / n)
}

/// scikit-learn's test for a constant feature (`_is_constant_feature`): a variance no larger than
/// its rounding error.
func isConstant(variance: Double, mean: Double, count: Int) -> Bool {
    let eps = Double.ulpOfOne, n = Double(count)
    let bound = n * eps * variance + (n * mean * eps) * (n * mean * eps)
    return variance <= bound
}
