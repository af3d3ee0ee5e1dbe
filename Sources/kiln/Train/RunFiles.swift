import Foundation

/// Where a run keeps its files: `config.yaml`, `preprocessing.json` (tabular data), `checkpoints/`,
/// TensorBoard's `events.out.tfevents.*`, `metrics.csv` and `metrics.json`.
enum RunFiles {
    static func config(in run: String) -> String { run + "/config.yaml" }
    static func preprocessing(in run: String) -> String { run + "/preprocessing.json" }
    static func checkpoints(in run: String) -> String { run + "/checkpoints" }
    static func metricsCSV(in run: String) -> String { run + "/metrics.csv" }
    static func metricsJSON(in run: String) -> String { run + "/metrics.json" }

    /// `runs/<data>-<model>-<yyyyMMdd-HHmmss>`.
    static func defaultDirectory(_ config: RunConfig) -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        let data = (try? DataSource(parsing: config.data ?? "digits"))?.name ?? "data"
        let model = (config.model ?? "mlp").split(separator: ":").first.map(String.init) ?? "model"
        return "runs/\(data)-\(model)-\(formatter.string(from: Date()))"
    }

    /// Whether `directory` already has a run's config.
    static func holdsRun(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: config(in: directory))
    }

    /// Creates the run directory (and its parents), or explains why it cannot.
    static func createDirectory(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandError("run directory \(directory) is a file, not a directory") }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw CommandError("cannot create run directory \(directory): \(reason(error))")
            }
        }
        guard FileManager.default.isWritableFile(atPath: directory) else {
            throw CommandError("run directory \(directory) is not writable")
        }
    }

    /// The operating system's reason behind a Foundation file error.
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError {
            return String(cString: strerror(Int32(underlying.code)))
        }
        return ns.localizedDescription
    }
}
