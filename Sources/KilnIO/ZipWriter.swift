/// Writes a zip archive member by member to a sink (an `.npz` file): local header, data, and at
/// the end the central directory. Sizes and CRCs are known before each member is written, so no
/// data descriptors are needed and the sink never seeks. Zip64 records are added where a size,
/// an offset or the entry count passes the classic format's limits (`forceZip64` adds them always,
/// to test readers). The modification time is fixed at 1980-01-01 00:00, so the same arrays give
/// the same bytes.
struct ZipWriter {
    private struct Written {
        let name: [UInt8]
        let method: UInt16
        let crc32: UInt32
        let compressedSize: Int
        let uncompressedSize: Int
        let localHeaderOffset: Int
        let zip64: Bool
    }

    private let forceZip64: Bool
    private var written: [Written] = []
    /// Bytes written so far (the next member's offset).
    private(set) var offset = 0

    init(forceZip64: Bool = false) {
        self.forceZip64 = forceZip64
    }

    private static let limit32 = 0xFFFF_FFFF
    /// DOS date 1980-01-01 (year 0, month 1, day 1); time 00:00:00.
    private static let dosDate: UInt16 = (1 << 5) | 1

    /// The local header of the next member, recorded for the directory: the caller writes it,
    /// then the member's `compressedSize` bytes (the contents themselves when `method` is 0,
    /// stored; their raw deflate stream when it is 8). `crc32` and `uncompressedSize` are the
    /// contents'.
    mutating func localHeader(name: String, method: UInt16, crc32: UInt32, compressedSize: Int,
                              uncompressedSize: Int) -> [UInt8] {
        let nameBytes = Array(name.utf8)
        let zip64 = forceZip64 || compressedSize >= Self.limit32 || uncompressedSize >= Self.limit32
        var header: [UInt8] = []
        header.le32(0x0403_4B50)
        header.le16(zip64 ? 45 : 20)
        header.le16(Self.flags(nameBytes))
        header.le16(method)
        header.le16(0)
        header.le16(Self.dosDate)
        header.le32(crc32)
        header.le32(zip64 ? UInt32.max : UInt32(compressedSize))
        header.le32(zip64 ? UInt32.max : UInt32(uncompressedSize))
        header.le16(UInt16(nameBytes.count))
        header.le16(zip64 ? 20 : 0)
        header.append(contentsOf: nameBytes)
        if zip64 {
            header.le16(0x0001)
            header.le16(16)
            header.le64(UInt64(uncompressedSize))
            header.le64(UInt64(compressedSize))
        }
        written.append(Written(name: nameBytes, method: method, crc32: crc32, compressedSize: compressedSize,
                               uncompressedSize: uncompressedSize, localHeaderOffset: offset, zip64: zip64))
        offset += header.count + compressedSize
        return header
    }

    /// The central directory and end records, to write after the last member.
    func directory() -> [UInt8] {
        var out: [UInt8] = []
        let directoryOffset = offset
        for entry in written {
            let bigOffset = forceZip64 || entry.localHeaderOffset >= Self.limit32
            var extra: [UInt8] = []
            if entry.zip64 || bigOffset {
                var values: [UInt64] = []
                if entry.zip64 {
                    values.append(UInt64(entry.uncompressedSize))
                    values.append(UInt64(entry.compressedSize))
                }
                if bigOffset { values.append(UInt64(entry.localHeaderOffset)) }
                extra.le16(0x0001)
                extra.le16(UInt16(values.count * 8))
                for v in values { extra.le64(v) }
            }
            let needs64 = entry.zip64 || bigOffset
            out.le32(0x0201_4B50)
            out.le16(needs64 ? 45 : 20)  // made by: MS-DOS attributes, spec version
            out.le16(needs64 ? 45 : 20)
            out.le16(Self.flags(entry.name))
            out.le16(entry.method)
            out.le16(0)
            out.le16(Self.dosDate)
            out.le32(entry.crc32)
            out.le32(entry.zip64 ? UInt32.max : UInt32(entry.compressedSize))
            out.le32(entry.zip64 ? UInt32.max : UInt32(entry.uncompressedSize))
            out.le16(UInt16(entry.name.count))
            out.le16(UInt16(extra.count))
            out.le16(0)  // comment
            out.le16(0)  // disk
            out.le16(0)  // internal attributes
            out.le32(0)  // external attributes
            out.le32(bigOffset ? UInt32.max : UInt32(entry.localHeaderOffset))
            out.append(contentsOf: entry.name)
            out.append(contentsOf: extra)
        }
        let directorySize = out.count
        let needs64 = forceZip64 || written.count >= 0xFFFF || directorySize >= Self.limit32
            || directoryOffset >= Self.limit32
        if needs64 {
            let recordOffset = directoryOffset + directorySize
            out.le32(0x0606_4B50)
            out.le64(44)  // size of the rest of this record
            out.le16(45)
            out.le16(45)
            out.le32(0)
            out.le32(0)
            out.le64(UInt64(written.count))
            out.le64(UInt64(written.count))
            out.le64(UInt64(directorySize))
            out.le64(UInt64(directoryOffset))
            out.le32(0x0706_4B50)
            out.le32(0)
            out.le64(UInt64(recordOffset))
            out.le32(1)
        }
        out.le32(0x0605_4B50)
        out.le16(0)
        out.le16(0)
        out.le16(needs64 ? UInt16.max : UInt16(written.count))
        out.le16(needs64 ? UInt16.max : UInt16(written.count))
        out.le32(needs64 ? UInt32.max : UInt32(directorySize))
        out.le32(needs64 ? UInt32.max : UInt32(directoryOffset))
        out.le16(0)
        return out
    }

    /// Bit 11 (the name is UTF-8) when the name is not plain ASCII.
    private static func flags(_ name: [UInt8]) -> UInt16 {
        name.allSatisfy { $0 < 0x80 } ? 0 : 1 << 11
    }
}

extension [UInt8] {
    mutating func le16(_ v: UInt16) {
        append(UInt8(truncatingIfNeeded: v))
        append(UInt8(truncatingIfNeeded: v >> 8))
    }

    mutating func le32(_ v: UInt32) {
        le16(UInt16(truncatingIfNeeded: v))
        le16(UInt16(truncatingIfNeeded: v >> 16))
    }

    mutating func le64(_ v: UInt64) {
        le32(UInt32(truncatingIfNeeded: v))
        le32(UInt32(truncatingIfNeeded: v >> 32))
    }
}
