import Foundation
import Kiln
import Testing
@testable import KilnIO

/// Damaged event files (a Kiln file cut short or with a flipped byte, records that are not
/// events): typed errors naming the file and record, the events before the damage still read,
/// nothing crashes.
@Suite struct EventFileBadInputTests {
    /// A Kiln event file with the file-version event and three scalars, as bytes.
    func goodFile() throws -> [UInt8] {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            for step in 0..<3 { try writer.addScalar("loss", Double(step), step: step, wallTime: 1) }
            try writer.close()
            return try TestFiles.bytes(writer.path)
        }
    }

    /// The events read from `bytes` before the first error, and that error.
    func readAll(_ bytes: [UInt8]) throws -> ([TensorBoardEvent], (any Error)?, String) {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let path = root + "/events.out.tfevents.damaged"
            try TestFiles.write(bytes, to: path)
            let reader = try EventFileReader(path: path)
            var events: [TensorBoardEvent] = []
            do {
                while let event = try reader.next() { events.append(event) }
                return (events, nil, path)
            } catch {
                #expect("\(error)".contains(path))
                return (events, error, path)
            }
        }
    }

    @Test func truncatedFile() throws {
        let file = try goodFile()
        // The last record (12 + 26 + 4 bytes: a scalar event of tag "loss") loses its last byte.
        let (events, error, path) = try readAll(Array(file.dropLast()))
        #expect(events.count == 3)
        let tfrecord = try #require(error as? TFRecordError)
        #expect(tfrecord.kind == .truncated)
        #expect(tfrecord.record == 3 && tfrecord.file == path)
    }

    @Test func corruptDataByte() throws {
        var file = try goodFile()
        file[file.count - 10] ^= 0x40
        let (events, error, _) = try readAll(file)
        #expect(events.count == 3)
        #expect((error as? TFRecordError)?.kind == .dataChecksumMismatch)
    }

    @Test func corruptLength() throws {
        var file = try goodFile()
        file[0] ^= 0x01
        let (events, error, _) = try readAll(file)
        #expect(events.isEmpty)
        #expect((error as? TFRecordError)?.kind == .lengthChecksumMismatch)
    }

    /// Sound framing around bytes that are not an Event (an invalid protobuf tag).
    @Test func recordThatIsNotAnEvent() throws {
        let file = try goodFile() + TFRecordWriter.frame([0xFF, 0xFF, 0xFF])
        let (events, error, path) = try readAll(file)
        #expect(events.count == 4)
        let eventError = try #require(error as? EventFileError)
        #expect(eventError.kind == .invalidEvent && eventError.record == 4 && eventError.file == path)
        #expect(eventError.description.contains("record 4"))
    }

    /// A TFRecord file of tf.train.Example records is not an event file.
    @Test func exampleFileIsNotAnEventFile() throws {
        let path = FormatFixtures.tfrecord("examples.tfrecord")
        let error = #expect(throws: EventFileError.self) { try EventFileReader.events(at: path) }
        #expect(error?.record == 0)
    }

    /// Event fields Kiln does not read (graph_def = 4 here) make an `.other` event, not an error.
    @Test func eventsKilnDoesNotReadAreOther() throws {
        let graphEvent = bytes(hex: "09000000000000f03f 2203616263")
        let (events, error, _) = try readAll(TFRecordWriter.frame(graphEvent))
        #expect(error == nil)
        #expect(events == [TensorBoardEvent(wallTime: 1, step: 0, kind: .other)])
    }

    @Test func emptyFileHasNoEvents() throws {
        let (events, error, _) = try readAll([])
        #expect(events.isEmpty && error == nil)
    }

    @Test func missingFileOrDirectory() throws {
        #expect(throws: FileError.self) { try EventFileReader(path: "/nonexistent/events.out.tfevents.1") }
        #expect(throws: FileError.self) { try EventFileReader.eventFiles(in: "/nonexistent/run") }
    }
}
