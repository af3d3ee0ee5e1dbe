import Foundation

/// Data loading for Kiln: datasets and loaders, streaming pipelines, file readers, tabular
/// preprocessing, image transforms and bundled example data.
public enum KilnData {
    /// The folder of the data sets bundled with the package (digits, penguins).
    public static var resourceDirectory: URL {
        Bundle.module.url(forResource: "Resources", withExtension: nil) ?? Bundle.module.bundleURL.appendingPathComponent("Resources")
    }
}
