#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kiln

/// A checkpoint read back from its directory (`RUN/checkpoints/<name>/`): the model's state dict,
/// the optimizer's state when one was saved, and the caller's training state as JSON.
///
/// ```swift
/// let checkpoint = try Checkpoint.load(from: "run/checkpoints/epoch-0003")
/// try model.loadStateDict(checkpoint.model)
/// if let state = checkpoint.optimizer { try optimizer.loadStateDict(state) }
/// let progress = try checkpoint.decodeState(TrainingState.self)
/// ```
///
/// The directory holds `model.safetensors` (PyTorch's state-dict keys, metadata {"format": "pt"}),
/// `optimizer.safetensors` (`state.<i>.<name>` tensors) with `optimizer.json`
/// ({"param_groups": […]}) when an optimizer was saved, and `state.json`. PyTorch reads these
/// files with the `safetensors` package, and checkpoints PyTorch writes in this layout load here.
public struct Checkpoint: Sendable {
    /// The checkpoint's directory.
    public let path: String
    /// The model's tensors by state-dict key.
    public let model: StateDict
    /// The optimizer's state, nil when the checkpoint has none.
    public let optimizer: OptimizerState?
    /// The bytes of `state.json` (checked to be JSON); `decodeState` turns them into a value.
    public let stateJSON: [UInt8]

    public init(path: String, model: StateDict, optimizer: OptimizerState?, stateJSON: [UInt8]) {
        self.path = path
        self.model = model
        self.optimizer = optimizer
        self.stateJSON = stateJSON
    }

    /// Reads the checkpoint in `directory`.
    ///
    /// - Throws: `CheckpointError` naming the file: `.notFound` for a missing directory or file,
    ///   `.malformed` for a bad safetensors or JSON file, `.unreadable` for a system failure.
    public static func load(from directory: String) throws -> Checkpoint {
        try CheckpointFiles.requireDirectory(directory)
        let model = try CheckpointFiles.readTensors(directory + "/" + CheckpointFiles.model).tensors
        var optimizer: OptimizerState? = nil
        if let groups = try CheckpointFiles.readParameterGroups(in: directory) {
            let tensors = try CheckpointFiles.readTensors(directory + "/" + CheckpointFiles.optimizerTensors).tensors
            optimizer = OptimizerState(tensors: tensors, groups: groups)
        }
        let state = try CheckpointFiles.readStateJSON(in: directory)
        return Checkpoint(path: directory, model: model, optimizer: optimizer, stateJSON: state)
    }

    /// The training state saved with the checkpoint, decoded as `type`.
    ///
    /// - Throws: `CheckpointError.malformed` naming `state.json` and the field that did not fit.
    public func decodeState<T: Decodable>(_ type: T.Type = T.self) throws -> T {
        do {
            return try CheckpointJSON.decode(type, from: stateJSON)
        } catch {
            throw CheckpointError(.malformed, path: path + "/" + CheckpointFiles.state,
                                  "does not hold a \(T.self): \(CheckpointJSON.describe(error))")
        }
    }

    /// Whether `path` is a directory holding the files every checkpoint has (`model.safetensors`
    /// and `state.json`), for commands that accept several kinds of input.
    public static func isCheckpointDirectory(_ path: String) -> Bool {
        (try? DirectoryOperations.kind(at: path)) == .directory
            && InputFile.isRegularFile(path + "/" + CheckpointFiles.model)
            && InputFile.isRegularFile(path + "/" + CheckpointFiles.state)
    }
}

/// The file names of a checkpoint directory and the readers shared by `Checkpoint` and
/// `CheckpointSummary`, which turn every failure into a `CheckpointError` naming the file.
enum CheckpointFiles {
    static let model = "model.safetensors"
    static let optimizerTensors = "optimizer.safetensors"
    static let optimizerGroups = "optimizer.json"
    static let state = "state.json"
    /// Safetensors metadata of both tensor files: nothing that changes between equal saves.
    static let metadata = ["format": "pt"]

    /// The form of `optimizer.json`, PyTorch's `optimizer.state_dict()` without the tensors.
    struct OptimizerGroups: Codable {
        var paramGroups: [ParameterGroupState]
        enum CodingKeys: String, CodingKey { case paramGroups = "param_groups" }
    }

    static func requireDirectory(_ path: String) throws {
        let kind: DirectoryOperations.EntryKind?
        do { kind = try DirectoryOperations.kind(at: path) } catch { throw CheckpointError.reading(error, path: path) }
        switch kind {
        case .directory: return
        case nil: throw CheckpointError(.notFound, path: path, code: ENOENT, "no checkpoint directory here")
        case .regularFile, .other: throw CheckpointError(.malformed, path: path, "not a checkpoint directory (not a directory)")
        }
    }

    static func readTensors(_ path: String) throws -> SafeTensorsFile {
        do { return try SafeTensors.read(path) } catch { throw CheckpointError.reading(error, path: path) }
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        do { return try InputFile.readAll(path) } catch { throw CheckpointError.reading(error, path: path) }
    }

    /// The parameter groups of `optimizer.json`, or nil when the checkpoint has no optimizer.
    /// `optimizer.safetensors` without `optimizer.json` is an incomplete checkpoint.
    static func readParameterGroups(in directory: String) throws -> [ParameterGroupState]? {
        let path = directory + "/" + optimizerGroups
        guard InputFile.isRegularFile(path) else {
            if InputFile.isRegularFile(directory + "/" + optimizerTensors) {
                throw CheckpointError(.notFound, path: path, code: ENOENT,
                                      "missing, but \(optimizerTensors) is present (an incomplete checkpoint)")
            }
            return nil
        }
        let bytes = try readBytes(path)
        if let problem = CheckpointJSON.syntaxProblem(in: bytes) {
            throw CheckpointError(.malformed, path: path, problem)
        }
        do {
            return try CheckpointJSON.decode(OptimizerGroups.self, from: bytes).paramGroups
        } catch {
            throw CheckpointError(.malformed, path: path,
                                  "not an optimizer's {\"param_groups\": […]}: \(CheckpointJSON.describe(error))")
        }
    }

    static func readStateJSON(in directory: String) throws -> [UInt8] {
        let path = directory + "/" + state
        let bytes = try readBytes(path)
        if let problem = CheckpointJSON.syntaxProblem(in: bytes) {
            throw CheckpointError(.malformed, path: path, problem)
        }
        return bytes
    }
}
