import Kiln

/// What a checkpoint directory holds, for `kiln inspect`: each tensor's name, dtype and shape (from
/// the safetensors headers; large files are memory-mapped, so their data is not read), the
/// optimizer's parameter groups and the training state's JSON. Reading validates the files as
/// `Checkpoint.load` does and throws the same `CheckpointError`s.
public struct CheckpointSummary: Sendable {
    public struct TensorInfo: Sendable, Equatable {
        public let name: String
        public let dtype: DType
        public let shape: [Int]

        public init(name: String, dtype: DType, shape: [Int]) {
            self.name = name
            self.dtype = dtype
            self.shape = shape
        }
    }

    /// The checkpoint's directory.
    public let path: String
    /// The model's tensors in the order of their data in `model.safetensors`.
    public let model: [TensorInfo]
    /// The optimizer's state tensors (in file order), nil when the checkpoint has no optimizer.
    public let optimizer: [TensorInfo]?
    /// The optimizer's parameter groups (hyperparameters), nil when it has no optimizer.
    public let parameterGroups: [ParameterGroupState]?
    /// The bytes of `state.json`.
    public let stateJSON: [UInt8]

    /// Reads the headers and JSON files of the checkpoint in `directory`.
    public init(directory: String) throws {
        try CheckpointFiles.requireDirectory(directory)
        path = directory
        model = Self.tensorInfos(try CheckpointFiles.readTensors(directory + "/" + CheckpointFiles.model))
        parameterGroups = try CheckpointFiles.readParameterGroups(in: directory)
        optimizer = try parameterGroups.map { _ in
            Self.tensorInfos(try CheckpointFiles.readTensors(directory + "/" + CheckpointFiles.optimizerTensors))
        }
        stateJSON = try CheckpointFiles.readStateJSON(in: directory)
    }

    private static func tensorInfos(_ file: SafeTensorsFile) -> [TensorInfo] {
        file.names.compactMap { name in
            file.tensors[name].map { TensorInfo(name: name, dtype: $0.dtype, shape: $0.shape) }
        }
    }
}
