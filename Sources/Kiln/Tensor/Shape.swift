/// Shape arithmetic shared by ops: strides, broadcasting, contiguity.
public enum Shape {
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var s = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = s
            s *= shape[i]
        }
        return strides
    }

    public static func isContiguous(shape: [Int], strides: [Int]) -> Bool {
        var expected = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) where shape[i] != 1 {
            if strides[i] != expected { return false }
            expected *= shape[i]
        }
        return true
    }

    /// NumPy broadcasting of two shapes; nil when they are incompatible.
    public static func broadcast(_ a: [Int], _ b: [Int]) -> [Int]? {
        if a == b { return a }
        let n = Swift.max(a.count, b.count)
        var out = [Int](repeating: 1, count: n)
        for i in 0..<n {
            let da = i < n - a.count ? 1 : a[i - (n - a.count)]
            let db = i < n - b.count ? 1 : b[i - (n - b.count)]
            if da == db || db == 1 { out[i] = da }
            else if da == 1 { out[i] = db }
            else { return nil }
        }
        return out
    }

    /// Broadcasts, or stops naming the op and both shapes.
    public static func broadcast(_ a: [Int], _ b: [Int], op: String) -> [Int] {
        guard let s = broadcast(a, b) else {
            fatalError("\(op): shapes \(a) and \(b) cannot be broadcast together")
        }
        return s
    }

    /// Strides that read a tensor of `shape`/`strides` as if it had the (broadcast) shape `target`:
    /// axes that are added or have size 1 get stride 0.
    static func broadcastStrides(shape: [Int], strides: [Int], to target: [Int]) -> [Int] {
        let lead = target.count - shape.count
        var out = [Int](repeating: 0, count: target.count)
        for i in 0..<shape.count where shape[i] != 1 || target[lead + i] == 1 {
            out[lead + i] = shape[i] == 1 ? 0 : strides[i]
        }
        return out
    }

    /// The axes along which a tensor of `shape` was broadcast to reach `target`, for summing a
    /// gradient back to the input's shape.
    static func reducedAxes(from target: [Int], to shape: [Int]) -> [Int] {
        let lead = target.count - shape.count
        var axes = Array(0..<lead)
        for i in 0..<shape.count where shape[i] == 1 && target[lead + i] != 1 { axes.append(lead + i) }
        return axes
    }
}
