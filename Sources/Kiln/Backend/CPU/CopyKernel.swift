/// Strided copy between tensors of one dtype and shape: the primitive behind `contiguous` writes
/// into views (slice gradients, concatenation, scatter targets).
enum CopyKernel {
    /// Copies `source` element by element into the (possibly strided) view `destination`.
    static func copy(_ source: Tensor, into destination: Tensor) {
        require(source.shape == destination.shape && source.dtype == destination.dtype,
                "copy: source \(source.shape) \(source.dtype) does not match destination \(destination.shape) \(destination.dtype)")
        switch source.dtype.byteSize {
        case 1: run(source, destination, UInt8.self)
        case 2: run(source, destination, UInt16.self)
        case 4: run(source, destination, UInt32.self)
        default: run(source, destination, UInt64.self)
        }
    }

    private static func run<T>(_ source: Tensor, _ destination: Tensor, _: T.Type) {
        if source.count == 0 { return }
        let pd = destination.pointer(as: T.self), ps = source.pointer(as: T.self)
        StridedLoop(shape: source.shape, strides: [destination.strides, source.strides]).forEachRun {
            o0, o1, _, n, s0, s1, _ in
            let d = pd + o0, s = ps + o1
            if s0 == 1 && s1 == 1 {
                d.update(from: s, count: n)
            } else {
                for i in 0..<n { d[i * s0] = s[i * s1] }
            }
        }
    }
}
