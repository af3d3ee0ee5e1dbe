/// Preprocessing steps applied in order, fitted and saved together (scikit-learn's `Pipeline`):
/// each step is fitted on the output of the steps before it, and one JSON file restores them all.
///
/// ```swift
/// var prep = TablePipeline([
///     FillNA(.median, columns: ["bill_length_mm"]),
///     StandardScaler(columns: ["bill_length_mm", "body_mass_g"]),
///     OneHotEncoder(columns: ["island"], handleUnknown: .ignore),
/// ])
/// let train = try prep.fitTransform(trainTable)
/// try prep.save(to: "prep.json")
/// let features = try TablePipeline.load(from: "prep.json").transform(newRows)
/// ```
///
/// Saved steps are tagged with their type name; the steps Kiln defines (`FillNA`,
/// `StandardScaler`, `MinMaxScaler`, `OneHotEncoder`, `LabelEncoder`, `TablePipeline`) load back.
public struct TablePipeline: TablePreprocessor {
    public private(set) var steps: [any TablePreprocessor]

    public init(_ steps: [any TablePreprocessor]) {
        self.steps = steps
    }

    public var isFitted: Bool { steps.allSatisfy(\.isFitted) }

    public mutating func fit(_ table: Table) throws {
        var current = table
        for k in steps.indices {
            try steps[k].fit(current)
            if k < steps.count - 1 { current = try steps[k].transform(current) }
        }
    }

    public func transform(_ table: Table) throws -> Table {
        try steps.reduce(table) { try $1.transform($0) }
    }

    private enum CodingKeys: String, CodingKey { case steps }
    private enum StepKeys: String, CodingKey { case type, step }

    /// The step types a saved pipeline may hold.
    private static let stepTypes: [String: any TablePreprocessor.Type] = [
        "FillNA": FillNA.self, "StandardScaler": StandardScaler.self, "MinMaxScaler": MinMaxScaler.self,
        "OneHotEncoder": OneHotEncoder.self, "LabelEncoder": LabelEncoder.self, "TablePipeline": TablePipeline.self,
    ]

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        var list = c.nestedUnkeyedContainer(forKey: .steps)
        for step in steps {
            var entry = list.nestedContainer(keyedBy: StepKeys.self)
            try entry.encode(String(describing: type(of: step)), forKey: .type)
            try entry.encode(step, forKey: .step)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var list = try c.nestedUnkeyedContainer(forKey: .steps)
        var steps: [any TablePreprocessor] = []
        while !list.isAtEnd {
            let entry = try list.nestedContainer(keyedBy: StepKeys.self)
            let name = try entry.decode(String.self, forKey: .type)
            guard let type = Self.stepTypes[name] else {
                throw DecodingError.dataCorruptedError(forKey: .type, in: entry,
                    debugDescription: "unknown step type '\(name)' (known: \(Self.stepTypes.keys.sorted().joined(separator: ", ")))")
            }
            steps.append(try entry.decode(type, forKey: .step))
        }
        self.steps = steps
    }
}
