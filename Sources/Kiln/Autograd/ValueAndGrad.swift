/// Collects the gradient for one argument of `valueAndGrad`.
private final class GradientBox: GradSink {
    var grad: Tensor?
    func accumulate(_ gradient: Tensor) {
        if let g = grad { grad = g + gradient } else { grad = gradient }
    }
}

/// Evaluates `f` at `points` and returns its value with the gradient with respect to each point
/// (zeros for points the value does not depend on). `f` must return a single-element tensor.
public func valueAndGrad(at points: [Tensor], of f: ([Tensor]) throws -> Tensor) rethrows -> (value: Tensor, gradients: [Tensor]) {
    let boxes = points.map { _ in GradientBox() }
    let inputs = zip(points, boxes).map { point, box -> Tensor in
        require(point.dtype.isFloatingPoint, "valueAndGrad: only floating-point tensors have gradients, not \(point.dtype)")
        var p = point.detach()
        p.gradNode = GradNode(leaf: box)
        return p
    }
    let value = try GradMode.$isEnabled.withValue(true) { try f(inputs) }
    if value.gradNode != nil { value.backward() }
    let grads = zip(points, boxes).map { point, box in
        box.grad.map { $0.shape == point.shape ? $0 : $0.sum(toShape: point.shape) } ?? Tensor.zeros(like: point)
    }
    return (value.detach(), grads)
}

/// `valueAndGrad` of a function of one tensor.
public func valueAndGrad(at x: Tensor, of f: (Tensor) throws -> Tensor) rethrows -> (value: Tensor, gradient: Tensor) {
    let (v, g) = try valueAndGrad(at: [x]) { try f($0[0]) }
    return (v, g[0])
}

/// `valueAndGrad` of a function of two tensors.
public func valueAndGrad(at x: Tensor, _ y: Tensor, of f: (Tensor, Tensor) throws -> Tensor) rethrows -> (value: Tensor, gradients: (Tensor, Tensor)) {
    let (v, g) = try valueAndGrad(at: [x, y]) { try f($0[0], $0[1]) }
    return (v, (g[0], g[1]))
}

/// The gradient of `f` at `x`.
public func gradient(at x: Tensor, of f: (Tensor) throws -> Tensor) rethrows -> Tensor {
    try valueAndGrad(at: x, of: f).gradient
}
