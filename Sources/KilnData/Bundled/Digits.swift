import Kiln

/// The UCI optical handwritten digits bundled with the package (`digits.csv.gz`, the copy
/// scikit-learn ships as `load_digits`): 1797 images of 8×8 pixels with values 0…16, labels 0…9.
///
/// ```swift
/// let digits = try Digits()
/// print(digits.features.shape, digits.labels.shape)   // [1797, 64] float32, [1797] int64
/// let table = try Digits.load()                       // pixel_0_0 … pixel_7_7, target
/// ```
public struct Digits: Sendable {
    /// The pixels, float32 [1797, 64] in 0…16 (row-major 8×8).
    public let features: Tensor
    /// The digits, int64 [1797].
    public let labels: Tensor
    private let labelValues: [Int]

    public init() throws {
        let table = try Digits.load()
        features = table.tensor(columns: Digits.pixelNames, dtype: .float32)
        labels = table.tensor(column: "target", dtype: .int64)
        labelValues = labels.scalars(as: Int64.self).map(Int.init)
    }

    public var count: Int { labelValues.count }

    /// Sample `index`: its 64 pixels (float32 [64]) and label.
    public subscript(index: Int) -> (features: Tensor, label: Int) {
        require(index >= 0 && index < count, "Digits: index \(index) is out of range for \(count) samples")
        return (features.select(axis: 0, index: index), labelValues[index])
    }

    /// The pixel column names, as scikit-learn's `load_digits(as_frame=True)`: pixel_0_0 … pixel_7_7.
    public static let pixelNames = (0..<8).flatMap { row in (0..<8).map { "pixel_\(row)_\($0)" } }

    /// The data as a table: 64 numeric pixel columns and the numeric `target` column.
    public static func load() throws -> Table {
        let path = KilnData.resourceDirectory.appendingPathComponent("digits.csv.gz").path
        return try CSVReader.read(path, options: CSVOptions(hasHeader: false, columnNames: pixelNames + ["target"]))
    }
}

extension Digits: Dataset {
    public func element(at index: Int) -> (features: Tensor, label: Int) { self[index] }
}
