/// Reads the members of a zip archive held in memory (an `.npz` file): the central directory at
/// the end, zip64 records when an archive or member passes 4 GiB or 65535 entries, stored and
/// deflated members, each checked against its CRC-32 and size. Every size and offset is checked
/// against the archive's bounds, so no archive can make it read outside them.
struct ZipReader {
    struct Failure: Error {
        /// The member's name, once known.
        let member: String?
        /// Where in the archive the problem is.
        let offset: Int
        let reason: String
        /// A CRC or size mismatch rather than a damaged structure.
        var isChecksum = false
    }

    struct Entry {
        let name: String
        /// 0 stored, 8 deflated.
        let method: UInt16
        let flags: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        /// Where the entry's central-directory record is (for messages).
        let directoryOffset: Int
    }

    private let bytes: UnsafeRawBufferPointer
    /// The members in directory order.
    let entries: [Entry]

    init(_ bytes: UnsafeRawBufferPointer) throws(Failure) {
        self.bytes = bytes
        let end = try Self.findEndOfDirectory(bytes)
        var count = Int(bytes.u16(end + 10))
        var directorySize = Int(bytes.u32(end + 12))
        var directoryOffset = Int(bytes.u32(end + 16))
        let disk = bytes.u16(end + 4), directoryDisk = bytes.u16(end + 6)
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // Zip64: a locator just before the end record points at the zip64 end record.
            let locator = end - 20
            guard locator >= 0, bytes.u32(locator) == 0x0706_4B50 else {
                throw Failure(member: nil, offset: end, reason: "the end record says zip64 but there is no zip64 locator before it")
            }
            guard let record = Self.checkedInt(bytes.u64(locator + 8)), record >= 0, record <= locator - 56,
                  bytes.u32(record) == 0x0606_4B50 else {
                throw Failure(member: nil, offset: locator, reason: "the zip64 locator does not point at a zip64 end record")
            }
            guard let c = Self.checkedInt(bytes.u64(record + 32)), let s = Self.checkedInt(bytes.u64(record + 40)),
                  let o = Self.checkedInt(bytes.u64(record + 48)) else {
                throw Failure(member: nil, offset: record, reason: "the zip64 end record holds sizes too large to represent")
            }
            guard bytes.u32(record + 16) == 0, bytes.u32(record + 20) == 0 else {
                throw Failure(member: nil, offset: record, reason: "a multi-disk (split) archive; Kiln reads single-file archives")
            }
            (count, directorySize, directoryOffset) = (c, s, o)
        } else if disk != 0 || directoryDisk != 0 {
            throw Failure(member: nil, offset: end, reason: "a multi-disk (split) archive; Kiln reads single-file archives")
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            throw Failure(member: nil, offset: end,
                          reason: "the central directory (\(directorySize) bytes at \(directoryOffset)) lies outside the \(bytes.count)-byte file")
        }
        // Each record takes at least 46 bytes: a count beyond that is a lie, and not worth reserving for.
        guard count <= directorySize / 46 else {
            throw Failure(member: nil, offset: end, reason: "the end record claims \(count) entries in a \(directorySize)-byte directory")
        }
        var entries: [Entry] = []
        entries.reserveCapacity(count)
        var p = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<count {
            entries.append(try Self.readDirectoryEntry(bytes, at: &p, end: directoryEnd))
        }
        self.entries = entries
    }

    /// The uncompressed bytes of `entry`, checked against the directory's CRC-32 and size. A stored
    /// member is handed to `body` in place; a deflated one after inflating.
    func withContents<R>(of entry: Entry, _ body: (UnsafeRawBufferPointer) throws -> R) throws -> R {
        let name = entry.name
        let local = entry.localHeaderOffset
        guard local <= bytes.count - 30, bytes.u32(local) == 0x0403_4B50 else {
            throw Failure(member: name, offset: local, reason: "no local file header where the directory says the member starts")
        }
        let dataStart = local + 30 + Int(bytes.u16(local + 26)) + Int(bytes.u16(local + 28))
        guard dataStart <= bytes.count, entry.compressedSize <= bytes.count - dataStart else {
            throw Failure(member: name, offset: local,
                          reason: "the member's \(entry.compressedSize) bytes run past the end of the \(bytes.count)-byte file")
        }
        let raw = UnsafeRawBufferPointer(rebasing: bytes[dataStart..<(dataStart + entry.compressedSize)])
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.uncompressedSize else {
                throw Failure(member: name, offset: entry.directoryOffset,
                              reason: "a stored member whose sizes differ (\(entry.compressedSize) and \(entry.uncompressedSize))",
                              isChecksum: true)
            }
            try check(raw, entry, at: dataStart)
            return try body(raw)
        case 8:
            let inflated: [UInt8]
            do {
                inflated = try Compression.inflate(raw, format: .raw, source: name, sizeHint: entry.uncompressedSize)
            } catch let error as CompressionError {
                throw Failure(member: name, offset: dataStart, reason: error.reason)
            }
            return try inflated.withUnsafeBytes { contents in
                try check(contents, entry, at: dataStart)
                return try body(contents)
            }
        default:
            throw Failure(member: name, offset: entry.directoryOffset,
                          reason: "compression method \(entry.method); Kiln reads stored (0) and deflated (8) members")
        }
    }

    private func check(_ contents: UnsafeRawBufferPointer, _ entry: Entry, at offset: Int) throws(Failure) {
        guard contents.count == entry.uncompressedSize else {
            throw Failure(member: entry.name, offset: offset,
                          reason: "the member holds \(contents.count) bytes, the directory says \(entry.uncompressedSize)",
                          isChecksum: true)
        }
        let crc = ZipCRC.crc32(contents)
        guard crc == entry.crc32 else {
            throw Failure(member: entry.name, offset: offset,
                          reason: "CRC-32 mismatch: the member's bytes give \(hex(crc)), the directory says \(hex(entry.crc32)) (the file is corrupt)",
                          isChecksum: true)
        }
    }

    /// The end-of-central-directory record: the last `PK\5\6` whose comment reaches the file end.
    private static func findEndOfDirectory(_ bytes: UnsafeRawBufferPointer) throws(Failure) -> Int {
        guard bytes.count >= 22 else {
            throw Failure(member: nil, offset: 0, reason: "\(bytes.count) bytes is too short for a zip archive")
        }
        var p = bytes.count - 22
        let lowest = Swift.max(0, bytes.count - 22 - 0xFFFF)
        while p >= lowest {
            if bytes.u32(p) == 0x0605_4B50 && p + 22 + Int(bytes.u16(p + 20)) == bytes.count { return p }
            p -= 1
        }
        let reason = bytes.count >= 4 && bytes.u32(0) == 0x0403_4B50
            ? "the zip archive has no end-of-directory record (it is truncated)"
            : "not a zip archive (no end-of-directory record)"
        throw Failure(member: nil, offset: bytes.count, reason: reason)
    }

    private static func readDirectoryEntry(_ bytes: UnsafeRawBufferPointer, at p: inout Int, end: Int) throws(Failure) -> Entry {
        let start = p
        guard end - p >= 46, bytes.u32(p) == 0x0201_4B50 else {
            throw Failure(member: nil, offset: p, reason: "a central directory record is missing or damaged")
        }
        let flags = bytes.u16(p + 8)
        let method = bytes.u16(p + 10)
        let crc = bytes.u32(p + 16)
        var compressed = Int(bytes.u32(p + 20))
        var uncompressed = Int(bytes.u32(p + 24))
        let nameLength = Int(bytes.u16(p + 28)), extraLength = Int(bytes.u16(p + 30)), commentLength = Int(bytes.u16(p + 32))
        var disk = Int(bytes.u16(p + 34))
        var local = Int(bytes.u32(p + 42))
        guard end - (p + 46) >= nameLength + extraLength + commentLength else {
            throw Failure(member: nil, offset: p, reason: "a central directory record runs past the directory's end")
        }
        let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[(p + 46)..<(p + 46 + nameLength)])
        // Bit 11 says UTF-8; without it the name is CP437, which agrees with ASCII (all NumPy writes).
        let name = String(decoding: nameBytes, as: UTF8.self)
        var extra = p + 46 + nameLength
        let extraEnd = extra + extraLength
        while extraEnd - extra >= 4 {
            let id = bytes.u16(extra), size = Int(bytes.u16(extra + 2))
            var field = extra + 4
            let fieldEnd = field + size
            guard fieldEnd <= extraEnd else { break }
            if id == 0x0001 {
                // Zip64: the 64-bit values of the fields that are all ones, in this order.
                func next() throws(Failure) -> Int {
                    guard fieldEnd - field >= 8, let value = checkedInt(bytes.u64(field)) else {
                        throw Failure(member: name, offset: start, reason: "a zip64 extra field is too short or holds a size too large")
                    }
                    field += 8
                    return value
                }
                if uncompressed == 0xFFFF_FFFF { uncompressed = try next() }
                if compressed == 0xFFFF_FFFF { compressed = try next() }
                if local == 0xFFFF_FFFF { local = try next() }
                if disk == 0xFFFF, fieldEnd - field >= 4 { disk = Int(bytes.u32(field)) }
            }
            extra = fieldEnd
        }
        p = extraEnd + commentLength
        if flags & 1 != 0 {
            throw Failure(member: name, offset: start, reason: "the member is encrypted")
        }
        guard disk == 0 else {
            throw Failure(member: name, offset: start, reason: "a multi-disk (split) archive; Kiln reads single-file archives")
        }
        return Entry(name: name, method: method, flags: flags, crc32: crc, compressedSize: compressed,
                     uncompressedSize: uncompressed, localHeaderOffset: local, directoryOffset: start)
    }

    private static func checkedInt(_ value: UInt64) -> Int? {
        value <= UInt64(Int.max) ? Int(value) : nil
    }
}

private func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return "0x" + String(repeating: "0", count: 8 - digits.count) + digits
}

/// The CRC-32 of zip members, in pieces zlib's 32-bit length takes.
enum ZipCRC {
    static func crc32(_ bytes: UnsafeRawBufferPointer, continuing crc: UInt32 = 0) -> UInt32 {
        var crc = crc
        var start = 0
        while start < bytes.count {
            let end = start + Swift.min(bytes.count - start, 1 << 30)
            crc = Compression.crc32(UnsafeRawBufferPointer(rebasing: bytes[start..<end]), continuing: crc)
            start = end
        }
        return crc
    }
}

extension UnsafeRawBufferPointer {
    /// Little-endian integers at byte offsets the caller has checked.
    func u16(_ offset: Int) -> UInt16 {
        UInt16(self[offset]) | UInt16(self[offset + 1]) << 8
    }

    func u32(_ offset: Int) -> UInt32 {
        UInt32(u16(offset)) | UInt32(u16(offset + 2)) << 16
    }

    func u64(_ offset: Int) -> UInt64 {
        UInt64(u32(offset)) | UInt64(u32(offset + 4)) << 32
    }
}
