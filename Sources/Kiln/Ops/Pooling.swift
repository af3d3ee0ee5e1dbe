// 2-D pooling over [N, C, H, W] with direct kernels (`PoolingKernel`). Backward passes are
// first-order kernels: a scatter by the recorded indices for max, an even spread for average.

/// The largest value in each window, like `torch.nn.functional.max_pool2d` (padding never wins).
/// The gradient goes to the first largest element of each window, as in PyTorch.
public func maxPool2d(_ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
                      dilation: Size2D = 1, ceilMode: Bool = false) -> Tensor {
    maxPool2dWithIndices(input, kernelSize: kernelSize, stride: stride, padding: padding, dilation: dilation,
                         ceilMode: ceilMode).values
}

/// `maxPool2d` that also returns where each maximum came from: its flat index within its
/// [H, W] input plane (int64), like PyTorch's `return_indices=True`.
public func maxPool2dWithIndices(_ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
                                 dilation: Size2D = 1, ceilMode: Bool = false) -> (values: Tensor, indices: Tensor) {
    let g = Tensor.windowGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                  dilation: dilation, ceilMode: ceilMode, op: "maxPool2d")
    require(padding.h * 2 <= kernelSize.h && padding.w * 2 <= kernelSize.w,
            "maxPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
    let (x, type) = Tensor.poolingInput(input, op: "maxPool2d")
    let outShape = [g.batch, g.channels, g.outHeight, g.outWidth]
    let values = Tensor(uninitializedShape: outShape, dtype: type)
    let indices = Tensor(uninitializedShape: outShape, dtype: .int64)
    func forward<T: FloatElement>(_: T.Type) {
        PoolingKernel.maxForward(x.pointer(as: T.self), g, out: values.pointer(as: T.self), indices: indices.pointer(as: Int64.self))
    }
    if type == .float32 { forward(Float.self) } else { forward(Double.self) }
    let result = Tensor.record("maxPool2d", values.cast(to: input.dtype), inputs: [input]) { grad, _ in
        let gradOut = grad.cast(to: type).contiguous()
        let dx = Tensor(uninitializedShape: x.shape, dtype: type)
        func backward<T: FloatElement>(_: T.Type) {
            PoolingKernel.maxBackward(gradOut.pointer(as: T.self), indices: indices.pointer(as: Int64.self), g, into: dx.pointer(as: T.self))
        }
        if type == .float32 { backward(Float.self) } else { backward(Double.self) }
        return [dx.cast(to: input.dtype)]
    }
    return (result, indices)
}

/// The mean of each window, like `torch.nn.functional.avg_pool2d`. With `countIncludePad` the
/// zero padding counts in the divisor (PyTorch's default).
public func avgPool2d(_ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
                      countIncludePad: Bool = true) -> Tensor {
    let g = Tensor.windowGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                  dilation: 1, op: "avgPool2d")
    require(padding.h * 2 <= kernelSize.h && padding.w * 2 <= kernelSize.w,
            "avgPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
    let (x, type) = Tensor.poolingInput(input, op: "avgPool2d")
    let out = Tensor(uninitializedShape: [g.batch, g.channels, g.outHeight, g.outWidth], dtype: type)
    func forward<T: FloatElement>(_: T.Type) {
        PoolingKernel.averageForward(x.pointer(as: T.self), g, countIncludePad: countIncludePad, out: out.pointer(as: T.self))
    }
    if type == .float32 { forward(Float.self) } else { forward(Double.self) }
    return Tensor.record("avgPool2d", out.cast(to: input.dtype), inputs: [input]) { grad, _ in
        let gradOut = grad.cast(to: type).contiguous()
        let dx = Tensor(uninitializedShape: x.shape, dtype: type)
        func backward<T: FloatElement>(_: T.Type) {
            PoolingKernel.averageBackward(gradOut.pointer(as: T.self), g, countIncludePad: countIncludePad, into: dx.pointer(as: T.self))
        }
        if type == .float32 { backward(Float.self) } else { backward(Double.self) }
        return [dx.cast(to: input.dtype)]
    }
}

extension Tensor {
    /// The contiguous float32/float64 input a pooling kernel reads, and the dtype it computes in.
    static func poolingInput(_ input: Tensor, op: String) -> (Tensor, DType) {
        require(input.dtype.isFloatingPoint, "\(op): needs a floating-point input, not \(input.dtype)")
        let type = input.dtype == .float64 ? DType.float64 : .float32
        return (input.detach().cast(to: type).contiguous(), type)
    }
}
