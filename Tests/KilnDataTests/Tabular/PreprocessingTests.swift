import Foundation
import Kiln
import KilnIO
import Testing
@testable import KilnData

// Expected values: scikit-learn 1.9.1 on the same small tables (make_tabular_literals.py,
// "small preprocessing cases").
private let small = Table([
    "a": .numeric([1, 2, 4, nil]), "b": .numeric([10, nil, 30, 20]), "c": .numeric([5, 5, 5, 5]),
    "tag": .categorical(["x", "y", nil, "x"]),
])

@Suite struct StandardScalerTests {
    @Test func missingValuesAreIgnoredAndConstantColumnsGetScaleOne() throws {
        var scaler = StandardScaler()
        let scaled = try scaler.fitTransform(small)
        #expect(scaler.fittedColumns == ["a", "b", "c"])  // the numeric columns
        expectClose(try #require(scaler.mean), [2.3333333333333335, 20.0, 5.0])
        expectClose(try #require(scaler.scale), [1.247219128924647, 8.16496580927726, 1.0])
        expectClose(try #require(scaler.variance), [1.5555555555555554, 66.66666666666667, 0.0])
        expectClose(Array(try #require(scaled["a"].numbers).prefix(3)), [-1.0690449676496978, -0.2672612419124245, 1.3363062095621219])
        #expect(scaled[3, "a"] == nil && scaled[1, "b"] == nil)
        #expect(scaled["c"] == .numeric([0, 0, 0, 0]) && scaled["tag"] == small["tag"])
        var centred = StandardScaler(columns: ["b"], withStd: false)
        #expect(try centred.fitTransform(small)["b"] == .numeric([-10, nil, 10, 0]))
    }

    @Test func errorsNameTheStepAndColumn() throws {
        var scaler = StandardScaler(columns: ["a", "tag"])
        expectError(PreprocessingError.self, containing: ["StandardScaler.fit", "column 'tag' is categorical", "numeric"]) { try scaler.fit(small) }
        var fitted = StandardScaler(columns: ["a"])
        try fitted.fit(small)
        expectError(PreprocessingError.self, containing: ["StandardScaler.transform", "no column 'a'", "b, c, tag"]) {
            _ = try fitted.transform(small.drop(columns: ["a"]))
        }
        var empty = StandardScaler(columns: ["a"])
        expectError(PreprocessingError.self, containing: ["no values"]) { try empty.fit(small.rows([3])) }
    }

    @Test func savedStateIsCheckedWhenLoaded() throws {
        var scaler = StandardScaler(columns: ["a", "b"])
        try scaler.fit(small)
        let json = String(decoding: try scaler.jsonData(), as: UTF8.self)
        #expect(json.contains("\"fittedColumns\"") && json.contains("\"mean\""))
        #expect(try StandardScaler(jsonData: Data(json.utf8)) == scaler)
        let cut = json.replacingOccurrences(of: "\"scale\" : [", with: "\"scale\" : [0, ")
        expectError(PreprocessingError.self, containing: ["StandardScaler.load", "scaler.json", "one entry per column"]) {
            _ = try StandardScaler(jsonData: Data(cut.utf8), source: "scaler.json")
        }
        expectError(PreprocessingError.self, containing: ["not a valid saved state"]) { _ = try StandardScaler(jsonData: Data("{".utf8)) }
        try TabularFixtures.withTemporaryDirectory { dir in
            expectError(FileError.self, containing: ["missing.json"]) { _ = try StandardScaler.load(from: dir + "/missing.json") }
        }
    }
}

@Suite struct MinMaxScalerTests {
    @Test func missingValuesConstantColumnsAndClipping() throws {
        var scaler = MinMaxScaler(columns: ["a", "b", "c"])
        let scaled = try scaler.fitTransform(small)
        expectClose(try #require(scaler.scale), [0.3333333333333333, 0.05, 1.0])
        expectClose(try #require(scaler.min), [-0.3333333333333333, -0.5, -5.0])
        expectClose(Array(try #require(scaled["a"].numbers).prefix(3)), [0, 0.3333333333333333, 1])
        #expect(scaled["b"] == .numeric([0, nil, 1, 0.5]) && scaled["c"] == .numeric([0, 0, 0, 0]))
        let wide = Table(["a": .numeric([-2, 7]), "b": .numeric([10, 10]), "c": .numeric([5, 5]), "tag": .categorical(["x", "x"])])
        expectClose(try scaler.transform(wide)["a"].numbers!, [-1, 2], rtol: 1e-15)  // outside 0…1 without clip
        var clipping = MinMaxScaler(columns: ["a"], clip: true)
        try clipping.fit(small)
        #expect(try clipping.transform(wide)["a"] == .numeric([0, 1]))
    }
}

@Suite struct OneHotEncoderTests {
    @Test func categoriesMissingAndNumericColumns() throws {
        var encoder = OneHotEncoder()
        let encoded = try encoder.fitTransform(small)
        #expect(encoder.fittedColumns == ["tag"] && encoder.categories == [["x", "y", nil]])
        #expect(encoded.columnNames == ["a", "b", "c", "tag_x", "tag_y", "tag_nan"])
        #expect(encoded["tag_x"] == .numeric([1, 0, 0, 1]) && encoded["tag_nan"] == .numeric([0, 0, 1, 0]))
        var years = OneHotEncoder(columns: ["c", "b"])
        let numeric = try years.fitTransform(small)
        #expect(years.featureNames == ["c_5", "b_10", "b_20", "b_30", "b_nan"])
        #expect(numeric["b_nan"] == .numeric([0, 1, 0, 0]))
    }

    @Test func unknownCategories() throws {
        var encoder = OneHotEncoder(columns: ["tag"])
        try encoder.fit(small.rows([0, 1]))
        let unseen = Table(["tag": .categorical(["y", "z"])])
        expectError(PreprocessingError.self, containing: ["OneHotEncoder.transform", "'tag' row 1", "'z'", "'x', 'y'", "handleUnknown: .ignore"]) {
            _ = try encoder.transform(unseen)
        }
        expectError(PreprocessingError.self, containing: ["row 2", "nan"]) { _ = try encoder.transform(small) }  // missing was not seen
        encoder.handleUnknown = .ignore
        let ignored = try encoder.transform(unseen)
        #expect(ignored["tag_x"] == .numeric([0, 0]) && ignored["tag_y"] == .numeric([1, 0]))
    }

    @Test func savedStateIsCheckedWhenLoaded() throws {
        let bad = #"{"handleUnknown": "error", "fittedColumns": ["tag"], "categories": [["x", "x"]]}"#
        expectError(PreprocessingError.self, containing: ["repeat a value"]) { _ = try OneHotEncoder(jsonData: Data(bad.utf8)) }
        let badMode = #"{"handleUnknown": "sometimes"}"#
        expectError(PreprocessingError.self, containing: ["not a valid saved state"]) { _ = try OneHotEncoder(jsonData: Data(badMode.utf8)) }
    }
}

@Suite struct LabelEncoderTests {
    @Test func codesUnknownAndMissingLabels() throws {
        var encoder = LabelEncoder(column: "tag")
        expectError(PreprocessingError.self, containing: ["LabelEncoder.fit", "'tag' row 2 is missing"]) { try encoder.fit(small) }
        try encoder.fit(small.dropNA(subset: ["tag"]))
        #expect(encoder.classes == ["x", "y"])
        #expect(try encoder.encode(["y", "x", "y"]) == [1, 0, 1])
        expectError(PreprocessingError.self, containing: ["LabelEncoder.transform", "'q'"]) { _ = try encoder.encode(["x", "q"]) }
        let numeric = LabelEncoder(column: "b")
        var fitted = numeric
        try fitted.fit(small.dropNA(subset: ["b"]))
        #expect(fitted.classes == [10, 20, 30])
        #expect(try LabelEncoder(jsonData: try fitted.jsonData()) == fitted)
    }
}

@Suite struct TableFillNATests {
    private let ties = Table([
        "n": .numeric([3, 1, 3, 1, nil, 2]),
        "s": .categorical(["b", "a", nil, "b", "a", "c"]),
        "t": .text([nil, "q", "q", "r", nil, "r"]),
    ])

    @Test func strategiesMatchSimpleImputer() throws {
        for (strategy, value) in [(FillNA.Strategy.mean, 2.0), (.median, 2.0), (.mostFrequent, 1.0)] {
            var fill = FillNA(strategy, columns: ["n"])
            #expect(try fill.fitTransform(ties)["n"] == .numeric([3, 1, 3, 1, value, 2]), "\(strategy)")
        }
        var mostFrequent = FillNA(.mostFrequent)
        let filled = try mostFrequent.fitTransform(ties)
        #expect(filled["s"] == .categorical(["b", "a", "a", "b", "a", "c"]))  // tie a/b: the smallest, as scikit-learn
        #expect(filled["t"] == .text(["q", "q", "q", "r", "q", "r"]))
        var constant = FillNA(.constant("?"))
        let text = try constant.fitTransform(ties)
        #expect(constant.fittedColumns == ["s", "t"] && text["n"] == ties["n"] && text[2, "s"] == "?")
    }

    @Test func wrongKindsAndEmptyColumns() throws {
        var mean = FillNA(.mean, columns: ["s"])
        expectError(PreprocessingError.self, containing: ["FillNA.fit", "column 's' is categorical"]) { try mean.fit(ties) }
        var absent = FillNA(strategies: ["zz": .mean])
        expectError(PreprocessingError.self, containing: ["no column 'zz'"]) { try absent.fit(ties) }
        var median = FillNA(.median, columns: ["n"])
        expectError(PreprocessingError.self, containing: ["'n' has no values"]) { try median.fit(ties.rows([4])) }
        var fitted = FillNA(.median, columns: ["n"])
        try fitted.fit(ties)
        let reloaded = try FillNA(jsonData: try fitted.jsonData())
        #expect(reloaded == fitted && reloaded.fillValues == [2])
    }
}

@Suite struct TablePipelineTests {
    @Test func stepsFitInOrderAndReloadFromOneFile() throws {
        var pipeline = TablePipeline([
            FillNA(strategies: ["a": .median, "tag": .mostFrequent]),
            StandardScaler(columns: ["a", "b"]),
            OneHotEncoder(columns: ["tag"], handleUnknown: .ignore),
        ])
        #expect(!pipeline.isFitted)
        let out = try pipeline.fitTransform(small)
        #expect(pipeline.isFitted)
        #expect(out.columnNames == ["a", "b", "c", "tag_x", "tag_y"])
        // The scaler saw the filled column: a = [1, 2, 4, 2] has mean 2.25.
        let scaler = try #require(pipeline.steps[1] as? StandardScaler)
        #expect(scaler.mean?[0] == 2.25)
        try TabularFixtures.withTemporaryDirectory { dir in
            try pipeline.save(to: dir + "/prep.json")
            let loaded = try TablePipeline.load(from: dir + "/prep.json")
            #expect(loaded.steps.count == 3 && loaded.isFitted)
            let rows = Table(["a": .numeric([nil, 9]), "b": .numeric([15, nil]), "c": .numeric([0, 0]), "tag": .categorical([nil, "w"])])
            #expect(try loaded.transform(rows) == (try pipeline.transform(rows)))
            let unknown = #"{"steps": [{"type": "Mystery", "step": {}}]}"#
            expectError(PreprocessingError.self, containing: ["unknown step type 'Mystery'"]) { _ = try TablePipeline(jsonData: Data(unknown.utf8)) }
        }
    }
}

@Suite struct TableSplitTests {
    @Test func seededSplitIsDisjointCoveringAndReproducible() throws {
        let table = Table(["id": .numeric((0..<50).map { Double($0) })])
        let (train, test) = try trainTestSplit(table, testFraction: 0.25, seed: 3)
        #expect(train.rowCount == 37 && test.rowCount == 13)  // ⌈0.25 · 50⌉ test rows, as scikit-learn
        let ids = (train["id"].numbers! + test["id"].numbers!).map { Int($0!) }
        #expect(ids.sorted() == Array(0..<50))
        let again = try trainTestSplit(table, testFraction: 0.25, seed: 3)
        #expect(again.train == train && again.test == test)
        let other = try trainTestSplit(table, testFraction: 0.25, seed: 4)
        #expect(other.test != test)
        #expect(ids != Array(0..<50))  // shuffled
    }

    @Test func impossibleSplitsThrow() {
        let tiny = Table(["y": .categorical(["a", "a", "b", "b", "b", "c"])])
        expectError(PreprocessingError.self, containing: ["class 'c'", "1 row", "at least 2"]) {
            _ = try trainTestSplit(tiny, testFraction: 0.5, seed: 0, stratify: "y")
        }
        expectError(PreprocessingError.self, containing: ["1 rows", "0 training"]) {
            _ = try trainTestSplit(tiny.head(1), testFraction: 0.5, seed: 0)
        }
        let missing = Table(["y": .categorical(["a", nil, "a", "b"])])
        expectError(PreprocessingError.self, containing: ["'y' row 1 is missing"]) {
            _ = try trainTestSplit(missing, testFraction: 0.5, seed: 0, stratify: "y")
        }
    }
}
