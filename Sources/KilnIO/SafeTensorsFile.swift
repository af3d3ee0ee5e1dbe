import Kiln

/// The contents of a safetensors file: its tensors, their order in the file and its metadata.
public struct SafeTensorsFile: Sendable {
    /// The tensors by name.
    public var tensors: [String: Tensor]
    /// The tensor names in the order of their data in the file.
    public var names: [String]
    /// The header's `__metadata__` map (free-form strings, for example `["format": "pt"]`); nil
    /// when the file has none.
    public var metadata: [String: String]?

    public init(tensors: [String: Tensor], names: [String], metadata: [String: String]?) {
        self.tensors = tensors
        self.names = names
        self.metadata = metadata
    }

    public subscript(name: String) -> Tensor? { tensors[name] }
}
