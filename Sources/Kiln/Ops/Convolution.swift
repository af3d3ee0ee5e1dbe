// Convolutions as im2col + matrix products (see `ConvolutionKernel`), and the unfold/fold pair
// that pooling and `unfolded` build on.

extension Tensor {
    /// Sliding-window geometry with PyTorch's output-size rule, checked.
    static func windowGeometry(_ x: Tensor, kernel: Size2D, stride: Size2D, padding: Size2D, dilation: Size2D,
                               ceilMode: Bool = false, op: String) -> WindowGeometry {
        require(x.rank == 4, "\(op): input must be [N, C, H, W], got shape \(x.shape)")
        require(kernel.h > 0 && kernel.w > 0 && stride.h > 0 && stride.w > 0 && dilation.h > 0 && dilation.w > 0
                && padding.h >= 0 && padding.w >= 0,
                "\(op): kernel \(kernel), stride \(stride) and dilation \(dilation) must be positive, padding \(padding) non-negative")
        func outSize(_ n: Int, _ k: Int, _ s: Int, _ p: Int, _ d: Int) -> Int {
            let span = n + 2 * p - d * (k - 1) - 1
            guard span >= 0 else { return 0 }
            var o = (ceilMode ? (span + s - 1) / s : span / s) + 1
            // With ceil mode the last window must start inside the input or its left padding.
            if ceilMode && (o - 1) * s >= n + p { o -= 1 }
            return o
        }
        let (H, W) = (x.shape[2], x.shape[3])
        let oh = outSize(H, kernel.h, stride.h, padding.h, dilation.h)
        let ow = outSize(W, kernel.w, stride.w, padding.w, dilation.w)
        require(oh > 0 && ow > 0,
                "\(op): kernel \(kernel) (dilation \(dilation)) is larger than the padded input \(x.shape) (padding \(padding))")
        return WindowGeometry(batch: x.shape[0], channels: x.shape[1], height: H, width: W, kernel: kernel, stride: stride,
                              padding: padding, dilation: dilation, outHeight: oh, outWidth: ow)
    }

    /// Image patches as columns, [C·kh·kw, N, Ho·Wo]; out-of-image positions read `padValue`.
    static func im2col(_ x: Tensor, _ g: WindowGeometry, padValue: Double = 0) -> Tensor {
        switch x.dtype {
        case .float32, .float64: break
        case .float16, .bfloat16: return im2col(x.cast(to: .float32), g, padValue: padValue).cast(to: x.dtype)
        default: fatalError("im2col: needs a floating-point input, not \(x.dtype)")
        }
        let xc = x.detach().contiguous()
        let out = Tensor(uninitializedShape: [g.rows, g.batch, g.positions], dtype: x.dtype)
        func run<T: FloatElement>(_: T.Type) {
            Im2colKernel.unfold(xc.pointer(as: T.self), g, padValue: T(padValue), into: out.pointer(as: T.self))
        }
        if x.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return record("im2col", out, inputs: [x]) { grad, _ in [col2im(grad, g)] }
    }

    /// The adjoint of `im2col`: sums columns back into an [N, C, H, W] image.
    static func col2im(_ cols: Tensor, _ g: WindowGeometry) -> Tensor {
        switch cols.dtype {
        case .float32, .float64: break
        default: return col2im(cols.cast(to: .float32), g).cast(to: cols.dtype)
        }
        let cc = cols.detach().copied()  // fold may overwrite its columns
        let out = Tensor(uninitializedShape: [g.batch, g.channels, g.height, g.width], dtype: cols.dtype)
        func run<T: FloatElement>(_: T.Type) {
            Im2colKernel.fold(cc.pointer(as: T.self), g, into: out.pointer(as: T.self))
        }
        if cols.dtype == .float32 { run(Float.self) } else { run(Double.self) }
        return record("col2im", out, inputs: [cols]) { grad, _ in [im2col(grad, g)] }
    }

    /// Image patches as columns, like `torch.nn.functional.unfold`: [N, C·kh·kw, L].
    public func unfolded(kernelSize: Size2D, stride: Size2D = 1, padding: Size2D = 0, dilation: Size2D = 1) -> Tensor {
        let g = Tensor.windowGeometry(self, kernel: kernelSize, stride: stride, padding: padding, dilation: dilation, op: "unfold")
        return Tensor.im2col(self, g).permuted([1, 0, 2])
    }
}

/// 2-D convolution (cross-correlation, as in PyTorch) of `input` [N, C, H, W] with `weight`
/// [O, C/groups, kh, kw], plus `bias` [O]; the result is [N, O, Ho, Wo].
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Size2D = 1, padding: Size2D = 0,
                   dilation: Size2D = 1, groups: Int = 1) -> Tensor {
    require(weight.rank == 4, "conv2d: weight must be [O, C/groups, kh, kw], got shape \(weight.shape)")
    require(input.rank == 4, "conv2d: input must be [N, C, H, W], got shape \(input.shape) (weight \(weight.shape))")
    let (outChannels, groupChannels) = (weight.shape[0], weight.shape[1])
    require(groups > 0 && input.shape[1] % groups == 0 && outChannels % groups == 0 && groupChannels * groups == input.shape[1],
            "conv2d: input shape \(input.shape) and weight shape \(weight.shape) do not match for groups = \(groups)")
    if let bias { require(bias.shape == [outChannels], "conv2d: bias shape \(bias.shape) must be [\(outChannels)] for weight \(weight.shape)") }
    let g = Tensor.windowGeometry(input, kernel: Size2D(weight.shape[2], weight.shape[3]), stride: stride,
                                  padding: padding, dilation: dilation, op: "conv2d")
    let layout = ConvolutionKernel.Layout(geometry: g, outChannels: outChannels, groups: groups)
    var type = input.dtype.promoted(with: weight.dtype).promoted(with: bias?.dtype ?? input.dtype)
    require(type.isFloatingPoint, "conv2d: needs floating-point tensors, got \(input.dtype) and \(weight.dtype)")
    let resultType = type
    if type.isHalf { type = .float32 }
    let x = input.detach().cast(to: type).contiguous(), w = weight.detach().cast(to: type).contiguous()
    let b = bias?.detach().cast(to: type).contiguous()
    let out = Tensor(uninitializedShape: [g.batch, outChannels, g.outHeight, g.outWidth], dtype: type)
    func forward<T: FloatElement>(_: T.Type) {
        ConvolutionKernel.forward(x: x.pointer(as: T.self), weight: w.pointer(as: T.self), bias: b.map { UnsafePointer($0.pointer(as: T.self)) },
                                  out: out.pointer(as: T.self), layout)
    }
    if type == .float32 { forward(Float.self) } else { forward(Double.self) }
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    let result = Tensor.record("conv2d", out.cast(to: resultType), inputs: inputs) { grad, needs in
        let gradOut = grad.cast(to: type).contiguous()
        let gradInput = needs[0] ? Tensor(uninitializedShape: x.shape, dtype: type) : nil
        let gradWeight = needs[1] ? Tensor(uninitializedShape: w.shape, dtype: type) : nil
        let gradBias = needs.count > 2 && needs[2] ? Tensor(uninitializedShape: [outChannels], dtype: type) : nil
        func backward<T: FloatElement & SIMDScalar>(_: T.Type) {
            ConvolutionKernel.backward(x: x.pointer(as: T.self), weight: w.pointer(as: T.self), gradOut: gradOut.pointer(as: T.self),
                                       gradInput: gradInput?.pointer(as: T.self), gradWeight: gradWeight?.pointer(as: T.self),
                                       gradBias: gradBias?.pointer(as: T.self), layout)
        }
        if type == .float32 { backward(Float.self) } else { backward(Double.self) }
        return [gradInput?.cast(to: input.dtype), gradWeight?.cast(to: weight.dtype)] + (bias.map { [gradBias?.cast(to: $0.dtype)] } ?? [])
    }
    return result
}

/// 1-D convolution of `input` [N, C, L] with `weight` [O, C/groups, k], plus `bias` [O].
public func conv1d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0,
                   dilation: Int = 1, groups: Int = 1) -> Tensor {
    require(input.rank == 3 && weight.rank == 3,
            "conv1d: input must be [N, C, L] and weight [O, C/groups, k], got shapes \(input.shape) and \(weight.shape)")
    let out = conv2d(input.unsqueezed(axis: 2), weight: weight.unsqueezed(axis: 2), bias: bias,
                     stride: Size2D(1, stride), padding: Size2D(0, padding), dilation: Size2D(1, dilation), groups: groups)
    return out.squeezed(axis: 2)
}
