// 2-D pooling over [N, C, H, W], as window reductions of the unfolded input.

/// The largest value in each window, like `torch.nn.functional.max_pool2d` (padding reads −∞).
/// The gradient goes to the first largest element of each window, as in PyTorch.
public func maxPool2d(_ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
                      dilation: Size2D = 1, ceilMode: Bool = false) -> Tensor {
    let g = Tensor.windowGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                  dilation: dilation, ceilMode: ceilMode, op: "maxPool2d")
    require(padding.h * 2 <= kernelSize.h && padding.w * 2 <= kernelSize.w,
                 "maxPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
    let windows = Tensor.poolingWindows(input, g, padValue: -.infinity)   // [C, k, N·L]
    let index = windows.detach().argmax(axis: 1, keepDims: true)
    return Tensor.poolingResult(windows.gathering(alongAxis: 1, index: index), g)
}

/// The mean of each window, like `torch.nn.functional.avg_pool2d`. With `countIncludePad` the
/// zero padding counts in the divisor (PyTorch's default).
public func avgPool2d(_ input: Tensor, kernelSize: Size2D, stride: Size2D? = nil, padding: Size2D = 0,
                      countIncludePad: Bool = true) -> Tensor {
    let g = Tensor.windowGeometry(input, kernel: kernelSize, stride: stride ?? kernelSize, padding: padding,
                                  dilation: 1, op: "avgPool2d")
    require(padding.h * 2 <= kernelSize.h && padding.w * 2 <= kernelSize.w,
                 "avgPool2d: padding \(padding) must be at most half of kernel size \(kernelSize)")
    let windows = Tensor.poolingWindows(input, g, padValue: 0)
    if countIncludePad || (padding.h == 0 && padding.w == 0) {
        return Tensor.poolingResult(windows.mean(axis: 1, keepDims: true), g)
    }
    let ones = Tensor.ones([1, 1, g.height, g.width], dtype: input.dtype)
    let oneGeometry = WindowGeometry(batch: 1, channels: 1, height: g.height, width: g.width, kernel: g.kernel, stride: g.stride,
                                     padding: g.padding, dilation: g.dilation, outHeight: g.outHeight, outWidth: g.outWidth)
    let counts = Tensor.im2col(ones, oneGeometry).sum(axis: 0).reshaped([1, 1, 1, g.positions])
        .expanded(to: [1, 1, g.batch, g.positions]).reshaped([1, 1, g.batch * g.positions])
    return Tensor.poolingResult(windows.sum(axis: 1, keepDims: true) / counts, g)
}

extension Tensor {
    /// Unfolded windows grouped by channel: [C, kh·kw, N·L].
    static func poolingWindows(_ x: Tensor, _ g: WindowGeometry, padValue: Double) -> Tensor {
        require(x.dtype.isFloatingPoint, "pooling: needs a floating-point input, not \(x.dtype)")
        return im2col(x, g, padValue: padValue).reshaped([g.channels, g.kernelArea, g.batch * g.positions])
    }

    /// [C, 1, N·L] window results back to [N, C, Ho, Wo].
    static func poolingResult(_ r: Tensor, _ g: WindowGeometry) -> Tensor {
        r.reshaped([g.channels, g.batch, g.outHeight, g.outWidth]).permuted([1, 0, 2, 3]).contiguous()
    }
}
