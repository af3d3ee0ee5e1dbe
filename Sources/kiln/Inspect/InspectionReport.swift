/// What `kiln inspect` prints about one file or directory: a text for people and a JSON object
/// for scripts, with the same facts.
protocol InspectionReport {
    /// One JSON object; its `"format"` key names the kind of file.
    var json: JSONValue { get }
    /// Aligned, labelled lines.
    var text: String { get }
}
