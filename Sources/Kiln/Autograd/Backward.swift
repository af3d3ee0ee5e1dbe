extension Tensor {
    /// Computes the gradient of this tensor with respect to every leaf it depends on and adds it
    /// to the leaves' `grad` (parameters) — PyTorch's `loss.backward()`.
    ///
    /// - Parameter gradient: the gradient of some scalar with respect to this tensor; may be omitted
    ///   for a single-element tensor (then it is 1).
    public func backward(_ gradient: Tensor? = nil) {
        guard let root = gradNode else {
            fatalError("backward: the tensor does not require grad (no input was a Parameter or a valueAndGrad argument, or it was computed inside noGrad)")
        }
        let seed: Tensor
        if let gradient {
            require(gradient.shape == shape, "backward: gradient shape \(gradient.shape) does not match tensor shape \(shape)")
            seed = gradient.detach()
        } else {
            require(count == 1, "backward: a gradient can be implied only for a single-element tensor, not for shape \(shape)")
            seed = Tensor.ones(like: self)
        }
        noGrad { Self.propagate(from: root, seed: seed) }
    }

    /// Visits nodes in reverse topological order, so each node's gradient is complete (summed over
    /// all its uses) before its backward runs.
    static func propagate(from root: GradNode, seed: Tensor) {
        var order: [GradNode] = []
        var visited: Set<ObjectIdentifier> = []
        // Iterative depth-first post-order: deep graphs must not overflow the stack.
        var stack: [(GradNode, Int)] = [(root, 0)]
        visited.insert(ObjectIdentifier(root))
        while let (node, next) = stack.popLast() {
            if next < node.inputs.count {
                stack.append((node, next + 1))
                if let child = node.inputs[next], visited.insert(ObjectIdentifier(child)).inserted {
                    stack.append((child, 0))
                }
            } else {
                order.append(node)
            }
        }
        var grads: [ObjectIdentifier: Tensor] = [ObjectIdentifier(root): seed]
        for node in order.reversed() {
            guard let grad = grads.removeValue(forKey: ObjectIdentifier(node)) else { continue }
            if let sink = node.sink {
                sink.accumulate(grad)
                continue
            }
            guard let backward = node.backward else { continue }
            let needs = node.inputs.map { $0 != nil }
            let inputGrads = backward(grad, needs)
            for (input, g) in zip(node.inputs, inputGrads) {
                guard let input, let g else { continue }
                let key = ObjectIdentifier(input)
                if let existing = grads[key] { grads[key] = existing + g } else { grads[key] = g }
            }
        }
    }
}
