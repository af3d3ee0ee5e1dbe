/// Reading a batch's outputs and targets for metrics: once, into Swift arrays, without autograd.
enum MetricInput {
    /// The elements in row-major order as Doubles. The tensor is detached first, so reading a
    /// graph's output records nothing; float32 and float64 are read in place.
    static func doubles(_ tensor: Tensor) -> [Double] {
        let t = tensor.detach()
        switch t.dtype {
        case .float32: return read(t.contiguous(), as: Float.self) { Double($0) }
        case .float64: return read(t.contiguous(), as: Double.self) { $0 }
        default: return read(t.cast(to: .float64), as: Double.self) { $0 }
        }
    }

    /// A classification batch: logits [N, C] read row-major, and the N labels, each checked to be
    /// a class index in 0..<C.
    static func classification(outputs: Tensor, targets: Tensor, metric: String) -> (logits: [Double], classes: Int, labels: [Int]) {
        require(outputs.rank == 2, "\(metric): outputs must be logits of shape [N, C], got shape \(outputs.shape)")
        require(targets.rank == 1 && targets.shape[0] == outputs.shape[0],
                "\(metric): targets must be N = \(outputs.shape[0]) class indices of shape [\(outputs.shape[0])] for outputs of shape \(outputs.shape), got shape \(targets.shape)")
        let classes = outputs.shape[1]
        require(classes > 0, "\(metric): outputs have no classes (shape \(outputs.shape))")
        return (doubles(outputs), classes, labels(targets, classes: classes, metric: metric))
    }

    /// Integer class indices, each checked to lie in 0..<classes.
    static func labels(_ targets: Tensor, classes: Int, metric: String) -> [Int] {
        require(!targets.dtype.isFloatingPoint && targets.dtype != .bool,
                "\(metric): targets must be integer class indices, got \(targets.dtype) (cast them with .cast(to: .int64))")
        let labels = read(targets.detach().cast(to: .int64).contiguous(), as: Int64.self) { Int($0) }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classes }) {
            requireFailure("\(metric): target class \(bad) is out of range for \(classes) classes (0..<\(classes))")
        }
        return labels
    }

    /// Regression predictions and targets as Doubles. The shapes must match, except for axes of
    /// size 1 ([N, 1] predictions against [N] targets), where PyTorch would silently broadcast to
    /// [N, N].
    static func regression(outputs: Tensor, targets: Tensor, metric: String) -> (predictions: [Double], targets: [Double]) {
        require(outputs.shape.filter { $0 != 1 } == targets.shape.filter { $0 != 1 },
                "\(metric): outputs of shape \(outputs.shape) and targets of shape \(targets.shape) must have the same shape")
        return (doubles(outputs), doubles(targets))
    }

    /// The index of the largest value in `row[start..<start + count]`, counted from `start`: the
    /// first one on ties, and the first NaN if there is one, as `torch.argmax`.
    static func argmax(_ row: [Double], start: Int, count: Int) -> Int {
        var best = row[start], at = 0
        if best.isNaN { return 0 }
        for i in 1..<Swift.max(count, 1) {
            let v = row[start + i]
            if v.isNaN { return i }
            if v > best { (best, at) = (v, i) }
        }
        return at
    }

    /// Whether the class at `label` is among the `k` highest of the row, ranking as a stable sort
    /// in descending order does (`torch.sort(descending: true, stable: true)`): higher values first,
    /// NaN above every number, ties broken by the lower index. With k = 1 this is `argmax == label`.
    static func isInTopK(_ row: [Double], start: Int, count: Int, label: Int, k: Int) -> Bool {
        let score = row[start + label]
        var ahead = 0
        for j in 0..<count where j != label {
            let v = row[start + j]
            // Ahead: ranks strictly above the label's score, or ties with it at a lower index.
            if j < label ? !ranksAbove(score, v) : ranksAbove(v, score) {
                ahead += 1
                if ahead >= k { return false }
            }
        }
        return true
    }

    /// Whether `a` ranks strictly above `b`, with NaN above every number (and equal to NaN).
    private static func ranksAbove(_ a: Double, _ b: Double) -> Bool {
        a.isNaN ? !b.isNaN : a > b
    }

    /// The elements of a contiguous tensor, converted one by one.
    private static func read<T: TensorElement, R>(_ t: Tensor, as _: T.Type, _ convert: (T) -> R) -> [R] {
        withExtendedLifetime(t) { UnsafeBufferPointer(start: t.pointer(as: T.self), count: t.count).map(convert) }
    }
}
