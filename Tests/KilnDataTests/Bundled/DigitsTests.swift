import Kiln
import Testing
@testable import KilnData

// Expected values: pandas on the same file (make_tabular_literals.py).
@Suite struct DigitsTests {
    @Test func tensorsAndTable() throws {
        let digits = try Digits()
        #expect(digits.count == 1797)
        #expect(digits.features.shape == [1797, 64] && digits.features.dtype == .float32)
        #expect(digits.labels.shape == [1797] && digits.labels.dtype == .int64)
        #expect(digits.labels[0..<10].scalars(as: Int64.self) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
        #expect(digits.labels.oneHot(numClasses: 10).sum(axes: [0]).scalars(as: Int64.self)
                == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
        let pixels = digits.features.scalars(as: Float.self)
        #expect(pixels.min() == 0 && pixels.max() == 16 && pixels.reduce(0, +) == 561_718)
        let (first, label) = digits[0]
        #expect(label == 0 && first.shape == [64])
        #expect(first.scalars(as: Float.self) == [0, 0, 5, 13, 9, 1, 0, 0, 0, 0, 13, 15, 10, 15, 5, 0, 0, 3, 15, 2, 0, 11, 8, 0, 0, 4, 12, 0, 0, 8, 8, 0,
                                                  0, 5, 8, 0, 0, 9, 8, 0, 0, 4, 11, 0, 1, 12, 7, 0, 0, 2, 14, 5, 10, 12, 0, 0, 0, 0, 6, 13, 10, 0, 0, 0])

        let table = try Digits.load()
        #expect(table.rowCount == 1797 && table.columnCount == 65)
        #expect(table.columnNames.first == "pixel_0_0" && table.columnNames[63] == "pixel_7_7" && table.columnNames.last == "target")
        #expect(table.columnKinds.allSatisfy { $0 == .numeric } && table.columns.allSatisfy { $0.missingCount == 0 })
    }
}
