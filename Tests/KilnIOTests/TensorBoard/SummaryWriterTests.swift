import Foundation
import Kiln
import Testing
@testable import KilnIO

/// SummaryWriter's files: named and started as TensorBoard's writers do, holding what was logged
/// (read back by EventFileReader, which reads PyTorch's fixture right), images with the pixels
/// PyTorch's writer makes from the same tensors, buffered until a flush, safe from several threads.
@Suite struct SummaryWriterTests {
    let dir = TensorBoardFixtures.self

    /// The events of the one event file in `directory`.
    func events(in directory: String) throws -> [TensorBoardEvent] {
        let files = try EventFileReader.eventFiles(in: directory)
        try #require(files.count == 1, "event files: \(files)")
        return try EventFileReader.events(at: files[0])
    }

    @Test func namesAndStartsTheFileAsTensorBoardDoes() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let before = Date().timeIntervalSince1970
            let writer = try SummaryWriter(logDirectory: root + "/runs/a/b", filenameSuffix: ".kiln")
            // The directory is created; the file exists (with its file-version record) at once.
            let name = String(writer.path.split(separator: "/").last!)
            let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            #expect(writer.path == root + "/runs/a/b/" + name)
            #expect(Array(parts.prefix(3)) == ["events", "out", "tfevents"])
            #expect(parts[3].count == 10 && abs(Double(parts[3])! - before) < 5)
            // Python's socket.gethostname(): the kernel's host name.
            let host = try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(name.hasPrefix("events.out.tfevents.\(parts[3]).\(host).\(getpid())."))
            #expect(name.contains(".\(getpid()).") && name.hasSuffix(".kiln"))
            let records = try TFRecordReader.records(at: writer.path)
            #expect(records.count == 1)
            let first = try EventFileReader.events(at: writer.path)[0]
            #expect(first.kind == .fileVersion("brain.Event:2"))
            #expect(abs(first.wallTime - before) < 5)
            try writer.close()
        }
    }

    @Test func twoWritersInOneSecondGetTwoFiles() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let a = try SummaryWriter(logDirectory: root), b = try SummaryWriter(logDirectory: root)
            #expect(a.path != b.path)
            #expect(try EventFileReader.eventFiles(in: root).count == 2)
            try a.close()
            try b.close()
        }
    }

    @Test func writesWhatWasLogged() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            let wall = dir.wallTime
            try writer.addScalar("loss", 0.5, step: 0, wallTime: wall)
            try writer.addScalar("lr", 0.1, step: 1, wallTime: wall + 1)
            try writer.addHistogram("weights", values: Tensor(dir.histogramValues.map { Float($0) }, shape: [2, 5]), step: 2, wallTime: wall + 2)
            try writer.addHistogram("weights_bins5", values: dir.histogramValues, step: 2, bins: 5, wallTime: wall + 2)
            try writer.addText("note", dir.text, step: 3, wallTime: wall + 3)
            try writer.close()

            let events = try events(in: root)
            #expect(events.count == 6)
            #expect(events[1] == TensorBoardEvent(wallTime: wall, step: 0, kind: .summary([.init(tag: "loss", content: .scalar(0.5))])))
            #expect(events[2].values == [.init(tag: "lr", content: .scalar(0.10000000149011612))])
            // The same histograms as PyTorch's for the same values (the fixture's events 5 and 6).
            let pytorch = try EventFileReader.events(at: dir.pytorchFile)
            #expect(events[3].values == pytorch[5].values && events[3].step == 2)
            #expect(events[4].values == pytorch[6].values)
            #expect(events[5].values == pytorch[8].values && events[5].step == 3)
        }
    }

    /// The images of make_fixtures.py, logged by Kiln: the decoded pixels equal those of
    /// PyTorch's PNGs (and the reader sees the same width, height and channel count).
    @Test func imagesHavePyTorchsPixels() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            try writer.addImage("sample", dir.imageCHW, step: 4)
            try writer.addImage("sample_hwc", dir.imageHWC, step: 4, dataFormats: .hwc)
            try writer.addImage("grey", dir.imageGrey, step: 5)
            try writer.addImage("grey_hw", dir.imageGrey.reshaped([2, 2]), step: 5, dataFormats: .hw)
            // float64 is converted to float32 first, as PyTorch's astype(np.float32).
            try writer.addImage("sample64", dir.imageCHW.cast(to: .float64), step: 6)
            try writer.close()
            let expected: [(String, Int, Int, Int, [UInt8])] = [
                ("sample", 3, 2, 3, dir.samplePixels), ("sample_hwc", 3, 2, 4, dir.sampleHWCPixels),
                ("grey", 2, 2, 3, dir.greyPixels), ("grey_hw", 2, 2, 3, dir.greyPixels), ("sample64", 3, 2, 3, dir.samplePixels),
            ]
            let events = try events(in: root)
            #expect(events.count == 1 + expected.count)
            for (event, (tag, width, height, channels, pixels)) in zip(events.dropFirst(), expected) {
                guard case .image(let image)? = event.values.first?.content else { Issue.record("\(tag): \(event)"); continue }
                #expect(event.values[0].tag == tag)
                #expect((image.width, image.height, image.channels) == (width, height, channels), "\(tag)")
                let decoded = try decodeSimplePNG(image.encoded)
                #expect((decoded.width, decoded.height, decoded.channels) == (width, height, channels), "\(tag)")
                #expect(decoded.pixels == pixels, "\(tag)")
            }
        }
    }

    /// PyTorch's add_scalars: one run directory per scalar, `<main>_<tag>`, each under the tag `main`.
    @Test func addScalarsWritesOneRunPerTag() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            try writer.addScalars("loss/all", ["train": 0.5, "valid": 0.75], step: 1)
            try writer.addScalars("loss/all", ["train": 0.25, "valid": 0.5], step: 2)
            try writer.close()
            #expect(try EventFileReader.events(at: writer.path).count == 1)
            for (run, values) in [("train", [0.5, 0.25]), ("valid", [0.75, 0.5])] {
                let events = try events(in: root + "/loss_all_" + run)
                #expect(events.dropFirst().map(\.values) == values.map { [.init(tag: "loss/all", content: .scalar($0))] })
                #expect(events.dropFirst().map(\.step) == [1, 2])
            }
        }
    }

    /// Logging is buffered: nothing but the file-version record reaches the file until a flush.
    @Test func buffersUntilFlush() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            for step in 0..<100 { try writer.addScalar("loss", Double(step), step: step) }
            #expect(try TFRecordReader.records(at: writer.path).count == 1)
            try writer.flush()
            #expect(try TFRecordReader.records(at: writer.path).count == 101)
            try writer.addScalar("loss", 1, step: 100)
            try writer.close()
            try writer.close()   // a second close does nothing
            #expect(try TFRecordReader.records(at: writer.path).count == 102)
        }
    }

    /// A full buffer (64 KiB) is written without a flush.
    @Test func writesWhenTheBufferFills() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            let long = String(repeating: "x", count: 70_000)
            try writer.addText("big", long, step: 0)
            let events = try EventFileReader.events(at: writer.path)
            #expect(events.count == 2)
            #expect(events[1].values.first?.content == .text(long))
            try writer.close()
        }
    }

    /// Events wait at most `flushSeconds`: the background timer writes them without another call.
    @Test func flushesPeriodically() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-io-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try SummaryWriter(logDirectory: root, flushSeconds: 0.2)
        try writer.addScalar("loss", 1, step: 0)
        #expect(try TFRecordReader.records(at: writer.path).count == 1)
        var count = 1
        for _ in 0..<50 where count < 2 {
            try await Task.sleep(nanoseconds: 100_000_000)
            count = try TFRecordReader.records(at: writer.path).count
        }
        #expect(count == 2)
        try writer.close()
    }

    /// A writer dropped without close() writes what it buffered.
    @Test func flushesWhenDropped() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            var path = ""
            do {
                let writer = try SummaryWriter(logDirectory: root)
                path = writer.path
                try writer.addScalar("loss", 0.5, step: 7)
            }
            let events = try EventFileReader.events(at: path)
            #expect(events.count == 2 && events[1].step == 7)
        }
    }

    /// Many threads logging at once: every event arrives whole.
    @Test func isSafeFromManyThreads() async throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kiln-io-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let writer = try SummaryWriter(logDirectory: root)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for thread in 0..<8 {
                group.addTask {
                    for step in 0..<250 {
                        try writer.addScalar("thread\(thread)", Double(step), step: step)
                        if step % 50 == 0 { try writer.flush() }
                    }
                }
            }
            try await group.waitForAll()
        }
        try writer.close()
        let events = try EventFileReader.events(at: writer.path)
        #expect(events.count == 1 + 8 * 250)
        for thread in 0..<8 {
            let steps = events.filter { $0.values.first?.tag == "thread\(thread)" }.map(\.step)
            #expect(steps == Array(0..<250))
        }
    }

    @Test func unwritableLogDirectoryIsAFileError() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            try TestFiles.write([1, 2, 3], to: root + "/file")
            let error = #expect(throws: FileError.self) { try SummaryWriter(logDirectory: root + "/file/run") }
            #expect(error?.path == root + "/file")
            #expect(error?.description.contains("not a directory") == true)
        }
    }

    /// A failed write (a full disk: /dev/full) is a FileError with the system's reason, and the
    /// bytes not written stay for the next try.
    @Test func failedWriteKeepsTheBytes() throws {
        let fd = open("/dev/full", O_WRONLY | O_CLOEXEC)
        try #require(fd >= 0)
        let output = EventFileOutput(descriptor: fd, path: "/dev/full")
        var pending: [UInt8] = TFRecordWriter.frame([1, 2, 3])
        let before = pending
        let error = #expect(throws: FileError.self) { try output.write(&pending) }
        #expect(error?.code == ENOSPC)
        #expect(error?.description == "cannot write /dev/full: No space left on device")
        #expect(pending == before)
    }

    @Test func nonFiniteHistogramThrowsAndLogsNothing() throws {
        try TensorBoardFixtures.withTemporaryDirectory { root in
            let writer = try SummaryWriter(logDirectory: root)
            let error = #expect(throws: SummaryWriterError.self) {
                try writer.addHistogram("w", values: Tensor([Float]([1, .nan, 2]), shape: [3]), step: 0)
            }
            #expect(error?.kind == .nonFiniteValues)
            try writer.addScalar("after", 1, step: 1)
            try writer.close()
            #expect(try EventFileReader.events(at: writer.path).map(\.values.first?.tag) == [nil, "after"])
        }
    }
}
