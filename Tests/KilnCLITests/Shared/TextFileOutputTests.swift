import Foundation
import KilnIO
import Testing
@testable import kiln

@Suite struct TextFileOutputTests {
    @Test func writesAndReplaces() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let path = directory + "/curves.svg"
            try writeTextFile("first", to: path)
            try writeTextFile("second é", to: path)
            #expect(String(decoding: try CLITestFiles.bytes(path), as: UTF8.self) == "second é")
            // No temporary file is left behind.
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["curves.svg"])
        }
    }

    @Test func unwritableDestinations() throws {
        try CLITestFiles.withTemporaryDirectory { directory in
            let missing = #expect(throws: FileError.self) { try writeTextFile("x", to: directory + "/no/such/dir/out.svg") }
            #expect(missing?.description == "cannot write \(directory)/no/such/dir/out.svg: No such file or directory")

            // A directory in the way: the old contents stay, nothing is left behind.
            try CLITestFiles.makeDirectory(directory + "/taken.svg")
            let taken = #expect(throws: FileError.self) { try writeTextFile("x", to: directory + "/taken.svg") }
            #expect(taken?.description == "cannot write \(directory)/taken.svg: Is a directory")
            #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == ["taken.svg"])
        }
    }
}
