/// One optimizer's update of one parameter, element by element: it reads the gradient and updates
/// the parameter and up to three state tensors in place, in a single pass with no temporaries.
/// `apply` gets a range of elements, so large parameters are split across threads.
protocol ElementwiseUpdate {
    func apply<T: FloatElement>(_ slots: UpdateSlots<T>, _ range: Range<Int>)
}

/// Element pointers of a parameter, its gradient and its state tensors (nil where unused).
struct UpdateSlots<T> {
    let parameter: UnsafeMutablePointer<T>
    let gradient: UnsafePointer<T>
    let state0: UnsafeMutablePointer<T>?
    let state1: UnsafeMutablePointer<T>?
    let state2: UnsafeMutablePointer<T>?
}

/// Fewest elements worth a thread of their own in an update (a few tens of microseconds).
let updateGrain = 32_768

/// PyTorch's `lerp`: `start + weight * (end - start)`, computed from the nearer end.
@inline(__always)
func lerp<T: BinaryFloatingPoint>(_ start: T, _ end: T, _ weight: T) -> T {
    Swift.abs(weight) < 0.5 ? start + weight * (end - start) : end - (end - start) * (1 - weight)
}

/// The larger of two values, NaN if either is (as `torch.maximum`).
@inline(__always)
func maximumPropagatingNaN<T: BinaryFloatingPoint>(_ a: T, _ b: T) -> T {
    (a > b || a.isNaN) ? a : b
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

    private func run<U: ElementwiseUpdate, T: FloatElement>(
        _ update: U, _ parameter: Parameter, _ gradient: Tensor,
        _ s0: Tensor?, _ s1: Tensor?, _ s2: Tensor?, as _: T.Type
    ) {
        require(gradient.dtype == parameter.dtype && gradient.isContiguous && gradient.shape == parameter.shape,
                "\(typeName).step: gradient must be contiguous \(parameter.dtype) of shape \(parameter.shape)")
        withExtendedLifetime((gradient, s0, s1, s2)) {
            parameter.withUnsafeMutableValues(as: T.self) { values in
                let slots = UpdateSlots(parameter: values.baseAddress!, gradient: UnsafePointer(gradient.pointer(as: T.self)),
                                        state0: s0?.pointer(as: T.self), state1: s1?.pointer(as: T.self),
                                        state2: s2?.pointer(as: T.self))
                ThreadPool.parallelFor(values.count, grain: updateGrain) { range in update.apply(slots, range) }
            }
        }
    }

    /// Copies the elements of `source` (same dtype and count, contiguous) into `target`'s storage.
    private func overwrite(_ target: Tensor, with source: Tensor) {
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
