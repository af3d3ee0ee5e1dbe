import Kiln

extension Table {
    /// Numeric columns as a [rows, features] tensor (default: every column, which must then all be
    /// numeric), in `dtype` (float32 by default). Missing values become NaN in floating-point
    /// tensors, as NumPy's `to_numpy()`; integer dtypes need integral values and no missing ones.
    /// Categorical columns must be encoded first (`OneHotEncoder`, `LabelEncoder`).
    public func tensor(columns names: [String]? = nil, dtype: DType = .float32) -> Tensor {
        let names = names ?? columnNames
        let selected = names.map { name in numericValues(name, op: "Table.tensor(columns:)") }
        let width = selected.count
        if dtype == .float32 {
            // The common case, written straight into the element type.
            var flat = [Float](repeating: 0, count: rowCount * width)
            flat.withUnsafeMutableBufferPointer { out in
                for (j, values) in selected.enumerated() {
                    for i in 0..<rowCount { if let x = values[i] { out[i * width + j] = Float(x) } else { out[i * width + j] = .nan } }
                }
            }
            return Tensor(flat, shape: [rowCount, width])
        }
        var flat = [Double](repeating: 0, count: rowCount * width)
        flat.withUnsafeMutableBufferPointer { out in
            for (j, values) in selected.enumerated() {
                for i in 0..<rowCount { out[i * width + j] = values[i] ?? .nan }
            }
        }
        if !dtype.isFloatingPoint { checkIntegral(flat, names: names, width: width, dtype: dtype) }
        return Tensor(flat, shape: [rowCount, width]).cast(to: dtype)
    }

    /// One numeric column as a [rows] tensor: labels (`dtype: .int64`, after `LabelEncoder` for
    /// string classes) or a regression target.
    public func tensor(column name: String, dtype: DType = .float32) -> Tensor {
        let values = numericValues(name, op: "Table.tensor(column:)")
        let flat = values.map { $0 ?? .nan }
        if !dtype.isFloatingPoint { checkIntegral(flat, names: [name], width: 1, dtype: dtype) }
        return Tensor(flat, shape: [rowCount]).cast(to: dtype)
    }

    private func numericValues(_ name: String, op: String) -> [Double?] {
        guard let i = columnIndex(name) else { requireFailure("\(op): no column named '\(name)'; the columns are \(columnNames)") }
        guard let values = columns[i].numbers else {
            requireFailure("\(op): column '\(name)' is \(columns[i].kind), not numeric; encode it first (OneHotEncoder, LabelEncoder)")
        }
        return values
    }

    private func checkIntegral(_ flat: [Double], names: [String], width: Int, dtype: DType) {
        // Values must lie in [low, high) of the integer type (bool: 0 or 1).
        let (low, high): (Double, Double) = switch dtype {
        case .int64: (-0x1p63, 0x1p63)
        case .int32: (-0x1p31, 0x1p31)
        case .uint8: (0, 256)
        default: (0, 2)
        }
        for (k, x) in flat.enumerated() where !(x == x.rounded() && x >= low && x < high) {
            requireFailure("Table.tensor: column '\(names[k % width])' row \(k / width) holds \(x.isNaN ? "a missing value" : Value.format(x)), which \(dtype) cannot hold; dropNA/FillNA first")
        }
    }
}
