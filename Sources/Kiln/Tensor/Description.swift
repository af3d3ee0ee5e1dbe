import Foundation

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// PyTorch's text form, following `torch/_tensor_str.py` with its default print options
    /// (precision 4, threshold 1000, 3 edge items, line width 80): `tensor([1., 2.])`,
    /// `tensor([1.5000, 2.2500])`, `tensor([ 1.0000e-05,  3.0000e+00])`, `tensor([ True, False])`.
    /// Tensors with more than 1000 elements show the first and last three entries of each axis.
    /// The only differences from PyTorch are Kiln's names in the suffixes: `dtype=float64` (not
    /// `dtype=torch.float64`) and `requiresGrad=true` (not `requires_grad=True` / `grad_fn=…`).
    public var description: String {
        let prefix = "tensor("
        var suffixes: [String] = []
        let body: String
        if count == 0 {
            body = "[]"
            if rank != 1 { suffixes.append("size=(" + shape.map(String.init).joined(separator: ", ") + ")") }
            if dtype != .float32 { suffixes.append("dtype=\(dtype)") }
        } else {
            body = TensorText(self).render(indent: prefix.count)
            if dtype != .float32 && dtype != .int64 && dtype != .bool { suffixes.append("dtype=\(dtype)") }
        }
        if requiresGrad { suffixes.append("requiresGrad=true") }
        return TensorText.addSuffixes(prefix + body, suffixes, indent: prefix.count)
    }

    public var debugDescription: String { "Tensor(shape: \(shape), dtype: \(dtype), strides: \(strides)) " + description }
}

/// The layout rules of PyTorch's tensor printing.
private struct TensorText {
    static let precision = 4, threshold = 1000, edgeItems = 3, lineWidth = 80

    /// The tensor's shape, and the strides of the (cut-down, contiguous) source that is printed.
    let shape: [Int]
    let strides: [Int]
    let summarize: Bool
    /// Floating-point values (as Double, exactly), or nil for integer and bool tensors.
    let floats: [Double]?
    let integers: [Int64]?
    let isBool: Bool
    private(set) var formatter = Formatter()

    init(_ t: Tensor) {
        shape = t.shape
        summarize = t.count > TensorText.threshold
        isBool = t.dtype == .bool
        // A summarised tensor is first cut down to its edge items along every long axis, so
        // printing a large tensor copies only what is shown.
        var source = t.detach()
        if summarize {
            let e = TensorText.edgeItems
            for (axis, n) in t.shape.enumerated() where n > 2 * e {
                let keep = Tensor((Array(0..<e) + Array((n - e)..<n)).map(Int64.init))
                source = source.indexSelect(axis: axis, indices: keep)
            }
        }
        strides = Shape.contiguousStrides(source.shape)
        if t.dtype.isFloatingPoint {
            floats = source.scalars(as: Double.self)
            integers = nil
        } else {
            floats = nil
            integers = source.scalars(as: Int64.self)
        }
        // The formatter sees only the elements that will be shown, as PyTorch's does.
        var shown: [Int] = []
        visit(axis: 0, offset: 0) { shown.append($0) }
        formatter = floats.map { values in Formatter(floats: shown.map { values[$0] }) }
            ?? Formatter(strings: shown.map { integerText(integers![$0]) })
    }

    /// Whether axis `axis` (of size `n`) is cut down to its edge items.
    private func isCut(_ n: Int) -> Bool { summarize && n > 2 * TensorText.edgeItems }

    /// Positions along an axis of `n` elements in the (cut-down) source.
    private func shownIndices(_ n: Int) -> [Int] {
        isCut(n) ? Array(0..<(2 * TensorText.edgeItems)) : Array(0..<n)
    }

    private func visit(axis: Int, offset: Int, _ body: (Int) -> Void) {
        if axis == shape.count { body(offset); return }
        for i in shownIndices(shape[axis]) { visit(axis: axis + 1, offset: offset + i * strides[axis], body) }
    }

    private func integerText(_ v: Int64) -> String { isBool ? (v != 0 ? "True" : "False") : String(v) }

    private func element(_ offset: Int) -> String {
        if let floats { return formatter.format(floats[offset]) }
        return formatter.pad(integerText(integers![offset]))
    }

    func render(indent: Int) -> String { render(axis: 0, offset: 0, indent: indent) }

    private func render(axis: Int, offset: Int, indent: Int) -> String {
        let dims = shape.count - axis
        if dims == 0 { return element(offset) }
        let n = shape[axis]
        var parts: [String] = []
        for (i, j) in shownIndices(n).enumerated() {
            if isCut(n) && i == TensorText.edgeItems { parts.append(dims == 1 ? " ..." : "...") }
            parts.append(dims == 1 ? element(offset + j * strides[axis])
                                   : render(axis: axis + 1, offset: offset + j * strides[axis], indent: indent + 1))
        }
        if dims > 1 {
            let separator = "," + String(repeating: "\n", count: dims - 1) + String(repeating: " ", count: indent + 1)
            return "[" + parts.joined(separator: separator) + "]"
        }
        // A vector wraps to the line width.
        let perLine = Swift.max(1, (TensorText.lineWidth - indent) / (formatter.width + 2))
        let lines = stride(from: 0, to: parts.count, by: perLine).map {
            parts[$0..<Swift.min($0 + perLine, parts.count)].joined(separator: ", ")
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }

    /// Appends `, suffix` entries, moving one to a new line when it would pass the line width.
    static func addSuffixes(_ text: String, _ suffixes: [String], indent: Int) -> String {
        var out = text
        // PyTorch's count (`len - rfind("\n") + 1`, with rfind = -1 when there is no newline).
        let lastNewline = text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) } ?? -1
        var lastLine = text.count - lastNewline + 1
        for suffix in suffixes {
            if lastLine + suffix.count + 2 > lineWidth {
                out += ",\n" + String(repeating: " ", count: indent) + suffix
                lastLine = indent + suffix.count
            } else {
                out += ", " + suffix
                lastLine += suffix.count + 2
            }
        }
        return out + ")"
    }

    /// PyTorch's `_Formatter`: integer-valued floats print as `1.`, others with 4 decimals, and
    /// scientific notation when the magnitudes span more than 1000× or pass 1e8 or fall below 1e-4.
    struct Formatter {
        var isFloat = false
        var integerMode = true
        var scientific = false
        var width = 1

        init() {}

        init(strings: [String]) {
            width = strings.reduce(1) { Swift.max($0, $1.count) }
        }

        init(floats values: [Double]) {
            isFloat = true
            let finite = values.filter { $0.isFinite && $0 != 0 }
            guard !finite.isEmpty else { return }
            let magnitudes = finite.map(Swift.abs)
            let (lo, hi) = (magnitudes.min()!, magnitudes.max()!)
            integerMode = finite.allSatisfy { $0 == $0.rounded(.up) }
            scientific = hi / lo > 1000 || hi > 1e8 || lo < 1e-4
            for v in finite {
                let text = scientific ? Formatter.fixed(v, "%.\(TensorText.precision)e")
                    : (integerMode ? Formatter.fixed(v, "%.0f") + "." : Formatter.fixed(v, "%.\(TensorText.precision)f"))
                width = Swift.max(width, text.count)
            }
        }

        private static func fixed(_ v: Double, _ format: String) -> String { String(format: format, v) }

        func pad(_ s: String) -> String { String(repeating: " ", count: Swift.max(0, width - s.count)) + s }

        func format(_ v: Double) -> String {
            let text: String
            if v.isNaN { text = "nan" }
            else if v.isInfinite { text = v > 0 ? "inf" : "-inf" }
            else if scientific { text = Formatter.fixed(v, "%.\(TensorText.precision)e") }
            else if integerMode { text = Formatter.fixed(v, "%.0f") + "." }
            else { text = Formatter.fixed(v, "%.\(TensorText.precision)f") }
            return pad(text)
        }
    }
}
