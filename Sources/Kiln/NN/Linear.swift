/// `input · weightᵀ + bias`, PyTorch's `nn.functional.linear`: `weight` is [out, in], and any
/// leading axes of `input` are kept.
public func linear(_ input: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    require(weight.rank == 2 && input.rank >= 1 && input.shape[input.rank - 1] == weight.shape[1],
            "linear: input shape \(input.shape) does not match weight shape \(weight.shape) ([out, in])")
    let product = input.matmul(weight.mT)
    return bias.map { product + $0 } ?? product
}

/// A fully connected layer, PyTorch's `nn.Linear`: weight [out, in] and bias [out], both drawn
/// from U(−1/√in, 1/√in).
public final class Linear: Module {
    public let weight: Parameter
    public let bias: Parameter?

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, dtype: DType = .float32) {
        require(inFeatures >= 0 && outFeatures >= 0, "Linear: feature counts must be non-negative, got \(inFeatures) and \(outFeatures)")
        weight = Parameter(Tensor.zeros([outFeatures, inFeatures], dtype: dtype))
        self.bias = bias ? Parameter(Tensor.zeros([outFeatures], dtype: dtype)) : nil
        super.init()
        Init.resetLinearLike(weight: weight, bias: self.bias)
    }

    public var inFeatures: Int { weight.shape[1] }
    public var outFeatures: Int { weight.shape[0] }

    public override func callAsFunction(_ input: Tensor) -> Tensor {
        linear(input, weight: weight.value, bias: bias?.value)
    }

    public override var extraDescription: String {
        "inFeatures: \(inFeatures), outFeatures: \(outFeatures), bias: \(bias != nil)"
    }
}
