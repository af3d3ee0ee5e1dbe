/// The header of a `.npy` file: magic `\x93NUMPY`, version, header length, then a Python dict
/// literal `{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }` padded with spaces and a
/// newline so the data starts on a multiple of 64 bytes.
struct NumPyHeader {
    static let magic: [UInt8] = [0x93, 0x4E, 0x55, 0x4D, 0x50, 0x59]  // \x93NUMPY
    /// NumPy aligns the data to this many bytes (`ARRAY_ALIGN`).
    static let alignment = 64
    /// NumPy leaves room for the first axis to grow to this many digits (`GROWTH_AXIS_MAX_DIGITS`).
    static let growthDigits = 21

    let descr: String
    let fortranOrder: Bool
    let shape: [Int]
    /// Where the array data starts (the header's end).
    let dataStart: Int

    /// Reads the header at the start of `bytes`; errors name `file`.
    init(parsing bytes: UnsafeRawBufferPointer, file: String) throws(NumPyError) {
        guard bytes.count >= 8 else {
            if !bytes.elementsEqual(Self.magic.prefix(bytes.count)) {
                throw NumPyError(.badMagic, file: file, offset: 0, "not a .npy file: it does not start with \\x93NUMPY")
            }
            throw NumPyError(.truncatedHeader, file: file, offset: bytes.count,
                             "the file ends after \(bytes.count) bytes, inside the 8-byte magic and version")
        }
        guard bytes.prefix(6).elementsEqual(Self.magic) else {
            throw NumPyError(.badMagic, file: file, offset: 0, "not a .npy file: it does not start with \\x93NUMPY")
        }
        let major = bytes[6], minor = bytes[7]
        let lengthSize: Int
        switch (major, minor) {
        case (1, 0): lengthSize = 2
        case (2, 0), (3, 0): lengthSize = 4
        default:
            throw NumPyError(.unsupportedVersion, file: file, offset: 6,
                             "format version \(major).\(minor); Kiln reads versions 1.0, 2.0 and 3.0")
        }
        guard bytes.count >= 8 + lengthSize else {
            throw NumPyError(.truncatedHeader, file: file, offset: bytes.count,
                             "the file ends after \(bytes.count) bytes, inside the header length")
        }
        var headerLength = 0
        for i in 0..<lengthSize { headerLength |= Int(bytes[8 + i]) << (8 * i) }
        let headerStart = 8 + lengthSize
        guard bytes.count - headerStart >= headerLength else {
            throw NumPyError(.truncatedHeader, file: file, offset: bytes.count,
                             "the header is \(headerLength) bytes long but the file ends \(bytes.count - headerStart) bytes into it")
        }
        let text = UnsafeRawBufferPointer(rebasing: bytes[headerStart..<(headerStart + headerLength)])
        // Versions 1 and 2 are latin-1, version 3 UTF-8; the fields Kiln reads are ASCII either way.
        var parser = PythonLiteralParser(text, base: headerStart)
        let dict: [(key: String, value: PythonLiteral)]
        do {
            dict = try parser.parseHeaderDict()
        } catch {
            throw NumPyError(.invalidHeader, file: file, offset: error.offset,
                             "the header is not a Python dict literal: \(error.reason)")
        }
        func field(_ key: String) throws(NumPyError) -> PythonLiteral {
            guard let value = dict.first(where: { $0.key == key })?.value else {
                throw NumPyError(.invalidHeader, file: file, offset: headerStart, "the header has no '\(key)' key")
            }
            return value
        }
        let keys = dict.map(\.key).sorted()
        guard keys == ["descr", "fortran_order", "shape"] else {
            throw NumPyError(.invalidHeader, file: file, offset: headerStart,
                             "the header's keys are \(keys); a .npy header has exactly 'descr', 'fortran_order' and 'shape'")
        }
        guard case .bool(let fortranOrder) = try field("fortran_order") else {
            throw NumPyError(.invalidHeader, file: file, offset: headerStart, "'fortran_order' is not True or False")
        }
        guard case .tuple(let items) = try field("shape") else {
            throw NumPyError(.invalidHeader, file: file, offset: headerStart, "'shape' is not a tuple")
        }
        var shape: [Int] = []
        for item in items {
            guard case .integer(let size) = item else {
                throw NumPyError(.invalidHeader, file: file, offset: headerStart, "'shape' holds something other than integers")
            }
            guard let size else {
                throw NumPyError(.overflow, file: file, offset: headerStart, "a size in 'shape' is too large to represent")
            }
            guard size >= 0 else {
                throw NumPyError(.invalidHeader, file: file, offset: headerStart, "'shape' has the negative size \(size)")
            }
            shape.append(size)
        }
        switch try field("descr") {
        case .string(let descr):
            self.descr = descr
        case .list:
            throw NumPyError(.unsupportedDType, file: file, offset: headerStart,
                             "the array has a structured dtype (a list of fields); Kiln reads plain numeric arrays")
        default:
            throw NumPyError(.invalidHeader, file: file, offset: headerStart, "'descr' is not a string")
        }
        self.fortranOrder = fortranOrder
        self.shape = shape
        self.dataStart = headerStart + headerLength
    }

    /// The bytes `np.save` writes before the data of a C-order array of `descr` and `shape`: the
    /// sorted-key dict, room for the first axis to grow, spaces and a newline up to a multiple of
    /// 64 bytes; version 1.0 unless the header needs more than 65535 bytes.
    static func encode(descr: String, shape: [Int]) -> [UInt8] {
        let shapeText: String = switch shape.count {
        case 0: "()"
        case 1: "(\(shape[0]),)"
        default: "(" + shape.map(String.init).joined(separator: ", ") + ")"
        }
        var dict = "{'descr': '\(descr)', 'fortran_order': False, 'shape': \(shapeText), }"
        if let first = shape.first {
            dict += String(repeating: " ", count: max(0, growthDigits - String(first).count))
        }
        var header = Array(dict.utf8)
        var lengthSize = 2
        var padding = alignment - (magic.count + 2 + 2 + header.count + 1) % alignment
        if header.count + 1 + padding > Int(UInt16.max) {
            lengthSize = 4
            padding = alignment - (magic.count + 2 + 4 + header.count + 1) % alignment
        }
        header.append(contentsOf: repeatElement(UInt8(ascii: " "), count: padding))
        header.append(UInt8(ascii: "\n"))
        var out = magic
        out.reserveCapacity(magic.count + 2 + lengthSize + header.count)
        out.append(lengthSize == 2 ? 1 : 2)
        out.append(0)
        for i in 0..<lengthSize { out.append(UInt8(truncatingIfNeeded: header.count >> (8 * i))) }
        out.append(contentsOf: header)
        return out
    }
}
