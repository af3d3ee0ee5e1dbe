import Foundation

extension Tensor: CustomStringConvertible, CustomDebugStringConvertible {
    /// PyTorch-style text: `tensor([[1.0000, 2.0000], …], dtype=float64)`; tensors with more than
    /// 1000 elements show the first and last three entries of each axis.
    public var description: String {
        let summarize = count > 1000
        let values = scalars(as: Double.self)
        let isFloat = dtype.isFloatingPoint
        // Like PyTorch: scientific notation when magnitudes are very large or small, else 4 decimals.
        let finite = values.filter { $0.isFinite && $0 != 0 }.map(Swift.abs)
        let scientific = isFloat && !finite.isEmpty && (finite.max()! >= 1e8 || finite.min()! < 1e-4)
        func format(_ v: Double) -> String {
            if dtype == .bool { return v != 0 ? "True" : "False" }
            if !isFloat { return String(Int64(v)) }
            if v.isNaN { return "nan" }
            if v.isInfinite { return v > 0 ? "inf" : "-inf" }
            return scientific ? String(format: "%.4e", v) : String(format: "%.4f", v)
        }
        let strides = Shape.contiguousStrides(shape)
        let width = values.isEmpty ? 0 : (summarize ? 12 : values.map { format($0).count }.max()!)
        func render(_ axis: Int, _ offset: Int, _ indent: Int) -> String {
            if axis == shape.count {
                let s = format(values[offset])
                return String(repeating: " ", count: Swift.max(0, width - s.count)) + s
            }
            let n = shape[axis]
            var idx = Array(0..<n)
            var skipAt: Int? = nil
            if summarize && n > 6 { idx = [0, 1, 2, n - 3, n - 2, n - 1]; skipAt = 3 }
            var parts: [String] = []
            for (i, j) in idx.enumerated() {
                if i == skipAt { parts.append("...") }
                parts.append(render(axis + 1, offset + j * strides[axis], indent + 1))
            }
            if axis == shape.count - 1 { return "[" + parts.joined(separator: ", ") + "]" }
            let sep = "," + String(repeating: "\n", count: shape.count - axis - 1) + String(repeating: " ", count: indent + 1)
            return "[" + parts.joined(separator: sep) + "]"
        }
        let body = shape.isEmpty ? format(values.first ?? 0) : render(0, 0, 7)
        var suffix = ""
        if dtype != .float32 && dtype != .int64 && dtype != .bool { suffix += ", dtype=\(dtype)" }
        if requiresGrad { suffix += ", requiresGrad=true" }
        return "tensor(\(body)\(suffix))"
    }

    public var debugDescription: String { "Tensor(shape: \(shape), dtype: \(dtype), strides: \(strides)) " + description }
}
