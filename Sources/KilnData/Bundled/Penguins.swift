/// The Palmer Archipelago penguins bundled with the package (`penguins.csv`, from the
/// palmerpenguins package): 344 rows of species, island, bill length and depth, flipper length,
/// body mass, sex and year, with missing values as recorded (11 rows lack something), so cleaning
/// is part of using it.
///
/// ```swift
/// let penguins = try Penguins.load()            // 344 rows
/// let clean = penguins.dropNA()                 // 333 rows
/// ```
public enum Penguins {
    /// The raw table: species, island and sex categorical; the measurements and year numeric.
    public static func load() throws -> Table {
        try CSVReader.read(KilnData.resourceDirectory.appendingPathComponent("penguins.csv").path)
    }
}
