/// A vertex of the autograd graph: either an op's output (with the backward closure that maps the
/// output's gradient to its inputs' gradients) or a leaf that collects gradients.
final class GradNode: @unchecked Sendable {
    /// The op's name, for error messages and debugging.
    let op: String
    /// The nodes of the op's inputs, in the op's argument order; nil for inputs that need no gradient.
    let inputs: [GradNode?]
    /// Given the gradient of the output, returns one gradient per input (nil where `needs` is false).
    let backward: ((Tensor, [Bool]) -> [Tensor?])?
    /// Leaves: where the accumulated gradient goes.
    let sink: GradSink?

    init(op: String, inputs: [GradNode?], backward: @escaping (Tensor, [Bool]) -> [Tensor?]) {
        self.op = op
        self.inputs = inputs
        self.backward = backward
        self.sink = nil
    }

    init(leaf sink: GradSink) {
        self.op = "leaf"
        self.inputs = []
        self.backward = nil
        self.sink = sink
    }
}

/// Receives the gradient that reaches a leaf: a `Parameter`, or a box of `valueAndGrad`.
protocol GradSink: AnyObject {
    func accumulate(_ gradient: Tensor)
}

extension Tensor {
    /// Whether an op with these inputs must record a node.
    static func isRecording(_ a: Tensor) -> Bool {
        a.gradNode != nil && GradMode.isEnabled
    }

    static func isRecording(_ a: Tensor, _ b: Tensor) -> Bool {
        (a.gradNode != nil || b.gradNode != nil) && GradMode.isEnabled
    }

    /// Attaches a backward closure to `output` when any input requires grad and recording is on.
    /// The closure receives the output gradient and which inputs need theirs; it is written with
    /// tensor ops, so it runs on any device.
    static func record(
        _ op: String, _ output: Tensor, inputs: [Tensor],
        backward: @escaping (_ grad: Tensor, _ needs: [Bool]) -> [Tensor?]
    ) -> Tensor {
        guard inputs.contains(where: { $0.gradNode != nil }), GradMode.isEnabled else { return output }
        var out = output
        out.gradNode = GradNode(op: op, inputs: inputs.map(\.gradNode), backward: backward)
        return out
    }

    /// A tensor that shares this one's values but is cut from the autograd graph.
    public func detach() -> Tensor {
        var out = self
        out.gradNode = nil
        return out
    }
}
