/// Transcendental functions on eight floats at once, so elementwise kernels built on them
/// (exp, sigmoid, silu, softmax) vectorise like the arithmetic ones instead of calling libm once
/// per element. Plain multiplies and adds only (no `fma`: see the performance rules), so the code
/// runs at full speed on baseline x86-64.
enum VectorMath {
    typealias V = SIMD8<Float>

    /// eˣ for each lane, within 2 ulp of the correctly rounded result (tested over the whole
    /// range, subnormal results included); overflow gives +∞, NaN stays NaN.
    ///
    /// The method is Cephes' `expf`: x = n·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split in
    /// a short high part, so n·ln2Hi is exact), a degree-6 polynomial for eʳ, and 2ⁿ built from
    /// exponent bits — as two factors, so results down to the smallest subnormal come out right.
    @inline(__always)
    static func exp(_ x: V) -> V {
        let high = V(repeating: 88.72283935546875), low = V(repeating: -103.97208404541015625)
        // Selects rather than `clamped`, whose generic min/max are not inlined.
        var v = x
        v.replace(with: high, where: x .> high)
        v.replace(with: low, where: x .< low)
        // Adding 1.5·2²³ rounds to an integer and leaves it in the low mantissa bits.
        let shifter = V(repeating: 12_582_912)
        let t = v * V(repeating: 1.44269504088896341) + shifter
        let n = t - shifter
        let r = v - n * V(repeating: 0.693359375) - n * V(repeating: -2.12194440e-4)
        var p = V(repeating: 1.9875691500e-4)
        p = p * r + V(repeating: 1.3981999507e-3)
        p = p * r + V(repeating: 8.3334519073e-3)
        p = p * r + V(repeating: 4.1665795894e-2)
        p = p * r + V(repeating: 1.6666665459e-1)
        p = p * r + V(repeating: 5.0000001201e-1)
        p = p * (r * r) + r + V(repeating: 1)
        let k = SIMD8<Int32>(truncatingIfNeeded: unsafeBitCast(t, to: SIMD8<UInt32>.self) &- 0x4B40_0000)
        let k1 = k &>> 1, k2 = k &- k1
        let scale1 = unsafeBitCast((k1 &+ 127) &<< 23, to: V.self)
        let scale2 = unsafeBitCast((k2 &+ 127) &<< 23, to: V.self)
        var result = p * scale1 * scale2
        result.replace(with: .infinity, where: x .> high)
        result.replace(with: 0, where: x .< low)
        result.replace(with: x, where: x .!= x)
        return result
    }

    /// 1 / (1 + e⁻ˣ).
    @inline(__always)
    static func sigmoid(_ x: V) -> V { 1 / (1 + exp(-x)) }

    /// Applies `f` to `count` contiguous floats, eight at a time (the tail through a padded
    /// vector, so every element gets the same function wherever it sits).
    @inline(__always)
    static func apply(_ source: UnsafePointer<Float>, _ target: UnsafeMutablePointer<Float>, count: Int, _ f: (V) -> V) {
        let from = UnsafeRawPointer(source), to = UnsafeMutableRawPointer(target)
        var i = 0
        // Four independent vectors per step: a polynomial is a chain of dependent multiply-adds,
        // and interleaving chains keeps the floating-point units busy while each one waits.
        while i + 32 <= count {
            let y0 = f(from.loadUnaligned(fromByteOffset: i * 4, as: V.self))
            let y1 = f(from.loadUnaligned(fromByteOffset: i * 4 + 32, as: V.self))
            let y2 = f(from.loadUnaligned(fromByteOffset: i * 4 + 64, as: V.self))
            let y3 = f(from.loadUnaligned(fromByteOffset: i * 4 + 96, as: V.self))
            to.storeBytes(of: y0, toByteOffset: i * 4, as: V.self)
            to.storeBytes(of: y1, toByteOffset: i * 4 + 32, as: V.self)
            to.storeBytes(of: y2, toByteOffset: i * 4 + 64, as: V.self)
            to.storeBytes(of: y3, toByteOffset: i * 4 + 96, as: V.self)
            i += 32
        }
        while i + 8 <= count {
            to.storeBytes(of: f(from.loadUnaligned(fromByteOffset: i * 4, as: V.self)), toByteOffset: i * 4, as: V.self)
            i += 8
        }
        if i < count {
            var tail = V()
            for j in 0..<(count - i) { tail[j] = source[i + j] }
            let y = f(tail)
            for j in 0..<(count - i) { target[i + j] = y[j] }
        }
    }
}
