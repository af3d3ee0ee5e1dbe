/// A lookup table of `numEmbeddings` vectors of size `embeddingDim`, PyTorch's `nn.Embedding`:
/// integer indices of any shape [*] give vectors [*, embeddingDim]. The weight is drawn from
/// N(0, 1); the `paddingIndex` row starts at zero and receives no gradient.
public final class Embedding: Module {
    public let weight: Parameter
    public let paddingIndex: Int?

    public init(_ numEmbeddings: Int, _ embeddingDim: Int, paddingIndex: Int? = nil, dtype: DType = .float32) {
        require(numEmbeddings > 0 && embeddingDim > 0,
                "Embedding: sizes must be positive, got \(numEmbeddings) × \(embeddingDim)")
        let padding = paddingIndex.map { $0 < 0 ? $0 + numEmbeddings : $0 }
        if let padding {
            require(padding >= 0 && padding < numEmbeddings,
                    "Embedding: paddingIndex \(paddingIndex!) is out of range for \(numEmbeddings) embeddings")
        }
        self.paddingIndex = padding
        var initial = Tensor(randomNormal: [numEmbeddings, embeddingDim], dtype: dtype)
        if let padding {
            let row = (Tensor.arange(0, Double(numEmbeddings), dtype: .int64) .== Double(padding)).unsqueezed(axis: 1)
            initial = initial.maskedFill(row, with: 0)
        }
        weight = Parameter(initial)
    }

    public var numEmbeddings: Int { weight.shape[0] }
    public var embeddingDim: Int { weight.shape[1] }

    public override func callAsFunction(_ indices: Tensor) -> Tensor {
        require(!indices.dtype.isFloatingPoint && indices.dtype != .bool,
                "Embedding: indices must be an integer tensor, got \(indices.dtype) of shape \(indices.shape)")
        let flat = indices.reshaped([-1])
        var out = weight.value.indexSelect(axis: 0, indices: flat)
        if let paddingIndex {
            // Same values, but the padding rows take no part in the gradient.
            let isPadding = (flat .== Double(paddingIndex)).unsqueezed(axis: 1)
            out = Tensor.where(isPadding, out.detach(), out)
        }
        return out.reshaped(indices.shape + [embeddingDim])
    }

    public override var extraDescription: String {
        "\(numEmbeddings), \(embeddingDim)" + (paddingIndex.map { ", paddingIndex: \($0)" } ?? "")
    }
}
