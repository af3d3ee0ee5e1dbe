/// The inverse DCT of libjpeg's default "islow" method (jidctint.c: the Loeffler–Ligtenberg–
/// Moschytz algorithm in 13-bit fixed point, 2 extra bits between the passes), so decoded samples
/// equal libjpeg's and Pillow's exactly. Arithmetic is 64-bit and wrapping: corrupt coefficients
/// give wrong pixels, never a trap.
enum JPEGIDCT {
    private static let constBits = 13
    private static let pass1Bits = 2

    private static let fix0_298631336 = 2446, fix0_390180644 = 3196, fix0_541196100 = 4433
    private static let fix0_765366865 = 6270, fix0_899976223 = 7373, fix1_175875602 = 9633
    private static let fix1_501321110 = 12299, fix1_847759065 = 15137, fix1_961570560 = 16069
    private static let fix2_053119869 = 16819, fix2_562915447 = 20995, fix3_072711026 = 25172

    /// libjpeg's post-IDCT range limit, indexed by (value & 1023): adds the +128 level shift and
    /// clamps to 0…255 (with libjpeg's wrap-around for wildly out-of-range values).
    static let rangeLimit: [UInt8] = (0..<1024).map { (i: Int) -> UInt8 in
        if i < 128 { return UInt8(i + 128) }
        if i < 512 { return 255 }
        if i < 896 { return 0 }
        return UInt8(i - 896)
    }

    /// Dequantises the 64 coefficients (natural order) with `quant` and writes the 8×8 samples to
    /// `out` (rows `stride` bytes apart). `workspace` holds 64 values between the passes.
    @inline(__always)
    static func transform(_ coefficients: UnsafePointer<Int32>, quant: UnsafePointer<Int32>, workspace: UnsafeMutablePointer<Int>,
                          rangeLimit: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, stride: Int) {
        // Pass 1: columns, into the workspace scaled up by 2^pass1Bits.
        for column in 0..<8 {
            let c = coefficients + column, q = quant + column, w = workspace + column
            if c[8] == 0 && c[16] == 0 && c[24] == 0 && c[32] == 0 && c[40] == 0 && c[48] == 0 && c[56] == 0 {
                let dc = (Int(c[0]) &* Int(q[0])) &<< pass1Bits
                for row in 0..<8 { w[8 * row] = dc }
                continue
            }
            var z2 = Int(c[16]) &* Int(q[16]), z3 = Int(c[48]) &* Int(q[48])
            let z1 = (z2 &+ z3) &* fix0_541196100
            var tmp2 = z1 &+ z3 &* -fix1_847759065
            var tmp3 = z1 &+ z2 &* fix0_765366865
            z2 = Int(c[0]) &* Int(q[0])
            z3 = Int(c[32]) &* Int(q[32])
            var tmp0 = (z2 &+ z3) &<< constBits
            var tmp1 = (z2 &- z3) &<< constBits
            let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3, tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2

            tmp0 = Int(c[56]) &* Int(q[56])
            tmp1 = Int(c[40]) &* Int(q[40])
            tmp2 = Int(c[24]) &* Int(q[24])
            tmp3 = Int(c[8]) &* Int(q[8])
            odd(&tmp0, &tmp1, &tmp2, &tmp3)
            let shift = constBits - pass1Bits
            w[0] = descale(tmp10 &+ tmp3, shift)
            w[56] = descale(tmp10 &- tmp3, shift)
            w[8] = descale(tmp11 &+ tmp2, shift)
            w[48] = descale(tmp11 &- tmp2, shift)
            w[16] = descale(tmp12 &+ tmp1, shift)
            w[40] = descale(tmp12 &- tmp1, shift)
            w[24] = descale(tmp13 &+ tmp0, shift)
            w[32] = descale(tmp13 &- tmp0, shift)
        }
        // Pass 2: rows, to samples.
        let shift = constBits + pass1Bits + 3
        for row in 0..<8 {
            let w = workspace + 8 * row, o = out + row * stride
            if w[1] == 0 && w[2] == 0 && w[3] == 0 && w[4] == 0 && w[5] == 0 && w[6] == 0 && w[7] == 0 {
                let value = rangeLimit[descale(w[0], pass1Bits + 3) & 1023]
                for i in 0..<8 { o[i] = value }
                continue
            }
            var z2 = w[2], z3 = w[6]
            let z1 = (z2 &+ z3) &* fix0_541196100
            var tmp2 = z1 &+ z3 &* -fix1_847759065
            var tmp3 = z1 &+ z2 &* fix0_765366865
            z2 = w[0]
            z3 = w[4]
            var tmp0 = (z2 &+ z3) &<< constBits
            var tmp1 = (z2 &- z3) &<< constBits
            let tmp10 = tmp0 &+ tmp3, tmp13 = tmp0 &- tmp3, tmp11 = tmp1 &+ tmp2, tmp12 = tmp1 &- tmp2

            tmp0 = w[7]
            tmp1 = w[5]
            tmp2 = w[3]
            tmp3 = w[1]
            odd(&tmp0, &tmp1, &tmp2, &tmp3)
            o[0] = rangeLimit[descale(tmp10 &+ tmp3, shift) & 1023]
            o[7] = rangeLimit[descale(tmp10 &- tmp3, shift) & 1023]
            o[1] = rangeLimit[descale(tmp11 &+ tmp2, shift) & 1023]
            o[6] = rangeLimit[descale(tmp11 &- tmp2, shift) & 1023]
            o[2] = rangeLimit[descale(tmp12 &+ tmp1, shift) & 1023]
            o[5] = rangeLimit[descale(tmp12 &- tmp1, shift) & 1023]
            o[3] = rangeLimit[descale(tmp13 &+ tmp0, shift) & 1023]
            o[4] = rangeLimit[descale(tmp13 &- tmp0, shift) & 1023]
        }
    }

    /// Fills an 8×8 block whose only non-zero coefficient is DC (what both passes give for it).
    @inline(__always)
    static func transformDC(_ dc: Int32, quant: Int32, rangeLimit: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>,
                            stride: Int) {
        let value = rangeLimit[descale((Int(dc) &* Int(quant)) &<< pass1Bits, pass1Bits + 3) & 1023]
        for row in 0..<8 {
            let o = out + row * stride
            for i in 0..<8 { o[i] = value }
        }
    }

    /// The odd part: inputs are the coefficients of rows/columns 7, 5, 3, 1; outputs the four
    /// odd-part terms libjpeg names tmp0…tmp3.
    @inline(__always)
    private static func odd(_ tmp0: inout Int, _ tmp1: inout Int, _ tmp2: inout Int, _ tmp3: inout Int) {
        var z1 = tmp0 &+ tmp3, z2 = tmp1 &+ tmp2, z3 = tmp0 &+ tmp2, z4 = tmp1 &+ tmp3
        let z5 = (z3 &+ z4) &* fix1_175875602
        tmp0 = tmp0 &* fix0_298631336
        tmp1 = tmp1 &* fix2_053119869
        tmp2 = tmp2 &* fix3_072711026
        tmp3 = tmp3 &* fix1_501321110
        z1 = z1 &* -fix0_899976223
        z2 = z2 &* -fix2_562915447
        z3 = z3 &* -fix1_961570560
        z4 = z4 &* -fix0_390180644
        z3 = z3 &+ z5
        z4 = z4 &+ z5
        tmp0 = tmp0 &+ z1 &+ z3
        tmp1 = tmp1 &+ z2 &+ z4
        tmp2 = tmp2 &+ z2 &+ z3
        tmp3 = tmp3 &+ z1 &+ z4
    }

    /// Rounding right shift (libjpeg's DESCALE).
    @inline(__always)
    private static func descale(_ x: Int, _ n: Int) -> Int { (x &+ (1 &<< (n - 1))) &>> n }
}
