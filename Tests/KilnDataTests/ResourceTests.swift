import Foundation
import Testing
import KilnData

@Suite struct ResourceTests {
    @Test func bundledFilesAreThere() {
        for name in ["digits.csv.gz", "penguins.csv"] {
            #expect(FileManager.default.fileExists(atPath: KilnData.resourceDirectory.appendingPathComponent(name).path), "\(name)")
        }
    }
}
