extension Module {
    /// A table of the modules that hold parameters or buffers directly: key, type, the shapes of
    /// their parameters and how many weights they hold; then the totals.
    ///
    /// ```
    /// Module       Type      Parameters               Count
    /// 0            Linear    weight [512, 784], bias [512]   401,920
    /// …
    /// Total: 535,818 parameters (535,818 trainable, 2.0 MiB), 0 buffer elements
    /// ```
    public func summary() -> String {
        var rows: [[String]] = [["Module", "Type", "Parameters", "Count"]]
        for (key, module) in namedModules() {
            var shapes: [String] = []
            var count = 0
            for (name, member) in module.namedMembers() {
                switch member {
                case .parameter(let p):
                    shapes.append("\(name) \(p.shape)")
                    count += p.value.count
                case .buffer(let b): shapes.append("\(name) \(b.value.shape) (buffer)")
                case .module: break
                }
            }
            if shapes.isEmpty && !module.namedChildren().isEmpty { continue }
            rows.append([key.isEmpty ? "(root)" : key, module.typeName, shapes.joined(separator: ", "), grouped(count)])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { column, text in
                let pad = String(repeating: " ", count: widths[column] - text.count)
                return column == 3 ? pad + text : text + pad
            }.joined(separator: "  ")
        }
        lines.insert(String(repeating: "─", count: widths.reduce(6, +)), at: 1)
        let parameters = self.parameters()
        let bytes = parameters.reduce(0) { $0 + $1.value.count * $1.dtype.byteSize }
        let bufferCount = buffers().reduce(0) { $0 + $1.value.count }
        lines.append(String(repeating: "─", count: widths.reduce(6, +)))
        lines.append("Total: \(grouped(parameterCount)) parameters (\(grouped(trainableParameterCount)) trainable, "
                     + "\(byteDescription(bytes))), \(grouped(bufferCount)) buffer elements")
        return lines.joined(separator: "\n")
    }
}

/// 1234567 → "1,234,567".
private func grouped(_ n: Int) -> String {
    let digits = String(n.magnitude)
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

private func byteDescription(_ bytes: Int) -> String {
    let units = ["B", "KiB", "MiB", "GiB"]
    var value = Double(bytes), unit = 0
    while value >= 1024 && unit < units.count - 1 { value /= 1024; unit += 1 }
    return unit == 0 ? "\(bytes) B" : "\((value * 10).rounded() / 10) \(units[unit])"
}
