import Kiln

/// Samples that are rows of tensors (PyTorch's `TensorDataset`): sample `i` holds row `i` of each
/// tensor, in the order given — `TensorDataset(images, labels)[i]` is `[images[i], labels[i]]`.
/// Rows are views, so building the dataset and reading samples copy nothing.
public struct TensorDataset: Dataset {
    public let tensors: [Tensor]

    /// A dataset over `tensors`, which must all have the same size along their first axis.
    public init(_ tensors: Tensor...) {
        self.init(tensors)
    }

    public init(_ tensors: [Tensor]) {
        require(!tensors.isEmpty, "TensorDataset: needs at least one tensor")
        for t in tensors {
            require(t.rank >= 1 && t.shape[0] == tensors[0].shape[0],
                            "TensorDataset: all tensors need the same first dimension, got shapes \(tensors.map(\.shape))")
        }
        self.tensors = tensors
    }

    public var count: Int { tensors[0].shape[0] }

    public func element(at index: Int) -> [Tensor] {
        requireSampleIndex(index, count: count, in: "TensorDataset")
        return tensors.map { $0.select(axis: 0, index: index) }
    }
}
