extension Table {
    /// What a column holds. Numeric columns feed tensors; categorical columns are encoded first
    /// (`OneHotEncoder`, `LabelEncoder`); text columns are free-form strings that encoders leave
    /// alone unless named.
    public enum ColumnKind: String, Sendable, Codable, CaseIterable {
        case numeric, categorical, text
    }

    /// One column's values; `nil` is a missing value.
    ///
    /// Numbers are `Double` (integers are exact up to 2^53); booleans read from files become 1
    /// and 0.
    public enum Column: Hashable, Sendable {
        case numeric([Double?])
        case categorical([String?])
        case text([String?])

        public var kind: ColumnKind {
            switch self {
            case .numeric: .numeric
            case .categorical: .categorical
            case .text: .text
            }
        }

        public var count: Int {
            switch self {
            case .numeric(let v): v.count
            case .categorical(let v), .text(let v): v.count
            }
        }

        /// The numbers of a numeric column, nil for other kinds.
        public var numbers: [Double?]? {
            if case .numeric(let v) = self { v } else { nil }
        }

        /// The strings of a categorical or text column, nil for numeric ones.
        public var strings: [String?]? {
            switch self {
            case .numeric: nil
            case .categorical(let v), .text(let v): v
            }
        }

        /// The cell at `row`.
        public subscript(row: Int) -> Value {
            switch self {
            case .numeric(let v): v[row].map(Value.number) ?? .missing
            case .categorical(let v), .text(let v): v[row].map(Value.string) ?? .missing
            }
        }

        public func isMissing(at row: Int) -> Bool {
            switch self {
            case .numeric(let v): v[row] == nil
            case .categorical(let v), .text(let v): v[row] == nil
            }
        }

        public var missingCount: Int {
            switch self {
            case .numeric(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            case .categorical(let v), .text(let v): v.reduce(0) { $0 + ($1 == nil ? 1 : 0) }
            }
        }

        /// The distinct values other than missing, in scikit-learn's sorted order.
        public var uniqueValues: [Value] {
            var seen = Set<Value>()
            for row in 0..<count where !isMissing(at: row) { seen.insert(self[row]) }
            return seen.sorted(by: Value.sortedOrder)
        }

        /// The rows at `indices`, in that order.
        func taking(_ indices: [Int]) -> Column {
            switch self {
            case .numeric(let v): .numeric(indices.map { v[$0] })
            case .categorical(let v): .categorical(indices.map { v[$0] })
            case .text(let v): .text(indices.map { v[$0] })
            }
        }

        /// An empty column of `kind`.
        static func empty(_ kind: ColumnKind) -> Column {
            switch kind {
            case .numeric: .numeric([])
            case .categorical: .categorical([])
            case .text: .text([])
            }
        }

        /// This column followed by `other` (of the same kind).
        func appending(_ other: Column) -> Column? {
            switch (self, other) {
            case (.numeric(let a), .numeric(let b)): .numeric(a + b)
            case (.categorical(let a), .categorical(let b)): .categorical(a + b)
            case (.text(let a), .text(let b)): .text(a + b)
            default: nil
            }
        }
    }
}
