/// Adaptive average pooling to a fixed output size, PyTorch's `adaptive_avg_pool2d`: output cell
/// (i, j) averages input rows ⌊i·H/oh⌋ ..< ⌈(i+1)·H/oh⌉ and the columns likewise.
public func adaptiveAvgPool2d(_ input: Tensor, outputSize: Size2D) -> Tensor {
    require(input.rank == 4 || input.rank == 3,
            "adaptiveAvgPool2d: input must be [N, C, H, W] or [C, H, W], got shape \(input.shape)")
    let (height, width) = (input.shape[input.rank - 2], input.shape[input.rank - 1])
    require(outputSize.h > 0 && outputSize.w > 0 && height > 0 && width > 0,
            "adaptiveAvgPool2d: output size \(outputSize) and input shape \(input.shape) must be non-empty")
    if outputSize == 1 { return input.mean(axes: [-2, -1], keepDims: true) }
    if input.rank == 4, height % outputSize.h == 0, width % outputSize.w == 0 {
        return avgPool2d(input, kernelSize: Size2D(height / outputSize.h, width / outputSize.w))
    }
    // Uneven windows: average rows then columns with two pooling matrices (each row of P holds
    // 1/len over its window), which autograd differentiates like any matmul.
    func poolingMatrix(_ outCount: Int, _ inCount: Int) -> Tensor {
        var values = [Double](repeating: 0, count: outCount * inCount)
        for i in 0..<outCount {
            let start = i * inCount / outCount, end = ((i + 1) * inCount + outCount - 1) / outCount
            for j in start..<end { values[i * inCount + j] = 1 / Double(end - start) }
        }
        return Tensor(values, shape: [outCount, inCount]).cast(to: input.dtype)
    }
    return poolingMatrix(outputSize.h, height).matmul(input).matmul(poolingMatrix(outputSize.w, width).mT)
}

/// Max pooling over [N, C, H, W], PyTorch's `nn.MaxPool2d` (stride defaults to the kernel size).
public final class MaxPool2d: Module {
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let dilation: Size2D
    public let ceilMode: Bool

    public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, dilation: Size2D = 1, ceilMode: Bool = false) {
        (self.kernelSize, self.stride, self.padding, self.dilation, self.ceilMode) =
            (kernelSize, stride ?? kernelSize, padding, dilation, ceilMode)
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        maxPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation, ceilMode: ceilMode)
    }

    public override var extraDescription: String {
        "kernelSize: \(kernelSize), stride: \(stride), padding: \(padding)" + (dilation == 1 ? "" : ", dilation: \(dilation)")
            + (ceilMode ? ", ceilMode: true" : "")
    }
}

/// Average pooling over [N, C, H, W], PyTorch's `nn.AvgPool2d`.
public final class AvgPool2d: Module {
    public let kernelSize: Size2D
    public let stride: Size2D
    public let padding: Size2D
    public let countIncludePad: Bool

    public init(kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0, countIncludePad: Bool = true) {
        (self.kernelSize, self.stride, self.padding, self.countIncludePad) = (kernelSize, stride ?? kernelSize, padding, countIncludePad)
    }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        avgPool2d(input, kernelSize: kernelSize, stride: stride, padding: padding, countIncludePad: countIncludePad)
    }

    public override var extraDescription: String {
        "kernelSize: \(kernelSize), stride: \(stride), padding: \(padding)" + (countIncludePad ? "" : ", countIncludePad: false")
    }
}

/// Average pooling to a fixed output size whatever the input size, PyTorch's
/// `nn.AdaptiveAvgPool2d` (`AdaptiveAvgPool2d(1)` is global average pooling).
public final class AdaptiveAvgPool2d: Module {
    public let outputSize: Size2D

    public init(_ outputSize: Size2D) { self.outputSize = outputSize }

    public override func callAsFunction(_ input: Tensor) -> Tensor { adaptiveAvgPool2d(input, outputSize: outputSize) }

    public override var extraDescription: String { "outputSize: \(outputSize)" }
}
