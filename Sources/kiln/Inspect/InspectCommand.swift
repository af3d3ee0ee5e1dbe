import ArgumentParser

/// `kiln inspect FILE`: what is in a weights, array, record or checkpoint file, without writing
/// any code.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "List the tensors, arrays or records in a file, a checkpoint or a run.",
        discussion: """
        The format is recognised from the content, not the name:
          safetensors  each tensor's name, dtype, shape and bytes; metadata; totals
          .npy         dtype, shape, memory order (C or Fortran) and size
          .npz         each array, as for safetensors
          TFRecord     records, bytes, compression (none, gzip, zlib), and the
                       features of the first record if it is a tf.train.Example
          TensorBoard  events.out.tfevents.* files
          checkpoint   a directory RUN/checkpoints/<name>/: model and optimizer
                       tensors, the optimizer's parameter groups (optimizer.json),
                       the training state (state.json: epoch, step, …)
          run          a directory with checkpoints/: its checkpoints, latest and
                       best, then the latest checkpoint in full

        A missing, damaged or unrecognised file prints one line "error: …" and \
        exits with status 1.

        Examples:
          kiln inspect model.safetensors
          kiln inspect runs/digits
          kiln inspect runs/digits/checkpoints/epoch-5 --json | jq .state.epoch
        """
    )

    @Argument(help: "A file (safetensors, .npy, .npz, TFRecord, event file) or a checkpoint or run directory.")
    var path: String

    @Flag(help: "Print one JSON object with stable keys (\"format\", \"path\", …) instead of tables, for scripts.")
    var json = false

    func run() throws {
        try withErrorReporting {
            let report = try Self.inspect(path)
            print(json ? report.json.rendered() : report.text)
        }
    }

    /// The report for the file or directory at `path`, by its detected format.
    static func inspect(_ path: String) throws -> any InspectionReport {
        switch try InspectedFormat.detect(path) {
        case .safetensors: return try SafeTensorsInspection(path: path)
        case .numPy: return try NumPyInspection(path: path)
        case .numPyArchive: return try NumPyArchiveInspection(path: path)
        case .tfRecord: return try TFRecordInspection(path: path)
        case .tensorBoardEvents: return try EventFileInspection(path: path)
        case .checkpoint: return try CheckpointInspection(path: path)
        case .run: return try RunInspection(path: path)
        }
    }
}
