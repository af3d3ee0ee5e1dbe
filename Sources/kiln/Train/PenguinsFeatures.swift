import Kiln
import KilnData

/// The preprocessing of the penguins table for the tabular MLP: standard-scaled measurements,
/// one-hot island and sex, species as class codes. Its fitted state is saved with the run
/// (`preprocessing.json`) so `kiln eval` and `kiln predict` prepare rows exactly alike.
enum PenguinsFeatures {
    static let numericColumns = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"]
    static let label = "species"

    static func pipeline() -> TablePipeline {
        TablePipeline([
            StandardScaler(columns: numericColumns),
            OneHotEncoder(columns: ["island", "sex"], handleUnknown: .ignore),
            LabelEncoder(column: label),
        ])
    }

    /// The fitted class names (species), in code order.
    static func classNames(_ prep: TablePipeline) throws -> [String] {
        guard let encoder = prep.steps.last as? LabelEncoder, let classes = encoder.classes else {
            throw CommandError("the saved penguins preprocessing has no fitted species encoder")
        }
        return classes.map { "\($0)" }
    }

    /// (features, labels) of a transformed table.
    static func tensors(_ table: Table) -> (Tensor, Tensor) {
        (features(table), table.tensor(column: label, dtype: .int64))
    }

    /// The feature columns of a transformed table: everything but the species, in table order.
    static func features(_ table: Table) -> Tensor {
        table.tensor(columns: table.columnNames.filter { $0 != label && $0 != "year" })
    }

    static func featureCount(_ prep: TablePipeline) -> Int {
        numericColumns.count + ((prep.steps.dropFirst().first as? OneHotEncoder)?.featureNames?.count ?? 0)
    }

    /// Features of new rows (with or without a species column) for prediction.
    static func features(ofRows table: Table, prep: TablePipeline) throws -> Tensor {
        let steps = table.hasColumn(label) ? prep : TablePipeline(Array(prep.steps.dropLast()))
        return features(try steps.transform(table.drop(columns: table.hasColumn("year") ? ["year"] : [])))
    }
}
