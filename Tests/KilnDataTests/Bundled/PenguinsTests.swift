import Foundation
import Kiln
import Testing
@testable import KilnData

/// The raw table, read once.
private let penguins = Result { try Penguins.load() }

private let measurements = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]

/// Two penguins that are not in the data set; the second on an island the encoder never saw.
private let newRows = Table([
    "bill_length_mm": .numeric([50.0, 33.3]), "bill_depth_mm": .numeric([14.2, 21.5]),
    "flipper_length_mm": .numeric([230.0, 172.0]), "body_mass_g": .numeric([6000.0, 2700.0]),
    "island": .categorical(["Dream", "Atlantis"]), "sex": .categorical(["female", "male"]),
])

// Expected values: pandas 3.1.1 and scikit-learn 1.9.1 on the same file (make_tabular_literals.py).
@Suite struct PenguinsTests {
    @Test func rawTableKeepsItsMissingValues() throws {
        let raw = try penguins.get()
        #expect(raw.rowCount == 344 && raw.columnCount == 8)
        #expect(raw.columnNames == ["species", "island", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex", "year"])
        #expect(raw.columnKinds == [.categorical, .categorical, .numeric, .numeric, .numeric, .numeric, .categorical, .numeric])
        #expect(raw.columns.map(\.missingCount) == [0, 0, 2, 2, 2, 2, 11, 0])
        #expect(raw["species"].uniqueValues == ["Adelie", "Chinstrap", "Gentoo"])
    }

    @Test func dropNALeaves333Rows() throws {
        let raw = try penguins.get()
        let clean = raw.dropNA()
        #expect(clean.rowCount == 333)
        #expect(clean.columns.allSatisfy { $0.missingCount == 0 })
        let dropped: Set = [3, 8, 9, 10, 11, 47, 178, 218, 256, 268, 271]
        #expect(clean == raw.rows((0..<344).filter { !dropped.contains($0) }))
        #expect(raw.dropNA(how: .all).rowCount == 344)
        #expect(raw.dropNA(subset: ["bill_length_mm"]).rowCount == 342)
        #expect(raw.dropNA(how: .all, subset: ["bill_length_mm", "sex"]).rowCount == 342)
    }

    @Test func standardScalerMatchesScikitLearn() throws {
        let clean = try penguins.get().dropNA()
        var scaler = StandardScaler(columns: measurements)
        let scaled = try scaler.fitTransform(clean)
        expectClose(try #require(scaler.mean), [43.9927927927928, 17.164864864864867, 200.96696696696696, 4207.057057057057])
        expectClose(try #require(scaler.scale), [5.460450955071463, 1.9662764301482418, 13.994704772576716, 804.0058601595629])
        expectClose(try #require(scaler.variance), [29.816524632740848, 3.8662429997565133, 195.8517616715815, 646425.4231709186])
        let expected: [[Double]] = [
            [-0.8960418897725936, 0.7807321043966309, -1.4267515672137063, -0.5684747832140796],
            [-0.8227878667457054, 0.11958396669455262, -1.0694735766270285, -0.5062861817652332],
            [-0.9876094185562041, 0.017868868586540996, -0.1405508011016659, -0.5684747832140796],
            [1.1367572492235614, 0.7807321043966309, -0.21200639921900147, -0.5373804824896564],
        ]
        for (row, values) in zip([0, 1, 100, 332], expected) {
            expectClose(measurements.map { scaled[row, $0].number }, values, rtol: 1e-10)
        }
        // Untouched columns stay as they were.
        #expect(scaled["island"] == clean["island"] && scaled["year"] == clean["year"])
    }

    @Test func oneHotEncoderMatchesScikitLearn() throws {
        let clean = try penguins.get().dropNA()
        var encoder = OneHotEncoder(columns: ["island", "sex"], handleUnknown: .ignore)
        let encoded = try encoder.fitTransform(clean)
        #expect(encoder.categories == [["Biscoe", "Dream", "Torgersen"], ["female", "male"]])
        let names = ["island_Biscoe", "island_Dream", "island_Torgersen", "sex_female", "sex_male"]
        #expect(encoder.featureNames == names)
        #expect(encoded.columnNames == ["species", "island_Biscoe", "island_Dream", "island_Torgersen", "bill_length_mm",
                                        "bill_depth_mm", "flipper_length_mm", "body_mass_g", "sex_female", "sex_male", "year"])
        let expected: [[Double]] = [[0, 0, 1, 0, 1], [0, 0, 1, 1, 0], [1, 0, 0, 1, 0], [0, 1, 0, 1, 0]]
        for (row, values) in zip([0, 1, 100, 332], expected) {
            #expect(names.map { encoded[row, $0].number } == values)
        }
        // With missing values, scikit-learn adds a last category nan.
        var withMissing = OneHotEncoder(columns: ["sex"])
        let raw = try withMissing.fitTransform(try penguins.get())
        #expect(withMissing.categories == [["female", "male", nil]] && withMissing.featureNames == ["sex_female", "sex_male", "sex_nan"])
        #expect(raw["sex_nan"].numbers?.compactMap { $0 }.reduce(0, +) == 11)
    }

    /// The acceptance test: scaler and encoder fitted on the clean table, saved, reloaded, and
    /// applied to new rows give exactly what the fitted ones give, and scikit-learn's values.
    @Test func savedAndReloadedStepsTransformNewRowsIdentically() throws {
        let clean = try penguins.get().dropNA()
        var scaler = StandardScaler(columns: measurements)
        var encoder = OneHotEncoder(columns: ["island", "sex"], handleUnknown: .ignore)
        try scaler.fit(clean)
        try encoder.fit(clean)
        try TabularFixtures.withTemporaryDirectory { dir in
            try scaler.save(to: dir + "/scaler.json")
            try encoder.save(to: dir + "/encoder.json")
            let loadedScaler = try StandardScaler.load(from: dir + "/scaler.json")
            let loadedEncoder = try OneHotEncoder.load(from: dir + "/encoder.json")
            #expect(loadedScaler == scaler && loadedEncoder == encoder)

            let direct = try encoder.transform(try scaler.transform(newRows))
            let reloaded = try loadedEncoder.transform(try loadedScaler.transform(newRows))
            #expect(reloaded == direct)  // bit for bit
            let scaledExpected: [[Double]] = [
                [1.1001302377101168, -1.5078576030336388, 2.074572740535737, 2.230012281984009],
                [-1.958225223662477, 2.2047434779087993, -2.0698519502697263, -1.8744354136398544],
            ]
            let oneHotExpected: [[Double]] = [[0, 1, 0, 1, 0], [0, 0, 0, 0, 1]]  // Atlantis: all zeros
            for row in 0..<2 {
                expectClose(measurements.map { reloaded[row, $0].number }, scaledExpected[row], rtol: 1e-10)
                #expect(loadedEncoder.featureNames!.map { reloaded[row, $0].number } == oneHotExpected[row])
            }
            let x = reloaded.tensor(columns: measurements + loadedEncoder.featureNames!)
            #expect(x.shape == [2, 9] && x.dtype == .float32)

            // The same encoder with handleUnknown .error refuses the unknown island, naming it.
            var strict = encoder
            strict.handleUnknown = .error
            expectError(PreprocessingError.self, containing: ["OneHotEncoder.transform", "'island' row 1", "'Atlantis'", "Biscoe"]) {
                _ = try strict.transform(newRows)
            }
        }
    }

    @Test func minMaxScalerMatchesScikitLearn() throws {
        let clean = try penguins.get().dropNA()
        var scaler = MinMaxScaler(columns: measurements, featureRange: -1...1)
        try scaler.fit(clean)
        #expect(scaler.dataMin == [32.1, 13.1, 172.0, 2700.0] && scaler.dataMax == [59.6, 21.5, 231.0, 6300.0])
        expectClose(try #require(scaler.scale), [0.07272727272727272, 0.23809523809523808, 0.03389830508474576, 0.0005555555555555556])
        expectClose(try #require(scaler.min), [-3.3345454545454545, -4.119047619047619, -6.830508474576271, -2.5])
        let scaled = try scaler.transform(newRows)
        expectClose(measurements.map { scaled[0, $0].number }, [0.30181818181818176, -0.7380952380952381, 0.9661016949152543, 0.8333333333333335])
        expectClose(measurements.map { scaled[1, $0].number }, [-0.912727272727273, 1.0, -1.0, -1.0])
        let reloaded = try MinMaxScaler(jsonData: try scaler.jsonData())
        #expect(try reloaded.transform(newRows) == scaled)
    }

    @Test func labelEncoderMatchesScikitLearn() throws {
        let clean = try penguins.get().dropNA()
        var labels = LabelEncoder(column: "species")
        let encoded = try labels.fitTransform(clean)
        #expect(labels.classes == ["Adelie", "Chinstrap", "Gentoo"])
        let y = encoded.tensor(column: "species", dtype: .int64)
        #expect(y.shape == [333] && y.dtype == .int64)
        let codes = y.scalars(as: Int64.self)
        #expect([codes[0], codes[100], codes[332]] == [0, 0, 1])
        #expect(labels.inverseTransform([2, 0]) == ["Gentoo", "Adelie"])
    }

    @Test func fillNAMatchesPandas() throws {
        let raw = try penguins.get()
        var means = FillNA(.mean)
        let filled = try means.fitTransform(raw)
        // Row 3 has no measurements: pandas' raw.fillna(raw.mean()).
        expectClose(measurements.map { filled[3, $0].number }, [43.9219298245614, 17.151169590643274, 200.91520467836258, 4201.754385964912])
        #expect(filled["sex"] == raw["sex"])  // mean does not apply to categorical columns

        var perColumn = FillNA(strategies: ["bill_length_mm": .median, "body_mass_g": .mostFrequent, "sex": .mostFrequent,
                                            "bill_depth_mm": .constant(0)])
        try perColumn.fit(raw)
        #expect(perColumn.fittedColumns == ["bill_length_mm", "bill_depth_mm", "body_mass_g", "sex"])
        #expect(perColumn.fillValues == [44.45, 0, 3800.0, "male"])
        let done = try perColumn.transform(raw)
        #expect(done.dropNA(subset: ["bill_length_mm", "bill_depth_mm", "body_mass_g", "sex"]).rowCount == 344)
        #expect(done[3, "sex"] == "male" && done[3, "flipper_length_mm"] == nil)
    }

    @Test func stratifiedSplitKeepsClassShares() throws {
        let clean = try penguins.get().dropNA()
        let (train, test) = try trainTestSplit(clean, testFraction: 0.2, seed: 7, stratify: "species")
        #expect(train.rowCount == 266 && test.rowCount == 67)
        // scikit-learn's train_test_split(test_size=0.2, stratify=species) allots the same counts.
        func counts(_ t: Table) -> [Int] {
            ["Adelie", "Chinstrap", "Gentoo"].map { name in t.filter { $0["species"] == .string(name) }.rowCount }
        }
        #expect(counts(train) == [117, 54, 95] && counts(test) == [29, 14, 24])
    }
}
