import RealModule

// The kernel behind cross-entropy with class-index labels and NLL: one pass over the rows (a row
// is one sample, and one spatial position for [N, C, d1, …] input, across its C classes) that
// computes the log-sum-exp, the weighted, smoothed loss and the total weight, and one pass for
// the gradient. PyTorch runs log_softmax and nll_loss (and their backwards) as two kernels each;
// fusing them keeps a training step's loss at one kernel forward and one backward.

/// What the class axis holds: raw scores (cross-entropy applies log-softmax) or log-probabilities (NLL).
enum ClassScores { case logits, logProbabilities }

/// The layout of a class-index loss and its options. Scores are contiguous [N, C, S] (S: the
/// product of the axes after the class axis), labels contiguous [N, S].
struct ClassIndexLossKernel {
    let op: String
    let scores: ClassScores
    let classes: Int
    let inner: Int
    let rows: Int
    let ignoreIndex: Int64
    let smoothing: Double

    /// Rows per parallel piece: about 16K score elements.
    private var grain: Int { Swift.max(1, (1 << 14) / Swift.max(classes, 1)) }

    /// Checks every label (in [0, C) or the ignore index) and returns the total weight of the
    /// labelled rows: the divisor of the mean.
    private func checkedTotalWeight<T: FloatElement>(labels: Tensor, weight: Tensor?, _: T.Type) -> Double {
        let pl = labels.pointer(as: Int64.self)
        let pw = weight.map { UnsafePointer($0.pointer(as: T.self)) }
        var total = 0.0
        for r in 0..<rows {
            let y = pl[r]
            if y == ignoreIndex { continue }
            require(y >= 0 && y < Int64(classes),
                    "\(op): label \(y) is out of range [0, \(classes)) (ignoreIndex is \(ignoreIndex))")
            total += pw.map { $0[Int(y)].kilnDouble } ?? 1
        }
        return total
    }

    /// Checks the labels, then runs the forward pass: per-row losses, row statistics, the total
    /// weight and the sum of the losses (in Double: no separate reduction op in a training step).
    func run<T: FloatElement>(_ x: Tensor, _ labels: Tensor, _ weight: Tensor?, _: T.Type)
        -> (losses: Tensor, stats: Tensor?, totalWeight: Double, sum: Double) {
        let total = checkedTotalWeight(labels: labels, weight: weight, T.self)
        let (losses, stats) = forward(x, labels: labels, weight: weight, T.self)
        let p = losses.pointer(as: T.self)
        var sum = 0.0
        for r in 0..<rows { sum += p[r].kilnDouble }
        return (losses, stats, total, sum)
    }

    /// Per-row losses [rows] and, for logits, each row's maximum and log Σ exp(x − max) [rows, 2]
    /// for the backward pass. Labels must have been checked.
    private func forward<T: FloatElement>(_ x: Tensor, labels: Tensor, weight: Tensor?, _: T.Type) -> (losses: Tensor, stats: Tensor?) {
        let losses = Tensor(uninitializedShape: [rows], dtype: T.dtype)
        let stats = scores == .logits ? Tensor(uninitializedShape: [rows, 2], dtype: T.dtype) : nil
        let px = UnsafePointer(x.pointer(as: T.self)), pl = UnsafePointer(labels.pointer(as: Int64.self))
        let pw = weight.map { UnsafePointer($0.pointer(as: T.self)) }
        let po = losses.pointer(as: T.self), ps = stats?.pointer(as: T.self)
        let (C, S, ignore, scores) = (classes, inner, ignoreIndex, scores)
        let smoothed = smoothing > 0
        let keep = T(1 - smoothing), share = T(smoothing / Double(C))
        ThreadPool.parallelFor(rows, grain: grain) { range in
            for r in range {
                let row = px + (r / S) * C * S + r % S
                let y = pl[r]
                guard scores == .logits, let ps else {
                    po[r] = y == ignore ? 0 : -(pw?[Int(y)] ?? 1) * row[Int(y) * S]
                    continue
                }
                var m = -T.infinity
                for c in 0..<C where !(row[c * S] <= m) { m = row[c * S] }
                // An all -inf row shifts by 0 (NaN either way, as in PyTorch).
                if m == -T.infinity { m = 0 }
                var s: T = 0
                for c in 0..<C { s += T.exp(row[c * S] - m) }
                let l = T.log(s)
                ps[2 * r] = m
                ps[2 * r + 1] = l
                if y == ignore {
                    po[r] = 0
                    continue
                }
                // −log p_c = l − (x_c − m), as log_softmax computes it.
                let yi = Int(y)
                var loss = (pw?[yi] ?? 1) * (l - (row[yi * S] - m))
                if smoothed {
                    var smooth: T = 0
                    if let pw {
                        for c in 0..<C { smooth += pw[c] * (l - (row[c * S] - m)) }
                    } else {
                        for c in 0..<C { smooth += l - (row[c * S] - m) }
                    }
                    loss = keep * loss + share * smooth
                }
                po[r] = loss
            }
        }
        return (losses, stats)
    }

    /// The gradient with respect to the scores, [N, C, S] contiguous, given the gradient `scale`
    /// of each row's loss: [rows] when `perRow`, else one value for all rows, divided by `divisor`
    /// (the mean's total weight).
    ///
    /// With q_c = (1 − ε)·w_y·[c = y] + (ε/C)·w_c the row's loss is −Σ q_c log p_c, so the
    /// gradient of the logits is scale · (Σq · p_c − q_c); of log-probabilities, −scale · w_y at y.
    func backward<T: FloatElement>(_ x: Tensor, labels: Tensor, weight: Tensor?, stats: Tensor?,
                                   scale: Tensor, perRow: Bool, divisor: Double, _: T.Type) -> Tensor {
        let out = Tensor(uninitializedShape: x.shape, dtype: T.dtype)
        let px = UnsafePointer(x.pointer(as: T.self)), pl = UnsafePointer(labels.pointer(as: Int64.self))
        let pw = weight.map { UnsafePointer($0.pointer(as: T.self)) }
        let ps = stats.map { UnsafePointer($0.pointer(as: T.self)) }
        let pg = UnsafePointer(scale.pointer(as: T.self)), po = out.pointer(as: T.self)
        let shared = perRow ? 0 : pg[0] / T(divisor)
        let (C, S, ignore) = (classes, inner, ignoreIndex)
        let smoothed = smoothing > 0
        let keep = T(1 - smoothing), share = T(smoothing / Double(C))
        var weightSum = T(C)
        if let pw, smoothed {
            weightSum = 0
            for c in 0..<C { weightSum += pw[c] }
        }
        let totalShare = share * weightSum
        ThreadPool.parallelFor(rows, grain: grain) { range in
            for r in range {
                let offset = (r / S) * C * S + r % S
                let row = px + offset, o = po + offset
                let y = pl[r]
                if y == ignore {
                    for c in 0..<C { o[c * S] = 0 }
                    continue
                }
                let yi = Int(y)
                let g = perRow ? pg[r] : shared
                let wy = pw?[yi] ?? 1
                guard let ps else {
                    for c in 0..<C { o[c * S] = 0 }
                    o[yi * S] = -(g * wy)
                    continue
                }
                let m = ps[2 * r], l = ps[2 * r + 1]
                if !smoothed {
                    let a = g * wy
                    for c in 0..<C { o[c * S] = a * T.exp((row[c * S] - m) - l) }
                    o[yi * S] -= a
                } else {
                    let a = keep * wy
                    let total = a + totalShare
                    if let pw {
                        for c in 0..<C { o[c * S] = g * (total * T.exp((row[c * S] - m) - l) - share * pw[c]) }
                    } else {
                        for c in 0..<C { o[c * S] = g * (total * T.exp((row[c * S] - m) - l) - share) }
                    }
                    o[yi * S] -= g * a
                }
            }
        }
        return out
    }
}
