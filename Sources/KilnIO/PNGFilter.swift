/// The five PNG row filters (None, Sub, Up, Average, Paeth): undone in place when decoding, applied
/// when encoding. Each filtered row is a filter-type byte followed by `rowBytes` bytes; `stride`
/// is the byte distance to the corresponding byte of the previous pixel. Shared (package access)
/// by `PNGWriter` here and KilnData's PNG decoder.
package enum PNGFilter {
    /// Undoes the filters of `rows` rows stored back to back (1 + rowBytes bytes each) in place.
    /// `zeroRow` (rowBytes zero bytes) stands in for the row above the first. Returns the index of
    /// the first row with an unknown filter type and that type, or nil when all are valid.
    package static func unfilter(_ data: UnsafeMutablePointer<UInt8>, rows: Int, rowBytes: Int, stride: Int,
                         zeroRow: UnsafePointer<UInt8>) -> (row: Int, type: UInt8)? {
        var prior = zeroRow
        for r in 0..<rows {
            let filterByte = data + r * (rowBytes + 1)
            let row = filterByte + 1
            let first = Swift.min(stride, rowBytes)
            switch filterByte.pointee {
            case 0:
                break
            case 1:
                var i = stride
                while i < rowBytes { row[i] &+= row[i - stride]; i += 1 }
            case 2:
                for i in 0..<rowBytes { row[i] &+= prior[i] }
            case 3:
                for i in 0..<first { row[i] &+= prior[i] >> 1 }
                var i = stride
                while i < rowBytes {
                    row[i] &+= UInt8(truncatingIfNeeded: (Int(row[i - stride]) + Int(prior[i])) >> 1)
                    i += 1
                }
            case 4:
                for i in 0..<first { row[i] &+= prior[i] }
                var i = stride
                while i < rowBytes {
                    row[i] &+= paeth(row[i - stride], prior[i], prior[i - stride])
                    i += 1
                }
            default:
                return (r, filterByte.pointee)
            }
            prior = UnsafePointer(row)
        }
        return nil
    }

    /// The Paeth predictor: whichever of left, above and upper-left is closest to left + above − upper-left.
    @inline(__always)
    package static func paeth(_ a: UInt8, _ b: UInt8, _ c: UInt8) -> UInt8 {
        let ia = Int(a), ib = Int(b), ic = Int(c)
        let pa = abs(ib - ic), pb = abs(ia - ic), pc = abs(ia + ib - 2 * ic)
        if pa <= pb && pa <= pc { return a }
        return pb <= pc ? b : c
    }

    /// Writes `row` filtered with filter `type` (0…4) to `out` (rowBytes bytes, no type byte).
    /// `prior` is the unfiltered row above (zeros for the first row).
    package static func apply(_ type: UInt8, row: UnsafePointer<UInt8>, prior: UnsafePointer<UInt8>, rowBytes: Int, stride: Int,
                      into out: UnsafeMutablePointer<UInt8>) {
        let first = Swift.min(stride, rowBytes)
        switch type {
        case 1:
            for i in 0..<first { out[i] = row[i] }
            var i = stride
            while i < rowBytes { out[i] = row[i] &- row[i - stride]; i += 1 }
        case 2:
            for i in 0..<rowBytes { out[i] = row[i] &- prior[i] }
        case 3:
            for i in 0..<first { out[i] = row[i] &- (prior[i] >> 1) }
            var i = stride
            while i < rowBytes {
                out[i] = row[i] &- UInt8(truncatingIfNeeded: (Int(row[i - stride]) + Int(prior[i])) >> 1)
                i += 1
            }
        case 4:
            for i in 0..<first { out[i] = row[i] &- prior[i] }
            var i = stride
            while i < rowBytes { out[i] = row[i] &- paeth(row[i - stride], prior[i], prior[i - stride]); i += 1 }
        default:
            out.update(from: row, count: rowBytes)
        }
    }
}
