#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kiln

/// Saves a training run's checkpoints so that a crash at any moment (even `kill -9` or a power
/// cut) leaves the last complete one resumable, keeps the last few plus the best, and finds them
/// again:
///
/// ```swift
/// let checkpoints = CheckpointManager(directory: "run/checkpoints", keepLast: 3,
///                                     monitor: .init(metric: "val_loss", mode: .min))
/// try checkpoints.checkWritable()                     // before training: a clear error now, not later
/// try checkpoints.save(name: "epoch-0003", model: model.stateDict(), optimizer: optimizer.stateDict(),
///                      state: trainingState, step: 450, epoch: 3, metric: valLoss)
/// if let checkpoint = try checkpoints.loadLatest() { … }   // resume
/// ```
///
/// The layout of `directory` (`RUN/checkpoints`):
///
///     <name>/        a checkpoint (see `Checkpoint`): model.safetensors, optimizer.safetensors,
///                    optimizer.json, state.json
///     latest         "<name>\n": the newest complete checkpoint
///     best           "<name>\n": the best by the monitored metric (with a monitor)
///     index.json     the kept checkpoints, oldest first: [{"name", "step", "epoch", "metric"?}]
///
/// A save writes the checkpoint into `.tmp-<name>-<pid>`, syncs every file and the directory,
/// lists it in `index.json`, renames it to `<name>` (a same-named checkpoint is swapped out
/// atomically), syncs `directory`, and only then replaces `best` and `latest` (each atomically,
/// by rename) and deletes what retention drops. Readers ignore `.tmp-*` entries; the next save removes them.
/// One process saves into a directory at a time.
public struct CheckpointManager: Sendable {
    /// The run's checkpoint directory, `RUN/checkpoints`; `save` creates it, not its parent.
    public let directory: String
    /// How many of the most recent checkpoints retention keeps; 0 keeps all.
    public let keepLast: Int
    /// The metric that picks `best`; nil for none.
    public let monitor: Monitor?

    /// The steps of `save`, for tests that stop or copy the directory there to act out a crash.
    enum SaveStage: String, CaseIterable, Sendable {
        case written, indexed, movedIntoPlace, bestUpdated, latestUpdated, pruned
    }

    /// Called after each step of `save`; an error it throws fails the save there.
    var afterStage: (@Sendable (SaveStage) throws -> Void)? = nil
    /// Whether a same-named checkpoint is swapped out atomically; tests turn it off to take the
    /// path of file systems that cannot swap directories.
    var allowsExchange = true

    static let latestFile = "latest", bestFile = "best", indexFile = "index.json"
    private static let temporaryPrefix = ".tmp-"

    /// - Parameters:
    ///   - directory: the run's checkpoint directory (`RUN/checkpoints`).
    ///   - keepLast: how many of the most recent checkpoints to keep (0 keeps all); the best by
    ///     `monitor` is kept besides.
    ///   - monitor: the metric whose best value `best` names.
    public init(directory: String, keepLast: Int = 3, monitor: Monitor? = nil) {
        require(!directory.isEmpty, "CheckpointManager: the directory path is empty")
        require(keepLast >= 0, "CheckpointManager: keepLast must be ≥ 0 (0 keeps every checkpoint), got \(keepLast)")
        var trimmed = directory
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.directory = trimmed
        self.keepLast = keepLast
        self.monitor = monitor
    }

    /// The directory of the checkpoint called `name`.
    public func path(of name: String) -> String { directory + "/" + name }

    // MARK: Writing

    /// Checks, before training starts, that checkpoints can be written: creates `directory` if
    /// needed (its parent, the run directory, must exist), writes and removes a probe file, reads
    /// `index.json` and `latest` if present, and, when `requiredBytes` > 0, checks that the file
    /// system has that much space free.
    ///
    /// - Throws: `CheckpointError.notWritable` naming the directory and the reason; `.malformed`
    ///   for a damaged `index.json` or `latest`.
    public func checkWritable(requiredBytes: Int = 0) throws {
        try prepareDirectory()
        let probe = directory + "/\(Self.temporaryPrefix)preflight-\(getpid())"
        do {
            try AtomicFile.write(to: probe) { try $0.write([0]) }
            try DirectoryOperations.removeFile(probe)
        } catch {
            try? DirectoryOperations.removeFile(probe)
            let fileError = error as? FileError
            throw CheckpointError(.notWritable, path: directory, code: fileError?.code ?? 0,
                                  "cannot write files here: \(fileError?.reason ?? "\(error)")")
        }
        _ = try readIndex()
        _ = try latestName()
        if requiredBytes > 0 {
            let available: Int
            do { available = try DirectoryOperations.availableBytes(at: directory) } catch {
                throw CheckpointError.writing(error, path: directory)
            }
            guard available >= requiredBytes else {
                throw CheckpointError(.notWritable, path: directory, code: ENOSPC,
                                      "needs \(requiredBytes) bytes free for checkpoints, the file system has \(available)")
            }
        }
    }

    /// Writes the checkpoint `name` atomically, then points `latest` (and `best`) at it and
    /// applies retention. Returns the checkpoint's directory.
    ///
    /// - Parameters:
    ///   - name: the checkpoint's directory name, chosen by the caller ("epoch-0003",
    ///     "step-00000450"); saving an existing name replaces that checkpoint.
    ///   - model: the model's state dict, written as `model.safetensors` with metadata
    ///     {"format": "pt"} only, so equal weights give equal bytes.
    ///   - optimizer: the optimizer's state, written as `optimizer.safetensors` and `optimizer.json`.
    ///   - state: the rest of the training state, written as `state.json` (sorted keys).
    ///   - metric: the monitored metric's value; a metric that is not finite never becomes the best.
    /// - Throws: `CheckpointError` (`.notWritable` with the OS reason, `.unencodable`,
    ///   `.malformed` for a damaged `index.json`). A failed save leaves no partial checkpoint and
    ///   `latest` as it was.
    @discardableResult
    public func save<State: Encodable>(name: String, model: StateDict, optimizer: OptimizerState? = nil, state: State,
                                       step: Int, epoch: Int, metric: Double? = nil) throws -> String {
        if let problem = Self.nameProblem(name) { require(false, "CheckpointManager.save: the name \"\(name)\" \(problem)") }
        let final = path(of: name)
        // Everything that can fail without the disk fails before anything is written.
        let stateBytes = try Self.encode(state, path: final + "/" + CheckpointFiles.state)
        let groupBytes = try optimizer.map {
            try Self.encode(CheckpointFiles.OptimizerGroups(paramGroups: $0.groups), path: final + "/" + CheckpointFiles.optimizerGroups)
        }
        try prepareDirectory()
        let (listed, previousIndex) = try readIndexFile()
        var entries = listed.filter { $0.name != name && exists(path(of: $0.name)) }
        entries.append(Entry(name: name, step: step, epoch: epoch, metric: metric.flatMap { $0.isFinite ? $0 : nil }))
        let retention = CheckpointRetention(entries, keepLast: keepLast,
                                            monitor: monitor, pinned: monitor == nil ? (try? bestName()) : nil)
        removeLeftovers()

        let temporary = directory + "/\(Self.temporaryPrefix)\(name)-\(getpid())"
        let indexPath = directory + "/" + Self.indexFile
        var current = final
        var indexChanged = false
        do {
            try DirectoryOperations.makeDirectory(temporary)
            current = final + "/" + CheckpointFiles.model
            try SafeTensors.save(model, metadata: CheckpointFiles.metadata, to: temporary + "/" + CheckpointFiles.model)
            if let optimizer, let groupBytes {
                current = final + "/" + CheckpointFiles.optimizerTensors
                try SafeTensors.save(optimizer.tensors, metadata: CheckpointFiles.metadata,
                                     to: temporary + "/" + CheckpointFiles.optimizerTensors)
                current = final + "/" + CheckpointFiles.optimizerGroups
                try AtomicFile.write(to: temporary + "/" + CheckpointFiles.optimizerGroups) { try $0.write(groupBytes) }
            }
            current = final + "/" + CheckpointFiles.state
            try AtomicFile.write(to: temporary + "/" + CheckpointFiles.state) { try $0.write(stateBytes) }
            current = final
            try AtomicFile.syncDirectory(temporary)
            try stage(.written)
            // The index lists the checkpoint before it appears, so no crash can leave a
            // checkpoint that retention does not know of (listed names that never appeared are
            // dropped by the next save).
            current = indexPath
            indexChanged = true
            try writeIndex(entries)
            try stage(.indexed)
            current = final
            try moveIntoPlace(temporary, as: name)
        } catch {
            try? DirectoryOperations.removeTree(temporary)
            if indexChanged {  // put the index back as it was
                if let previousIndex {
                    try? AtomicFile.write(to: indexPath) { try $0.write(previousIndex) }
                } else {
                    try? DirectoryOperations.removeFile(indexPath)
                }
            }
            throw CheckpointError.writing(error, path: current)
        }

        do {
            try stage(.movedIntoPlace)
            if monitor != nil {
                current = directory + "/" + Self.bestFile
                if let best = retention.best {
                    try writeName(best.name, to: Self.bestFile)
                } else {
                    try DirectoryOperations.removeFile(current)
                    try AtomicFile.syncDirectory(directory)
                }
            }
            try stage(.bestUpdated)
            current = directory + "/" + Self.latestFile
            try writeName(name, to: Self.latestFile)
            try stage(.latestUpdated)
            // Deleted only now, while the index still lists them: a crash meanwhile leaves them
            // for the next save to delete.
            if !retention.removed.isEmpty {
                for entry in retention.removed {
                    current = path(of: entry.name)
                    try discard(entry.name)
                }
                current = directory
                try AtomicFile.syncDirectory(directory)
                try stage(.pruned)
                current = indexPath
                try writeIndex(retention.kept)
            }
        } catch {
            throw CheckpointError.writing(error, path: current)
        }
        return final
    }

    // MARK: Reading

    /// The name in `latest`: the newest complete checkpoint; nil before the first save.
    public func latestName() throws -> String? { try readName(Self.latestFile) }

    /// The name in `best`: the best checkpoint by the monitored metric; nil when none was chosen.
    public func bestName() throws -> String? { try readName(Self.bestFile) }

    /// The kept checkpoints, oldest first, as `index.json` lists them (empty before the first
    /// save); a listed checkpoint whose directory does not exist (an interrupted save's) is left out.
    public func entries() throws -> [Entry] { try readIndex().filter { exists(path(of: $0.name)) } }

    /// Reads the checkpoint called `name`.
    public func load(name: String) throws -> Checkpoint { try Checkpoint.load(from: path(of: name)) }

    /// Reads the checkpoint `latest` names; nil when there is none yet.
    ///
    /// - Throws: `CheckpointError.notFound` when `latest` names a directory that does not exist,
    ///   and what `Checkpoint.load` throws.
    public func loadLatest() throws -> Checkpoint? {
        guard let name = try latestName() else { return nil }
        let checkpoint = path(of: name)
        guard (try? DirectoryOperations.kind(at: checkpoint)) == .directory else {
            throw CheckpointError(.notFound, path: checkpoint, code: ENOENT,
                                  "\(directory)/\(Self.latestFile) names this checkpoint, but there is no such directory")
        }
        return try Checkpoint.load(from: checkpoint)
    }

    // MARK: Steps

    private func stage(_ stage: SaveStage) throws { try afterStage?(stage) }

    /// Why `name` cannot be a checkpoint's name, or nil when it can.
    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "is empty" }
        if name.utf8.count > 200 { return "is longer than 200 bytes" }
        if name.contains(where: { $0 == "/" || $0 == "\0" || $0.isNewline }) { return "contains '/', NUL or a line break" }
        if name.hasPrefix(".") { return "starts with '.' (reserved for temporary directories)" }
        if [latestFile, bestFile, indexFile].contains(name) { return "is the name of a file of the checkpoint directory" }
        return nil
    }

    private static func encode<T: Encodable>(_ value: T, path: String) throws -> [UInt8] {
        do { return try CheckpointJSON.encode(value) } catch {
            throw CheckpointError(.unencodable, path: path, "cannot be encoded as JSON: \(CheckpointJSON.describe(error))")
        }
    }

    /// Makes sure `directory` exists (creating it, not its parent) and is a directory.
    private func prepareDirectory() throws {
        let parent = (try? AtomicFile.split(directory).directory) ?? "."
        let kind: DirectoryOperations.EntryKind?
        do { kind = try DirectoryOperations.kind(at: directory) } catch let error as FileError where error.code == ENOTDIR {
            throw CheckpointError(.notWritable, path: directory, code: ENOTDIR,
                                  "cannot create the checkpoint directory: \(parent) is not a directory")
        } catch {
            throw CheckpointError.writing(error, path: directory)
        }
        switch kind {
        case .directory:
            return
        case .regularFile, .other:
            throw CheckpointError(.notWritable, path: directory, code: ENOTDIR, "is a file, not a directory")
        case nil:
            do {
                try DirectoryOperations.makeDirectory(directory)
                try AtomicFile.syncDirectory(parent)
            } catch let error as FileError where error.code == EEXIST {
                return try prepareDirectory()  // made by someone else meanwhile: check what it is
            } catch let error as FileError where error.code == ENOENT {
                throw CheckpointError(.notWritable, path: directory, code: ENOENT,
                                      "cannot create the checkpoint directory: the run directory \(parent) does not exist")
            } catch let error as FileError {
                throw CheckpointError(.notWritable, path: directory, code: error.code,
                                      "cannot create the checkpoint directory: \(error.reason)")
            }
        }
    }

    /// Removes what interrupted saves left: `.tmp-*` directories and files, and the temporary
    /// files of interrupted atomic writes (`.latest.tmp-*`, …). Failures are left for later.
    private func removeLeftovers() {
        guard let names = try? DirectoryOperations.contents(of: directory) else { return }
        for name in names where name.hasPrefix(".") && name.contains(Self.temporaryPrefix) {
            try? DirectoryOperations.removeTree(directory + "/" + name)
        }
    }

    /// Renames the finished temporary directory to `name`. An existing checkpoint of that name is
    /// swapped out in one atomic step where the file system can; elsewhere `latest` and `best`
    /// are removed first if they name it, so they never name a missing directory.
    private func moveIntoPlace(_ temporary: String, as name: String) throws {
        let final = path(of: name)
        switch try DirectoryOperations.kind(at: final) {
        case nil:
            try DirectoryOperations.rename(temporary, to: final)
        case .directory:
            let code = allowsExchange ? DirectoryOperations.exchange(temporary, final) : EINVAL
            if code == 0 {
                try AtomicFile.syncDirectory(directory)
                try? DirectoryOperations.removeTree(temporary)  // now the old checkpoint
                return
            }
            guard code == EINVAL || code == ENOTSUP || code == EOPNOTSUPP || code == ENOSYS else {
                throw FileError.system("replace the checkpoint \(final) by", path: temporary, code: code)
            }
            for file in [Self.latestFile, Self.bestFile] where (try? readName(file)) == name {
                try DirectoryOperations.removeFile(directory + "/" + file)
            }
            let old = directory + "/\(Self.temporaryPrefix)\(name)-\(getpid())-replaced"
            try DirectoryOperations.removeTree(old)
            try DirectoryOperations.rename(final, to: old)
            try DirectoryOperations.rename(temporary, to: final)
            try AtomicFile.syncDirectory(directory)
            try? DirectoryOperations.removeTree(old)
            return
        case .regularFile, .other:
            throw FileError(path: final, operation: "replace", code: ENOTDIR, reason: "it is not a checkpoint directory")
        }
        try AtomicFile.syncDirectory(directory)
    }

    /// Deletes the checkpoint `name`: renamed into the `.tmp-` namespace first, so a crash while
    /// deleting never leaves a partial directory that looks like a checkpoint.
    private func discard(_ name: String) throws {
        let doomed = directory + "/\(Self.temporaryPrefix)\(name)-\(getpid())-removed"
        try DirectoryOperations.removeTree(doomed)
        guard (try DirectoryOperations.kind(at: path(of: name))) != nil else { return }
        try DirectoryOperations.rename(path(of: name), to: doomed)
        try DirectoryOperations.removeTree(doomed)
    }

    private func writeName(_ name: String, to file: String) throws {
        try AtomicFile.write(to: directory + "/" + file) { try $0.write(Array((name + "\n").utf8)) }
    }

    private func writeIndex(_ entries: [Entry]) throws {
        let bytes = try CheckpointJSON.encode(entries)
        try AtomicFile.write(to: directory + "/" + Self.indexFile) { try $0.write(bytes) }
    }

    /// The checkpoint name in `latest` or `best`; nil when the file (or the directory) is absent.
    private func readName(_ file: String) throws -> String? {
        let path = directory + "/" + file
        let bytes: [UInt8]
        do { bytes = try InputFile.readAll(path) } catch let error as FileError where error.code == ENOENT {
            return nil
        } catch {
            throw CheckpointError.reading(error, path: path)
        }
        var text = bytes.count <= 1024 ? String(validating: bytes, as: UTF8.self) : nil
        if text?.hasSuffix("\n") == true { text?.removeLast() }
        guard let name = text, Self.nameProblem(name) == nil else {
            throw CheckpointError(.malformed, path: path, "does not hold a checkpoint name on one line")
        }
        return name
    }

    /// The entries of `index.json`; empty when it does not exist. Names are checked, since
    /// retention deletes the directories they name.
    private func readIndex() throws -> [Entry] { try readIndexFile().entries }

    /// The entries of `index.json` and its bytes; no entries and nil when it does not exist.
    private func readIndexFile() throws -> (entries: [Entry], bytes: [UInt8]?) {
        let path = directory + "/" + Self.indexFile
        let bytes: [UInt8]
        do { bytes = try InputFile.readAll(path) } catch let error as FileError where error.code == ENOENT {
            return ([], nil)
        } catch {
            throw CheckpointError.reading(error, path: path)
        }
        if let problem = CheckpointJSON.syntaxProblem(in: bytes) { throw CheckpointError(.malformed, path: path, problem) }
        let entries: [Entry]
        do { entries = try CheckpointJSON.decode([Entry].self, from: bytes) } catch {
            throw CheckpointError(.malformed, path: path,
                                  "not a list of {\"name\", \"step\", \"epoch\", \"metric\"}: \(CheckpointJSON.describe(error))")
        }
        var seen = Set<String>()
        for entry in entries {
            if let problem = Self.nameProblem(entry.name) {
                throw CheckpointError(.malformed, path: path, "the checkpoint name \"\(entry.name)\" \(problem)")
            }
            guard seen.insert(entry.name).inserted else {
                throw CheckpointError(.malformed, path: path, "the checkpoint \"\(entry.name)\" is listed twice")
            }
        }
        return (entries, bytes)
    }

    private func exists(_ path: String) -> Bool { (try? DirectoryOperations.kind(at: path)) == .directory }
}
