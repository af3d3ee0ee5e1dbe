/// Scales numeric columns linearly so the training minimum and maximum map to `featureRange`
/// (default 0…1): x' = x · scale + min, as scikit-learn's `MinMaxScaler`. A constant column gets
/// scale 1. New values outside the training range fall outside `featureRange` unless `clip`.
/// Missing values are ignored when fitting and stay missing.
public struct MinMaxScaler: TablePreprocessor, Equatable {
    /// The columns to scale; nil scales every numeric column of the table `fit` sees.
    public var columns: [String]?
    public var featureRange: ClosedRange<Double>
    public var clip: Bool

    public private(set) var fittedColumns: [String]?
    /// Per fitted column: the training minimum and maximum (`data_min_`, `data_max_`), and the
    /// factor and offset applied (`scale_`, `min_`).
    public private(set) var dataMin: [Double]?
    public private(set) var dataMax: [Double]?
    public private(set) var scale: [Double]?
    public private(set) var min: [Double]?

    public init(columns: [String]? = nil, featureRange: ClosedRange<Double> = 0...1, clip: Bool = false) {
        require(featureRange.lowerBound < featureRange.upperBound,
                "MinMaxScaler: featureRange must be increasing, got \(featureRange)")
        self.columns = columns
        self.featureRange = featureRange
        self.clip = clip
    }

    public var isFitted: Bool { fittedColumns != nil }

    public mutating func fit(_ table: Table) throws {
        let names = columns ?? table.columnNames.filter { table[$0].kind == .numeric }
        var lows: [Double] = [], highs: [Double] = [], scales: [Double] = [], offsets: [Double] = []
        for name in names {
            let values = try table.column(name, for: "MinMaxScaler.fit", kinds: [.numeric]).column.numbers!.compactMap { $0 }
            guard let low = values.min(), let high = values.max() else {
                throw PreprocessingError(step: "MinMaxScaler.fit", kind: .noValues(column: name))
            }
            let range = high - low
            let scale = (featureRange.upperBound - featureRange.lowerBound) / (range < 10 * Double.ulpOfOne ? 1 : range)
            lows.append(low)
            highs.append(high)
            scales.append(scale)
            offsets.append(featureRange.lowerBound - low * scale)
        }
        fittedColumns = names
        dataMin = lows
        dataMax = highs
        scale = scales
        min = offsets
    }

    public func transform(_ table: Table) throws -> Table {
        guard let names = fittedColumns, let scale, let min else {
            requireFailure("MinMaxScaler.transform: call fit (or load a fitted state) first")
        }
        var result = table
        let low = featureRange.lowerBound, high = featureRange.upperBound
        for (k, name) in names.enumerated() {
            let values = try table.column(name, for: "MinMaxScaler.transform", kinds: [.numeric]).column.numbers!
            let s = scale[k], m = min[k], clip = self.clip
            result[name] = .numeric(values.map { value in
                value.map { x in
                    let y = x * s + m
                    return clip ? Swift.min(Swift.max(y, low), high) : y
                }
            })
        }
        return result
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        columns = try c.decodeIfPresent([String].self, forKey: .columns)
        featureRange = try c.decode(ClosedRange<Double>.self, forKey: .featureRange)
        clip = try c.decode(Bool.self, forKey: .clip)
        fittedColumns = try c.decodeIfPresent([String].self, forKey: .fittedColumns)
        dataMin = try c.decodeIfPresent([Double].self, forKey: .dataMin)
        dataMax = try c.decodeIfPresent([Double].self, forKey: .dataMax)
        scale = try c.decodeIfPresent([Double].self, forKey: .scale)
        min = try c.decodeIfPresent([Double].self, forKey: .min)
        let n = fittedColumns?.count
        try check(dataMin?.count == n && dataMax?.count == n && scale?.count == n && min?.count == n,
                  "fittedColumns, dataMin, dataMax, scale and min must all be present with one entry per column, or all absent", in: decoder)
    }
}
