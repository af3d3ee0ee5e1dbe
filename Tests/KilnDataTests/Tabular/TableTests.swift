import Kiln
import Testing
@testable import KilnData

private let sample = Table([
    "name": .categorical(["ann", "bob", nil, "dan", "eve"]),
    "age": .numeric([31, nil, 25, 47, 19]),
    "score": .numeric([1.5, 2.25, nil, nil, -0.5]),
    "note": .text(["x", "y", "z", nil, nil]),
])

@Suite struct TableTests {
    @Test func shapeSubscriptsAndCells() {
        #expect(sample.rowCount == 5 && sample.columnCount == 4 && sample.shape == (5, 4))
        #expect(sample.columnNames == ["name", "age", "score", "note"])
        #expect(sample.columnKinds == [.categorical, .numeric, .numeric, .text])
        #expect(sample["age"] == .numeric([31, nil, 25, 47, 19]))
        #expect(sample[0, "name"] == "ann" && sample[1, "age"] == nil && sample[4, "score"] == -0.5)
        #expect(sample["score"].missingCount == 2 && sample["name"].strings?[3] == "dan" && sample["age"].numbers?[0] == 31)
        var copy = sample
        copy["age"] = .numeric([1, 2, 3, 4, 5])
        copy["flag"] = .numeric([1, 0, 1, 0, 1])
        #expect(copy.columnNames == ["name", "age", "score", "note", "flag"] && copy[2, "age"] == 3)
        #expect(sample[2, "age"] == 25)  // a value type
    }

    @Test func selectDropRowsFilterHeadTailConcat() {
        #expect(sample.select(["score", "name"]).columnNames == ["score", "name"])
        #expect(sample.drop(columns: ["note", "age"]).columnNames == ["name", "score"])
        let picked = sample.rows([4, 0, 4])
        #expect(picked["name"] == .categorical(["eve", "ann", "eve"]) && picked["note"] == .text([nil, "x", nil]))
        #expect(sample.filter([true, false, false, true, false])["age"] == .numeric([31, 47]))
        let adults = sample.filter { row in (row["age"].number ?? 0) >= 30 }
        #expect(adults["name"] == .categorical(["ann", "dan"]))
        #expect(sample.filter { $0["name"] == "bob" || $0["note"] == "z" }.rowCount == 2)
        #expect(sample.head(2)["name"] == .categorical(["ann", "bob"]) && sample.head(10).rowCount == 5 && sample.head(0).rowCount == 0)
        #expect(sample.tail(2)["age"] == .numeric([47, 19]))
        #expect(Table.concat([sample.head(2), sample.rows(2..<5)]) == sample)
    }

    @Test func dropNAAnyAllAndSubset() {
        #expect(sample.dropNA()["name"] == .categorical(["ann"]))
        #expect(sample.dropNA(subset: ["age", "score"])["name"] == .categorical(["ann", "eve"]))
        #expect(sample.dropNA(how: .all, subset: ["score", "note"]).rowCount == 4)
        #expect(sample.dropNA(how: .all) == sample)
    }

    @Test func tensors() {
        let x = sample.tensor(columns: ["age", "score"])
        #expect(x.shape == [5, 2] && x.dtype == .float32)
        let values = x.scalars(as: Float.self)
        #expect(values[0] == 31 && values[1] == 1.5 && values[2].isNaN && values[3] == 2.25 && values[9] == -0.5)
        let clean = sample.dropNA(subset: ["age"])
        let y = clean.tensor(column: "age", dtype: .int64)
        #expect(y.shape == [4] && y.dtype == .int64 && y.scalars(as: Int64.self) == [31, 25, 47, 19])
        #expect(Table(["a": .numeric([1, 2]), "b": .numeric([3, 4])]).tensor(dtype: .float64).scalars(as: Double.self) == [1, 3, 2, 4])
    }

    @Test func descriptionLaysOutColumnsLikePandas() {
        let expected = """
               name  age  score  note
            0   ann   31   1.50     x
            1   bob  NaN   2.25     y
            2   NaN   25    NaN     z
            3   dan   47    NaN   NaN
            4   eve   19  -0.50   NaN
            """
        #expect(sample.description == expected)
        #expect(Table(["i": .numeric((0..<60).map { Double($0) })]).description.split(separator: "\n").count == 61)
        let long = Table(["i": .numeric((0..<61).map { Double($0) })])
        let lines = long.description.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 14 && lines[6] == "...  ..." && lines[11] == "60  60" && lines.last == "[61 rows x 1 columns]")
    }

    @Test func valuesSortAndPrintAsScikitLearn() {
        let values: [Table.Value] = ["b", nil, 10, "B", 2.5, "a", -1]
        #expect(values.sorted(by: Table.Value.sortedOrder) == [-1, 2.5, 10, "B", "a", "b", nil])
        #expect([Table.Value.number(2007), .number(2.5), .missing, .string("x")].map(\.description) == ["2007", "2.5", "nan", "x"])
    }
}
