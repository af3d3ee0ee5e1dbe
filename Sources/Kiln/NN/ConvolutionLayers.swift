/// A 2-D convolution layer over [N, C, H, W], PyTorch's `nn.Conv2d`: weight
/// [out, in/groups, kh, kw] and bias [out], initialised as PyTorch does (U(−1/√fanIn, 1/√fanIn)).
public final class Conv2d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Size2D
    public let padding: Size2D
    public let dilation: Size2D
    public let groups: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Size2D, stride: Size2D = 1, padding: Size2D = 0,
                dilation: Size2D = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .float32) {
        require(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                "Conv2d: \(inChannels) input and \(outChannels) output channels must both be divisible by groups = \(groups)")
        weight = Parameter(Tensor.zeros([outChannels, inChannels / groups, kernelSize.h, kernelSize.w], dtype: dtype))
        self.bias = bias ? Parameter(Tensor.zeros([outChannels], dtype: dtype)) : nil
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
        Init.resetLinearLike(weight: weight, bias: self.bias)
    }

    public var inChannels: Int { weight.shape[1] * groups }
    public var outChannels: Int { weight.shape[0] }
    public var kernelSize: Size2D { Size2D(weight.shape[2], weight.shape[3]) }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        conv2d(input, weight: weight.value, bias: bias?.value, stride: stride, padding: padding,
               dilation: dilation, groups: groups)
    }

    public override var extraDescription: String {
        convolutionDescription(inChannels, outChannels, kernel: "\(kernelSize)", stride: "\(stride)", padding: "\(padding)",
                               dilation: dilation == 1 ? nil : "\(dilation)", groups: groups, bias: bias != nil,
                               defaultStride: stride == 1, defaultPadding: padding == 0)
    }
}

/// A 1-D convolution layer over [N, C, L], PyTorch's `nn.Conv1d`: weight [out, in/groups, k].
public final class Conv1d: Module {
    public let weight: Parameter
    public let bias: Parameter?
    public let stride: Int
    public let padding: Int
    public let dilation: Int
    public let groups: Int

    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                dilation: Int = 1, groups: Int = 1, bias: Bool = true, dtype: DType = .float32) {
        require(groups > 0 && inChannels % groups == 0 && outChannels % groups == 0,
                "Conv1d: \(inChannels) input and \(outChannels) output channels must both be divisible by groups = \(groups)")
        weight = Parameter(Tensor.zeros([outChannels, inChannels / groups, kernelSize], dtype: dtype))
        self.bias = bias ? Parameter(Tensor.zeros([outChannels], dtype: dtype)) : nil
        (self.stride, self.padding, self.dilation, self.groups) = (stride, padding, dilation, groups)
        super.init()
        Init.resetLinearLike(weight: weight, bias: self.bias)
    }

    public var inChannels: Int { weight.shape[1] * groups }
    public var outChannels: Int { weight.shape[0] }
    public var kernelSize: Int { weight.shape[2] }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        conv1d(input, weight: weight.value, bias: bias?.value, stride: stride, padding: padding,
               dilation: dilation, groups: groups)
    }

    public override var extraDescription: String {
        convolutionDescription(inChannels, outChannels, kernel: "\(kernelSize)", stride: "\(stride)", padding: "\(padding)",
                               dilation: dilation == 1 ? nil : "\(dilation)", groups: groups, bias: bias != nil,
                               defaultStride: stride == 1, defaultPadding: padding == 0)
    }
}

/// `Conv2d(1, 32, kernelSize: [3, 3], padding: [1, 1])`: the options that differ from the defaults.
private func convolutionDescription(_ inChannels: Int, _ outChannels: Int, kernel: String, stride: String, padding: String,
                                    dilation: String?, groups: Int, bias: Bool,
                                    defaultStride: Bool, defaultPadding: Bool) -> String {
    var parts = ["\(inChannels)", "\(outChannels)", "kernelSize: \(kernel)"]
    if !defaultStride { parts.append("stride: \(stride)") }
    if !defaultPadding { parts.append("padding: \(padding)") }
    if let dilation { parts.append("dilation: \(dilation)") }
    if groups != 1 { parts.append("groups: \(groups)") }
    if !bias { parts.append("bias: false") }
    return parts.joined(separator: ", ")
}
