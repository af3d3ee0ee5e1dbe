import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Saving writes a temporary file and renames it: a failed save leaves the old file as it was and
/// no temporary file behind.
@Suite struct SafeTensorsAtomicWriteTests {
    struct Interrupted: Error {}

    @Test func savingLeavesOnlyTheFile() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/model.safetensors"
            try SafeTensors.save(["w": .ones([3])], to: path)
            try SafeTensors.save(["w": .zeros([2])], to: path)  // replaces the first file
            #expect(try TestFiles.contents(of: directory) == ["model.safetensors"])
            #expect(try SafeTensors.load(path)["w"]?.scalars(as: Float.self) == [0, 0])
        }
    }

    @Test func relativePathsWork() throws {
        try TestFiles.withTemporaryDirectory { directory in
            // The temporary directory, reached from the working directory through "..".
            let up = FileManager.default.currentDirectoryPath.split(separator: "/").map { _ in ".." }
            let relative = (up + directory.split(separator: "/").map(String.init)).joined(separator: "/")
            try SafeTensors.save(["w": .ones([1])], to: relative + "/relative.safetensors")
            #expect(try TestFiles.contents(of: directory) == ["relative.safetensors"])
        }
        // A bare file name is written through the working directory.
        #expect(try AtomicFile.split("model.safetensors") == (".", "model.safetensors"))
        #expect(try AtomicFile.split("/model.safetensors") == ("/", "model.safetensors"))
        #expect(try AtomicFile.split("a/b/model.safetensors") == ("a/b", "model.safetensors"))
        #expect(throws: FileError.self) { try AtomicFile.split("a/b/") }
        #expect(throws: FileError.self) { try AtomicFile.split("a/..") }
    }

    @Test func unwritablePathThrowsAndChangesNothing() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let existing = directory + "/existing.safetensors"
            let original = SafeTensors.encode(["w": .ones([2])])
            try TestFiles.write(original, to: existing)

            // A path below a regular file (fails for every user, root included).
            let below = #expect(throws: FileError.self) {
                try SafeTensors.save(["w": .zeros([2])], to: existing + "/sub.safetensors")
            }
            #expect(below?.code == ENOTDIR)
            // A directory that does not exist.
            let missing = #expect(throws: FileError.self) {
                try SafeTensors.save(["w": .zeros([2])], to: directory + "/missing/x.safetensors")
            }
            #expect(missing?.code == ENOENT)
            // A path that is a directory: the rename fails after the data was written.
            try FileManager.default.createDirectory(atPath: directory + "/taken.safetensors", withIntermediateDirectories: false)
            #expect(throws: FileError.self) { try SafeTensors.save(["w": .zeros([2])], to: directory + "/taken.safetensors") }
            #expect(throws: FileError.self) { try SafeTensors.save(["w": .zeros([2])], to: directory + "/") }

            #expect(try TestFiles.bytes(existing) == original)
            #expect(try TestFiles.contents(of: directory) == ["existing.safetensors", "taken.safetensors"])
            #expect(try TestFiles.contents(of: directory + "/taken.safetensors").isEmpty)
        }
    }

    @Test func failureWhileWritingKeepsTheOldFile() throws {
        try TestFiles.withTemporaryDirectory { directory in
            let path = directory + "/checkpoint.safetensors"
            let original = SafeTensors.encode(["step": Tensor([Int64(1)])])
            try TestFiles.write(original, to: path)
            #expect(throws: Interrupted.self) {
                try AtomicFile.write(to: path) { sink in
                    try sink.write([1, 2, 3, 4])
                    throw Interrupted()
                }
            }
            #expect(try TestFiles.bytes(path) == original)
            #expect(try TestFiles.contents(of: directory) == ["checkpoint.safetensors"])
        }
    }
}
