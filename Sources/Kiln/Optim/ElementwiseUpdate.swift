#if arch(x86_64)
import _Builtin_intrinsics.intel
#endif

/// One optimizer's update of one parameter, element by element: it reads the gradient and updates
/// the parameter and up to three state tensors in place, in a single pass with no temporaries.
/// `apply` gets one SIMD vector of elements at a time (the driver pads the last, partial one), so
/// the formula is written once and runs vectorised, square roots included.
protocol ElementwiseUpdate {
    func apply<T: UpdateElement>(_ x: inout UpdateLanes<T>)
}

/// The elements optimizers compute in directly, with their SIMD vector type.
protocol UpdateElement: FloatElement, SIMDScalar, Codable {
    associatedtype Vector: SIMD where Vector.Scalar == Self
    /// Lane-wise square roots, in vector instructions (Swift's scalar `squareRoot()` goes through
    /// the C library on Linux, which keeps loops from vectorising).
    static func squareRoots(_ x: Vector) -> Vector
}

extension Float: UpdateElement {
    typealias Vector = SIMD8<Float>
    @inline(__always) static func squareRoots(_ x: SIMD8<Float>) -> SIMD8<Float> {
        #if arch(x86_64)
        SIMD8(lowHalf: _mm_sqrt_ps(x.lowHalf), highHalf: _mm_sqrt_ps(x.highHalf))
        #else
        laneSquareRoots(x)
        #endif
    }
}

extension Double: UpdateElement {
    typealias Vector = SIMD4<Double>
    @inline(__always) static func squareRoots(_ x: SIMD4<Double>) -> SIMD4<Double> {
        #if arch(x86_64)
        SIMD4(lowHalf: _mm_sqrt_pd(x.lowHalf), highHalf: _mm_sqrt_pd(x.highHalf))
        #else
        laneSquareRoots(x)
        #endif
    }
}

@inline(__always)
private func laneSquareRoots<V: SIMD>(_ x: V) -> V where V.Scalar: FloatingPoint {
    var r = x
    for i in r.indices { r[i] = x[i].squareRoot() }
    return r
}

/// One vector of a parameter, its gradient and its state tensors (zeros where a state is unused);
/// `apply` updates `parameter` and the states in place.
struct UpdateLanes<T: UpdateElement> {
    var parameter: T.Vector
    let gradient: T.Vector
    var state0: T.Vector
    var state1: T.Vector
    var state2: T.Vector
}

/// Fewest elements worth a thread of their own in an update (a few tens of microseconds).
let updateGrain = 32_768

/// PyTorch's `lerp`: `start + weight · (end − start)`, computed from the nearer end.
@inline(__always)
func lerp<V: SIMD>(_ start: V, _ end: V, _ weight: V.Scalar) -> V where V.Scalar: BinaryFloatingPoint {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

/// Lane-wise larger values, NaN where either is NaN (as `torch.maximum`).
@inline(__always)
func maximumPropagatingNaN<V: SIMD>(_ a: V, _ b: V) -> V where V.Scalar: FloatingPoint {
    a.replacing(with: b, where: .!(a .> b) .& (a .== a))
}

/// The larger of two values, NaN if either is.
@inline(__always)
func maximumPropagatingNaN<T: FloatingPoint>(_ a: T, _ b: T) -> T {
    (a > b || a.isNaN) ? a : b
}

/// Element pointers of a parameter, its gradient and its state tensors (nil where unused).
private struct UpdatePointers<T> {
    let parameter: UnsafeMutablePointer<T>
    let gradient: UnsafePointer<T>
    let state0: UnsafeMutablePointer<T>?
    let state1: UnsafeMutablePointer<T>?
    let state2: UnsafeMutablePointer<T>?
}

extension Optimizer {
    /// Runs `update` over `parameter` with its contiguous `gradient` (same dtype) and state
    /// tensors, in place. float32 and float64 run directly on the elements; other floating types go
    /// through float32 copies that are written back.
    func update<U: ElementwiseUpdate>(_ parameter: Parameter, gradient: Tensor, _ update: U,
                                      _ s0: Tensor? = nil, _ s1: Tensor? = nil, _ s2: Tensor? = nil) {
        switch parameter.dtype {
        case .float32: run(update, parameter, gradient, s0, s1, s2, as: Float.self)
        case .float64: run(update, parameter, gradient, s0, s1, s2, as: Double.self)
        default:
            require(parameter.dtype.isFloatingPoint, "\(typeName).step: cannot update a \(parameter.dtype) parameter")
            let p32 = Parameter(parameter.value.detach().cast(to: .float32), requiresGrad: false)
            let states = [s0, s1, s2].map { $0?.cast(to: .float32) }
            run(update, p32, gradient.cast(to: .float32), states[0], states[1], states[2], as: Float.self)
            parameter.dtype.visit(OverwriteParameter(parameter: parameter, source: p32.value.cast(to: parameter.dtype)))
            for (target, source) in zip([s0, s1, s2], states) {
                if let target, let source { overwrite(target, with: source.cast(to: target.dtype)) }
            }
        }
    }

    private func run<U: ElementwiseUpdate, T: UpdateElement>(
        _ update: U, _ parameter: Parameter, _ gradient: Tensor,
        _ s0: Tensor?, _ s1: Tensor?, _ s2: Tensor?, as _: T.Type
    ) {
        require(gradient.dtype == parameter.dtype && gradient.isContiguous && gradient.shape == parameter.shape,
                "\(typeName).step: gradient must be contiguous \(parameter.dtype) of shape \(parameter.shape)")
        withExtendedLifetime((gradient, s0, s1, s2)) {
            parameter.withUnsafeMutableValues(as: T.self) { values in
                let pointers = UpdatePointers(
                    parameter: values.baseAddress!, gradient: UnsafePointer(gradient.pointer(as: T.self)),
                    state0: s0?.pointer(as: T.self), state1: s1?.pointer(as: T.self), state2: s2?.pointer(as: T.self))
                ThreadPool.parallelFor(values.count, grain: updateGrain) { range in
                    applyVectorised(update, pointers, range)
                }
            }
        }
    }
}

/// Runs `update` over `range` one vector at a time; the last, partial vector is padded with zeros
/// and only its real lanes are written back.
private func applyVectorised<U: ElementwiseUpdate, T: UpdateElement>(
    _ update: U, _ p: UpdatePointers<T>, _ range: Range<Int>
) {
    let width = T.Vector.scalarCount
    @inline(__always) func load(_ base: UnsafePointer<T>?, _ i: Int) -> T.Vector {
        guard let base else { return T.Vector() }
        return UnsafeRawPointer(base + i).loadUnaligned(as: T.Vector.self)
    }
    @inline(__always) func store(_ v: T.Vector, _ base: UnsafeMutablePointer<T>?, _ i: Int) {
        guard let base else { return }
        UnsafeMutableRawPointer(base + i).storeBytes(of: v, as: T.Vector.self)
    }
    var i = range.lowerBound
    while i + width <= range.upperBound {
        var x = UpdateLanes<T>(parameter: load(p.parameter, i), gradient: load(p.gradient, i),
                               state0: load(p.state0, i), state1: load(p.state1, i), state2: load(p.state2, i))
        update.apply(&x)
        store(x.parameter, p.parameter, i)
        store(x.state0, p.state0, i)
        store(x.state1, p.state1, i)
        store(x.state2, p.state2, i)
        i += width
    }
    let rest = range.upperBound - i
    guard rest > 0 else { return }
    @inline(__always) func loadPart(_ base: UnsafePointer<T>?) -> T.Vector {
        var v = T.Vector()
        if let base { for k in 0..<rest { v[k] = base[i + k] } }
        return v
    }
    @inline(__always) func storePart(_ v: T.Vector, _ base: UnsafeMutablePointer<T>?) {
        if let base { for k in 0..<rest { base[i + k] = v[k] } }
    }
    var x = UpdateLanes<T>(parameter: loadPart(p.parameter), gradient: loadPart(p.gradient),
                           state0: loadPart(p.state0), state1: loadPart(p.state1), state2: loadPart(p.state2))
    update.apply(&x)
    storePart(x.parameter, p.parameter)
    storePart(x.state0, p.state0)
    storePart(x.state1, p.state1)
    storePart(x.state2, p.state2)
}

extension Optimizer {
    /// Copies the elements of `source` (same dtype and count, contiguous) into `target`'s storage.
    fileprivate func overwrite(_ target: Tensor, with source: Tensor) {
        require(target.isContiguous && source.isContiguous && target.dtype == source.dtype && target.count == source.count,
                "\(typeName).step: state tensor layout changed")
        (target.storage.data + target.offset * target.dtype.byteSize)
            .copyMemory(from: source.storage.data + source.offset * source.dtype.byteSize,
                        byteCount: source.count * source.dtype.byteSize)
    }
}

/// Writes `source` (the parameter's dtype and shape, contiguous) over the parameter's elements.
private struct OverwriteParameter: ElementVisitor {
    let parameter: Parameter
    let source: Tensor
    func visit<T: TensorElement>(_: T.Type) {
        let from = source.contiguous()
        withExtendedLifetime(from) {
            parameter.withUnsafeMutableValues(as: T.self) { values in
                guard let base = values.baseAddress else { return }
                base.update(from: from.pointer(as: T.self), count: values.count)
            }
        }
    }
}
