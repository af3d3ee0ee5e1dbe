/// The decoding form of one Huffman table: a 9-bit lookup for short codes, and canonical
/// code ranges per length for codes of 10…16 bits.
struct JPEGHuffmanTable {
    static let lookupBits = 9
    /// 512 entries: code length << 8 | symbol, or 0 when the code is longer than 9 bits.
    let lookup: UnsafePointer<UInt16>
    /// Per code length 0…17: the largest code of that length, −1 when there is none.
    let maxCode: UnsafePointer<Int32>
    /// Per code length: symbol index = code + valueOffset[length].
    let valueOffset: UnsafePointer<Int32>
    let symbols: UnsafePointer<UInt8>
}

/// Storage for the eight Huffman tables a JPEG file may define (DC 0…3 and AC 0…3).
final class JPEGHuffmanTables {
    private let lookup = UnsafeMutablePointer<UInt16>.allocate(capacity: 8 * 512)
    private let maxCode = UnsafeMutablePointer<Int32>.allocate(capacity: 8 * 18)
    private let valueOffset = UnsafeMutablePointer<Int32>.allocate(capacity: 8 * 18)
    private let symbols = UnsafeMutablePointer<UInt8>.allocate(capacity: 8 * 256)
    private(set) var defined = [Bool](repeating: false, count: 8)

    deinit {
        lookup.deallocate()
        maxCode.deallocate()
        valueOffset.deallocate()
        symbols.deallocate()
    }

    /// The slot of table `id` (0…3) of class DC or AC.
    static func slot(ac: Bool, id: Int) -> Int { (ac ? 4 : 0) + id }

    func table(_ slot: Int) -> JPEGHuffmanTable {
        JPEGHuffmanTable(lookup: lookup + 512 * slot, maxCode: maxCode + 18 * slot, valueOffset: valueOffset + 18 * slot,
                         symbols: symbols + 256 * slot)
    }

    /// Builds the table in `slot` from the DHT counts of codes per length 1…16 and the symbols in
    /// code order. Returns why the table is invalid, or nil.
    func define(_ slot: Int, counts: [Int], symbols values: UnsafeRawBufferPointer) -> String? {
        let lookup = self.lookup + 512 * slot, maxCode = self.maxCode + 18 * slot
        let valueOffset = self.valueOffset + 18 * slot, symbols = self.symbols + 256 * slot
        defined[slot] = false
        lookup.update(repeating: 0, count: 512)
        for i in 0..<values.count { symbols[i] = values[i] }
        if slot < 4, let bad = values.first(where: { $0 > 15 }) {
            return "DC table symbol \(bad) is over 15"
        }
        var code = 0, k = 0
        maxCode[0] = -1
        for length in 1...16 {
            valueOffset[length] = Int32(k - code)
            for _ in 0..<counts[length - 1] {
                // As libjpeg: the codes of each length must fit in it, and all-ones is reserved.
                if code >= (1 << length) - 1 {
                    return "the code lengths overflow (more codes than \(length)-bit codes can hold)"
                }
                if length <= JPEGHuffmanTable.lookupBits {
                    let shift = JPEGHuffmanTable.lookupBits - length
                    let entry = UInt16(length << 8) | UInt16(values[k])
                    for suffix in 0..<(1 << shift) { lookup[(code << shift) | suffix] = entry }
                }
                code += 1
                k += 1
            }
            maxCode[length] = counts[length - 1] > 0 ? Int32(code - 1) : -1
            code <<= 1
        }
        maxCode[17] = Int32.max
        defined[slot] = true
        return nil
    }
}

/// Reads the entropy-coded data of a scan bit by bit: undoes 0xFF 0x00 byte stuffing and stops at
/// the next marker. Past a marker or the end of the file it supplies zero bits (as libjpeg does)
/// and counts them, so a decoder can tell that it ran out of data.
struct JPEGBitReader {
    let data: UnsafePointer<UInt8>
    let end: Int
    /// The next byte to read.
    var position: Int
    /// Unread bits, most significant first.
    var buffer: UInt64 = 0
    var bitCount = 0
    /// Zero bits appended past the data; while `bitCount` ≥ this, every bit read was real.
    var paddedBits = 0
    /// Whether reading stopped at a marker (`position` is its 0xFF).
    var atMarker = false

    init(data: UnsafePointer<UInt8>, end: Int, position: Int) {
        self.data = data
        self.end = end
        self.position = position
    }

    /// Whether bits past the end of the data were used.
    var overran: Bool { paddedBits > bitCount }

    @inline(__always)
    mutating func fill() {
        while bitCount <= 56 {
            var byte: UInt64 = 0
            if atMarker || position >= end {
                paddedBits += 8
            } else {
                let b = data[position]
                if b != 0xFF {
                    position += 1
                    byte = UInt64(b)
                } else if position + 1 < end && data[position + 1] == 0 {
                    position += 2
                    byte = 0xFF
                } else {
                    atMarker = true
                    paddedBits += 8
                }
            }
            buffer |= byte << UInt64(56 - bitCount)
            bitCount += 8
        }
    }

    /// The next `n` bits (1…16) as an unsigned number.
    @inline(__always)
    mutating func bits(_ n: Int) -> Int32 {
        if bitCount < n { fill() }
        let value = Int32(truncatingIfNeeded: buffer >> UInt64(64 - n))
        buffer <<= UInt64(n)
        bitCount -= n
        return value
    }

    /// The next `n` bits (0…15) as a signed coefficient (JPEG's "receive and extend").
    @inline(__always)
    mutating func signedBits(_ n: Int) -> Int32 {
        guard n > 0 else { return 0 }
        let value = bits(n)
        return value < Int32(1) << Int32(n - 1) ? value - (Int32(1) << Int32(n)) + 1 : value
    }

    /// The next Huffman-coded symbol, or nil when the bits are no code of `table`.
    @inline(__always)
    mutating func decode(_ table: JPEGHuffmanTable) -> Int? {
        if bitCount < 16 { fill() }
        let entry = table.lookup[Int(truncatingIfNeeded: buffer >> UInt64(64 - JPEGHuffmanTable.lookupBits))]
        if entry != 0 {
            let length = Int(entry >> 8)
            buffer <<= UInt64(length)
            bitCount -= length
            return Int(entry & 0xFF)
        }
        var length = JPEGHuffmanTable.lookupBits + 1
        while length <= 16 {
            let code = Int32(truncatingIfNeeded: buffer >> UInt64(64 - length))
            if code <= table.maxCode[length] {
                buffer <<= UInt64(length)
                bitCount -= length
                return Int(table.symbols[Int(code + table.valueOffset[length])])
            }
            length += 1
        }
        return nil
    }

    /// Drops the bits left over at the end of an interval or scan (padding to a byte boundary).
    mutating func discardBits() {
        buffer = 0
        bitCount = 0
        paddedBits = 0
    }
}
