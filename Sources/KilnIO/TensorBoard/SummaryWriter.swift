#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kiln
import Synchronization

/// Logs scalars, histograms, text and images for TensorBoard, with the names of PyTorch's
/// `torch.utils.tensorboard.SummaryWriter`:
///
/// ```swift
/// let writer = try SummaryWriter(logDirectory: "runs/mlp")
/// for step in 0..<steps {
///     …
///     try writer.addScalar("loss/train", loss.item(), step: step)
/// }
/// try writer.addHistogram("fc1.weight", values: weights, step: steps)   // a Tensor or [Double]
/// try writer.close()
/// ```
///
/// `tensorboard --logdir runs` then shows the run. The writer creates a new event file in
/// `logDirectory` (created if missing) named as TensorBoard's own writers name theirs, whose
/// first record is the `brain.Event:2` file-version event; every call appends one event (a
/// TFRecord, framed by `TFRecordWriter.frame`).
///
/// Events are buffered in memory, so logging every step costs no system call. They reach the
/// file when the buffer fills (64 KiB), when `flushSeconds` have passed (checked on every call,
/// and by a background timer so a quiet run is flushed too), on `flush()`, on `close()` and when
/// the writer goes away. The file is visible while it grows (TensorBoard reads it live), and a
/// run killed mid-way keeps every flushed event. If a write fails (a full disk), the error is
/// thrown — from the call that flushed, or from the next call after a failed background flush,
/// which retries — and the unwritten events stay buffered for the next try, so nothing is lost or
/// written twice while the process lives.
///
/// The writer is `Sendable`: any thread may log; a lock orders the events. Logging after
/// `close()` is a programmer error.
public final class SummaryWriter: Sendable {
    /// The directory the event file is in (PyTorch's `log_dir`).
    public let logDirectory: String
    /// The event file being written.
    public let path: String
    /// The longest events wait in memory before they are written, in seconds.
    public let flushSeconds: Double
    /// Appended to the event file's name (PyTorch's `filename_suffix`).
    public let filenameSuffix: String

    private struct State {
        var output: EventFileOutput?
        /// Framed records not yet written.
        var pending: [UInt8] = []
        /// When the pending bytes were last written (monotonic seconds).
        var lastFlush: Double
        /// Whether a background flush failed: the next call retries at once (and throws if it
        /// fails again).
        var backgroundFlushFailed = false
        /// The writers of `addScalars`, by their directory.
        var children: [String: SummaryWriter] = [:]
        var isClosed = false
    }

    private let state: Mutex<State>
    private let timer: Mutex<Task<Void, Never>?> = Mutex(nil)
    private static let bufferSize = 1 << 16

    /// Creates `logDirectory` if needed and a new event file in it, and writes the file-version
    /// event to it at once. Throws `FileError` when the directory or file cannot be created.
    public init(logDirectory: String, flushSeconds: Double = 120, filenameSuffix: String = "") throws {
        require(!logDirectory.isEmpty, "SummaryWriter: logDirectory is empty")
        require(flushSeconds > 0 && flushSeconds.isFinite, "SummaryWriter: flushSeconds must be positive, got \(flushSeconds)")
        require(!filenameSuffix.contains("/"), "SummaryWriter: filenameSuffix \"\(filenameSuffix)\" must not contain \"/\"")
        self.logDirectory = logDirectory
        self.flushSeconds = flushSeconds
        self.filenameSuffix = filenameSuffix
        try EventFileOutput.makeDirectories(logDirectory)
        let wallTime = EventFileName.now()
        let directory = logDirectory.hasSuffix("/") ? String(logDirectory.dropLast()) : logDirectory
        var output: EventFileOutput?
        var path = ""
        // The counter makes names unique within this process; another process with the same
        // name (same second, host and pid) is only possible after pid reuse: then try the next.
        for _ in 0..<100 {
            path = directory + "/" + EventFileName.next(time: wallTime, suffix: filenameSuffix)
            do {
                output = try EventFileOutput(creating: path)
                break
            } catch let error as FileError where error.code == EEXIST {
                continue
            }
        }
        guard let output else {
            throw FileError(path: path, operation: "create the event file", code: EEXIST, reason: "100 candidate names already exist")
        }
        self.path = path
        var first = TFRecordWriter.frame(SummaryEvent.serialized(SummaryEvent.fileVersion(wallTime: wallTime)))
        try output.write(&first)
        state = Mutex(State(output: output, lastFlush: EventFileName.monotonicNow()))
        startTimer()
    }

    deinit {
        timer.withLock { $0?.cancel() }
        state.withLock { state in
            guard let output = state.output else { return }
            // Errors cannot be reported from here; `close()` reports them.
            try? output.write(&state.pending)
            try? output.close()
        }
    }

    /// Logs a scalar (a loss, an accuracy, a learning rate) as PyTorch's `add_scalar` does by
    /// default: a legacy `simple_value` (a 32-bit float), which TensorBoard's scalar dashboard
    /// reads. `wallTime` defaults to now (seconds since the Unix epoch).
    public func addScalar(_ tag: String, _ value: Double, step: Int, wallTime: Double? = nil) throws {
        try append(SummaryEvent.summary(SummaryEvent.scalar(tag: tag, value: value), step: step, wallTime: wallTime ?? EventFileName.now()))
    }

    /// Logs several scalars in one chart, as PyTorch's `add_scalars` does: each goes to its own
    /// run, the directory `<logDirectory>/<mainTag with "/" as "_">_<tag>`, under the tag
    /// `mainTag`, so TensorBoard draws them as lines of one plot.
    public func addScalars(_ mainTag: String, _ values: [String: Double], step: Int, wallTime: Double? = nil) throws {
        let time = wallTime ?? EventFileName.now()
        for (tag, value) in values.sorted(by: { $0.key < $1.key }) {
            let directory = logDirectory + "/" + mainTag.replacingSlashes() + "_" + tag
            let child = try state.withLock { state -> SummaryWriter in
                require(!state.isClosed, "SummaryWriter.addScalars: the writer for \(path) is closed")
                if let child = state.children[directory] { return child }
                let child = try SummaryWriter(logDirectory: directory, flushSeconds: flushSeconds, filenameSuffix: filenameSuffix)
                state.children[directory] = child
                return child
            }
            try child.addScalar(mainTag, value, step: step, wallTime: time)
        }
    }

    /// Logs the distribution of `values` (weights, gradients, activations) for TensorBoard's
    /// histogram and distribution dashboards, bucketed exactly as PyTorch's `add_histogram`
    /// buckets them (`bins` defaults to TensorBoard's exponential buckets). Throws
    /// `SummaryWriterError` when a value is NaN or infinite, logging nothing.
    public func addHistogram(_ tag: String, values: Tensor, step: Int, bins: HistogramBins = .tensorflow, wallTime: Double? = nil) throws {
        try addHistogram(tag, values: values.scalars(as: Double.self), step: step, bins: bins, wallTime: wallTime)
    }

    /// Logs the distribution of `values`; see `addHistogram(_:values:step:bins:wallTime:)` for tensors.
    public func addHistogram(_ tag: String, values: [Double], step: Int, bins: HistogramBins = .tensorflow, wallTime: Double? = nil) throws {
        let histogram = try SummaryHistogram.make(tag: tag, values: values, bins: bins)
        try append(SummaryEvent.summary(SummaryEvent.histogram(tag: tag, histogram), step: step, wallTime: wallTime ?? EventFileName.now()))
    }

    /// Logs text (Markdown) for TensorBoard's text dashboard, as PyTorch's `add_text` does: under
    /// the tag `<tag>/text_summary`.
    public func addText(_ tag: String, _ text: String, step: Int, wallTime: Double? = nil) throws {
        try append(SummaryEvent.summary(SummaryEvent.text(tag: tag, text), step: step, wallTime: wallTime ?? EventFileName.now()))
    }

    /// Logs an image, PNG-encoded, for TensorBoard's image dashboard, as PyTorch's `add_image`
    /// does. `image` is laid out as `dataFormats` says ([channels, height, width] by default, as
    /// in PyTorch) with 1 (grey, stored as RGB), 3 (RGB) or 4 (RGBA) channels. uint8 samples are
    /// used as they are; any other dtype is taken as [0, 1] and scaled by 255 (clipped).
    public func addImage(_ tag: String, _ image: Tensor, step: Int, dataFormats: ImageDataFormat = .chw, wallTime: Double? = nil) throws {
        let proto = SummaryImage.make(tag: tag, image: image, dataFormats: dataFormats)
        try append(SummaryEvent.summary(SummaryEvent.image(tag: tag, proto), step: step, wallTime: wallTime ?? EventFileName.now()))
    }

    /// Writes the buffered events to the file (and those of the `addScalars` runs), so that
    /// TensorBoard sees them and a crash keeps them.
    public func flush() throws {
        let children = try state.withLock { state -> [SummaryWriter] in
            guard !state.isClosed else { return [] }
            try drain(&state)
            return Array(state.children.values)
        }
        for child in children { try child.flush() }
    }

    /// Flushes, syncs and closes the event file (and those of the `addScalars` runs). Closing a
    /// closed writer does nothing. When it throws, the events it could not write are lost.
    public func close() throws {
        timer.withLock { $0?.cancel() }
        let (children, failure) = state.withLock { state -> ([SummaryWriter], (any Error)?) in
            guard !state.isClosed else { return ([], nil) }
            state.isClosed = true
            var failure: (any Error)?
            if let output = state.output {
                do {
                    try output.write(&state.pending)
                    try output.close()
                } catch {
                    failure = error
                    try? output.close()
                }
            }
            state.output = nil
            state.pending = []
            return (Array(state.children.values), failure)
        }
        var first = failure
        for child in children {
            do { try child.close() } catch { first = first ?? error }
        }
        if let first { throw first }
    }

    // MARK: - Writing

    private func append(_ event: Tensorboard_Event) throws {
        let framed = TFRecordWriter.frame(SummaryEvent.serialized(event))
        try state.withLock { state in
            require(!state.isClosed, "SummaryWriter: logging to \(path) after close()")
            state.pending += framed
            if state.backgroundFlushFailed || state.pending.count >= Self.bufferSize
                || EventFileName.monotonicNow() - state.lastFlush >= flushSeconds {
                try drain(&state)
            }
        }
    }

    /// Writes the pending bytes; on failure those not written stay pending.
    private func drain(_ state: inout State) throws {
        state.lastFlush = EventFileName.monotonicNow()
        state.backgroundFlushFailed = false
        guard let output = state.output else { return }
        try output.write(&state.pending)
    }

    /// Flushes every `flushSeconds` while the writer lives, so events logged before a long quiet
    /// stretch (an evaluation, the end of a run) reach the file without another call.
    private func startTimer() {
        let interval = UInt64(Swift.min(flushSeconds * 1e9, 1e18))
        let task = Task.detached(priority: .utility) { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: interval)
                guard let self, !Task.isCancelled else { return }
                self.flushFromTimer()
            }
        }
        timer.withLock { $0 = task }
    }

    private func flushFromTimer() {
        state.withLock { state in
            guard !state.isClosed, !state.pending.isEmpty else { return }
            do {
                try drain(&state)
            } catch {
                state.backgroundFlushFailed = true
            }
        }
    }
}

private extension String {
    func replacingSlashes() -> String {
        String(map { $0 == "/" ? "_" : $0 })
    }
}
