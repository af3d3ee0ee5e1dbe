/// One event of a TensorBoard event file as `EventFileReader` reads it: when, at which step, and
/// what — the file version (the first event of a file), summary values, or something Kiln does
/// not read (a graph, a session log).
public struct TensorBoardEvent: Sendable, Equatable {
    /// Seconds since the Unix epoch.
    public var wallTime: Double
    /// The training step (0 when the writer gave none).
    public var step: Int
    public var kind: Kind

    public enum Kind: Sendable, Equatable {
        /// "brain.Event:2" in the first event of a file.
        case fileVersion(String)
        case summary([Value])
        /// An event holding neither (a graph, a session log, run metadata).
        case other
    }

    /// One tagged value of a summary.
    public struct Value: Sendable, Equatable {
        public var tag: String
        /// The TensorBoard plugin named in the value's metadata ("scalars", "text", …); nil when
        /// it has none (legacy scalars, histograms and images need none).
        public var pluginName: String?
        public var content: Content

        public init(tag: String, pluginName: String? = nil, content: Content) {
            self.tag = tag
            self.pluginName = pluginName
            self.content = content
        }
    }

    public enum Content: Sendable, Equatable {
        /// A legacy `simple_value`, or a one-element numeric tensor of the "scalars" plugin.
        case scalar(Double)
        case histogram(Histogram)
        case image(Image)
        /// The string of a one-element DT_STRING tensor of the "text" plugin.
        case text(String)
        /// Another tensor summary: its dtype and shape.
        case tensor(dtype: String, shape: [Int])
        /// A value Kiln does not read (audio, an old-style histogram).
        case other
    }

    /// A histogram: bucket i counts the values in (bucketLimits[i − 1], bucketLimits[i]].
    public struct Histogram: Sendable, Equatable {
        public var min: Double
        public var max: Double
        /// How many values were summarized (TensorBoard's `num`).
        public var count: Double
        public var sum: Double
        public var sumSquares: Double
        public var bucketLimits: [Double]
        public var bucketCounts: [Double]
    }

    /// An encoded image (PNG from Kiln and PyTorch).
    public struct Image: Sendable, Equatable {
        public var width: Int
        public var height: Int
        /// 1 grey, 2 grey + alpha, 3 RGB, 4 RGBA.
        public var channels: Int
        /// The encoded file's bytes.
        public var encoded: [UInt8]
    }

    public init(wallTime: Double, step: Int, kind: Kind) {
        self.wallTime = wallTime
        self.step = step
        self.kind = kind
    }

    /// The summary values (empty for other events).
    public var values: [Value] {
        if case .summary(let values) = kind { return values }
        return []
    }
}
