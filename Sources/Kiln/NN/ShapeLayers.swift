/// Flattens axes `startAxis...endAxis` into one, PyTorch's `nn.Flatten` (by default every axis
/// but the batch axis: [N, C, H, W] → [N, C·H·W]).
public final class Flatten: Module {
    public let startAxis: Int
    public let endAxis: Int

    public init(startAxis: Int = 1, endAxis: Int = -1) { (self.startAxis, self.endAxis) = (startAxis, endAxis) }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        input.flattened(startAxis: startAxis, endAxis: endAxis)
    }

    public override var extraDescription: String { "startAxis: \(startAxis), endAxis: \(endAxis)" }
}

/// Returns its input unchanged: a placeholder where a layer is optional.
public final class Identity: Module {
    public override init() {}
    public override func callAsFunction(_ input: Tensor) -> Tensor { input }
}
