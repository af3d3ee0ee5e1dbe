import Foundation

/// Scales the gradients of `parameters` so that their total norm is at most `maxNorm`, as PyTorch's
/// `torch.nn.utils.clip_grad_norm_`: the total norm is the `normType`-norm of all gradient elements
/// together (`.infinity` for the largest magnitude), and every gradient is multiplied by
/// `min(1, maxNorm / (total + 1e-6))`. Parameters without a gradient are ignored.
///
/// - Returns: the total norm before clipping (0 when no parameter has a gradient).
@discardableResult
public func clipGradNorm(_ parameters: [Parameter], maxNorm: Double, normType: Double = 2) -> Double {
    require(normType == .infinity || (normType.isFinite && normType > 0),
            "clipGradNorm: normType must be positive or .infinity, got \(normType)")
    var total = 0.0
    for p in parameters {
        guard let g = p.grad else { continue }
        let part = gradientNormPart(g, normType: normType)
        total = normType == .infinity ? maximumPropagatingNaN(total, part) : total + part
    }
    if normType != .infinity && normType != 1 {
        total = normType == 2 ? total.squareRoot() : Foundation.pow(total, 1 / normType)
    }
    let scale = Swift.min(maxNorm / (total + 1e-6), 1)
    if scale != 1 {
        for p in parameters where p.grad != nil { transformGradient(of: p, GradientScale(factor: scale)) }
    }
    return total
}

/// Clamps every gradient element of `parameters` to `[-clipValue, clipValue]`, as PyTorch's
/// `torch.nn.utils.clip_grad_value_` (NaN stays NaN). Parameters without a gradient are ignored.
public func clipGradValue(_ parameters: [Parameter], clipValue: Double) {
    require(clipValue >= 0, "clipGradValue: clipValue must be non-negative, got \(clipValue)")
    for p in parameters where p.grad != nil { transformGradient(of: p, GradientClamp(limit: clipValue)) }
}

/// Σ|x|^p over the elements of `gradient` (max |x| for the infinity norm), in float64.
private func gradientNormPart(_ gradient: Tensor, normType: Double) -> Double {
    let g = (gradient.dtype == .float64 || gradient.dtype == .float32 ? gradient : gradient.cast(to: .float32)).contiguous()
    return withExtendedLifetime(g) {
        g.dtype == .float64 ? normPart(g.pointer(as: Double.self), g.count, normType)
            : normPart(g.pointer(as: Float.self), g.count, normType)
    }
}

private func normPart<T: BinaryFloatingPoint>(_ x: UnsafePointer<T>, _ count: Int, _ normType: Double) -> Double {
    let pieces = ThreadPool.pieces(count, grain: updateGrain)
    var partials = [Double](repeating: 0, count: pieces)
    partials.withUnsafeMutableBufferPointer { out in
        ThreadPool.parallelPieces(count, grain: updateGrain) { piece, range in
            var acc = 0.0
            if normType == .infinity {
                for i in range { acc = maximumPropagatingNaN(acc, Swift.abs(Double(x[i]))) }
            } else if normType == 2 {
                for i in range { let v = Double(x[i]); acc += v * v }
            } else if normType == 1 {
                for i in range { acc += Swift.abs(Double(x[i])) }
            } else {
                for i in range { acc += Foundation.pow(Swift.abs(Double(x[i])), normType) }
            }
            out[piece] = acc
        }
    }
    return normType == .infinity ? partials.reduce(0, maximumPropagatingNaN) : partials.reduce(0, +)
}

/// A change made to every gradient element.
private protocol GradientTransform {
    func apply<T: BinaryFloatingPoint>(_ x: T) -> T
}

private struct GradientScale: GradientTransform {
    let factor: Double
    @inline(__always) func apply<T: BinaryFloatingPoint>(_ x: T) -> T { x * T(factor) }
}

private struct GradientClamp: GradientTransform {
    let limit: Double
    @inline(__always) func apply<T: BinaryFloatingPoint>(_ x: T) -> T {
        let high = T(limit)
        return x < -high ? -high : (x > high ? high : x)
    }
}

/// Applies `transform` to the gradient of `parameter`: in place when the gradient is a contiguous
/// float32/float64 tensor whose storage nothing else holds, otherwise into a new tensor.
private func transformGradient<F: GradientTransform>(of parameter: Parameter, _ transform: F) {
    guard let old = parameter.grad else { return }
    let (shape, strides, offset, dtype) = (old.shape, old.strides, old.offset, old.dtype)
    let inPlace = old.isContiguous && old.gradNode == nil && (dtype == .float32 || dtype == .float64)
    var storage = old.storage
    _ = consume old
    parameter.grad = nil
    if inPlace && isKnownUniquelyReferenced(&storage) {
        let g = Tensor(shape: shape, strides: strides, offset: offset, dtype: dtype, storage: storage)
        if dtype == .float32 { transformInPlace(g.pointer(as: Float.self), g.count, transform) }
        else { transformInPlace(g.pointer(as: Double.self), g.count, transform) }
        parameter.grad = g
    } else {
        let g = Tensor(shape: shape, strides: strides, offset: offset, dtype: dtype, storage: storage)
        let copy = (dtype.isFloatingPoint && !(dtype == .float32 || dtype == .float64) ? g.cast(to: .float32) : g).copied()
        if copy.dtype == .float32 { transformInPlace(copy.pointer(as: Float.self), copy.count, transform) }
        else { transformInPlace(copy.pointer(as: Double.self), copy.count, transform) }
        parameter.grad = copy.dtype == dtype ? copy : copy.cast(to: dtype)
    }
}

private func transformInPlace<T: BinaryFloatingPoint, F: GradientTransform>(
    _ x: UnsafeMutablePointer<T>, _ count: Int, _ transform: F
) {
    ThreadPool.parallelFor(count, grain: updateGrain) { range in
        for i in range { x[i] = transform.apply(x[i]) }
    }
}
