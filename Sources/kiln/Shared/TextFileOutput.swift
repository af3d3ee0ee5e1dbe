import KilnIO

/// Writes `text` to `path` so that the file appears complete or not at all (KilnIO's
/// `AtomicFile`). A failure (no such directory, no permission, disk full) throws `FileError`
/// saying "cannot write PATH" with the system's reason, and leaves any old file as it was.
func writeTextFile(_ text: String, to path: String) throws {
    do {
        try AtomicFile.write(Array(text.utf8), to: path)
    } catch let error as FileError {
        // The step that failed (the temporary file, the rename) is AtomicFile's business; the
        // user asked to write `path`.
        throw FileError(path: path, operation: "write", code: error.code, reason: error.reason)
    }
}
