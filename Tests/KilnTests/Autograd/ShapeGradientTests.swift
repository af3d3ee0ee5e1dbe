import Testing
@testable import Kiln

// Views and movement ops: their backward passes put each gradient element back where the view
// read it from (or sum it, for expand). A following `sin` makes the check sensitive to which
// element lands where, not only to the total.

@Suite("View and movement gradients")
struct ShapeGradientTests {
    let x2 = normal64([3, 5], seed: 61)
    let x3 = normal64([2, 3, 4], seed: 62)

    @Test("reshaped and view, including a copying reshape of a transposed input")
    func reshape() {
        checkGradients("reshaped [3,5] -> [5,3]", at: x2) { sin($0.reshaped([5, 3])) }
        checkGradients("reshaped [-1]", at: x3) { sin($0.reshaped([-1])) }
        checkGradients("view [6, -1]", at: x3) { sin($0.view([6, -1])) }
        // The transposed input cannot be viewed as [15]: reshape copies, and the gradient must
        // still land in transposed order.
        #expect(x2.mT.viewStrides(for: [15]) == nil)
        checkGradients("reshaped of x.mT (copies)", at: x2) { sin($0.mT.reshaped([15])) * Tensor.arange(0, 15, dtype: .float64) }
        checkGradients("reshaped of a permuted 3-D input", at: x3) { sin($0.permuted([2, 0, 1]).reshaped([4, 6])) }
        // A non-contiguous input that can still be viewed without a copy (merge of sliced axes).
        checkGradients("reshaped of a row slice (view)", at: x3) { sin($0[.all, 1..<3].reshaped([2, 8])) }
    }

    @Test("flattened")
    func flatten() {
        checkGradients("flattened()", at: x3) { sin($0.flattened()) }
        checkGradients("flattened(startAxis: 1)", at: x3) { sin($0.flattened(startAxis: 1)) }
        checkGradients("flattened(startAxis: 0, endAxis: 1)", at: x3) { sin($0.flattened(startAxis: 0, endAxis: 1)) }
        checkGradients("flattened of a transposed input", at: x3) { sin($0.transposed(0, 2).flattened(startAxis: 1)) }
        checkGradients("flattened 0-d", at: Tensor(1.5, dtype: .float64)) { sin($0.flattened()) }
    }

    @Test("permuted, transposed, mT")
    func permute() {
        checkGradients("permuted [2, 0, 1]", at: x3) { sin($0.permuted([2, 0, 1])) * normal64([4, 2, 3], seed: 63) }
        checkGradients("permuted [-1, 0, 1]", at: x3) { sin($0.permuted([-1, 0, 1])) }
        checkGradients("transposed(0, 2)", at: x3) { sin($0.transposed(0, 2)) }
        checkGradients("transposed()", at: x2) { sin($0.transposed()) }
        checkGradients("mT of mT", at: x3) { sin($0.mT.mT) }
        checkGradients("transposed 1-D (identity)", at: normal64([4], seed: 64)) { sin($0.transposed()) }
    }

    @Test("squeezed and unsqueezed")
    func squeeze() {
        let x = normal64([3, 1, 4, 1], seed: 65)
        checkGradients("squeezed()", at: x) { sin($0.squeezed()) }
        checkGradients("squeezed(axis: 1)", at: x) { sin($0.squeezed(axis: 1)) }
        checkGradients("squeezed(axis: -1)", at: x) { sin($0.squeezed(axis: -1)) }
        checkGradients("squeezed(axis: 0) (size 3: no-op)", at: x) { sin($0.squeezed(axis: 0)) }
        checkGradients("unsqueezed(axis: 0)", at: x2) { sin($0.unsqueezed(axis: 0)) }
        checkGradients("unsqueezed(axis: 1)", at: x2) { sin($0.unsqueezed(axis: 1)) }
        checkGradients("unsqueezed(axis: -1)", at: x2) { sin($0.unsqueezed(axis: -1)) }
        checkGradients("unsqueezed of a transposed input", at: x2) { sin($0.mT.unsqueezed(axis: 1)) * normal64([5, 1, 3], seed: 66) }
    }

    @Test("expanded and broadcast(to:)")
    func expand() {
        checkGradients("expanded [3,1] -> [2,3,4]", at: normal64([3, 1], seed: 67)) { sin($0.expanded(to: [2, 3, 4])) }
        checkGradients("expanded with -1", at: normal64([1, 4], seed: 68)) { sin($0.expanded(to: [3, -1])) }
        checkGradients("expanded 0-d", at: Tensor(0.7, dtype: .float64)) { sin($0.expanded(to: [2, 3])) }
        checkGradients("broadcast(to:)", at: normal64([4], seed: 69)) { sin($0.broadcast(to: [2, 3, 4])) }
        checkGradients("expanded then reshaped (copies)", at: normal64([3, 1], seed: 70)) { sin($0.expanded(to: [3, 4]).reshaped([12])) }
    }

    @Test("strided and integer subscripts")
    func subscripts() {
        checkGradients("x[.all, .stride(0..<5, by: 2)]", at: x2) { sin($0[.all, .stride(0..<5, by: 2)]) }
        checkGradients("x[1]", at: x2) { sin($0[1]) }
        checkGradients("x[-1]", at: x2) { sin($0[-1]) }
        checkGradients("x[.all, -2]", at: x2) { sin($0[.all, -2]) }
        checkGradients("x[.ellipsis, 0]", at: x3) { sin($0[.ellipsis, 0]) }
        checkGradients("x[.ellipsis, -1, .all]", at: x3) { sin($0[.ellipsis, -1, .all]) }
        checkGradients("x[1..<3]", at: x2) { sin($0[1..<3]) }
        checkGradients("x[1...2, ..<3]", at: x2) { sin($0[1...2, ..<3]) }
        checkGradients("x[.all, 2...]", at: x2) { sin($0[.all, 2...]) }
        checkGradients("x[.range(start: -3, end: nil, step: 2)]", at: x3) { sin($0[.all, .all, .range(start: -3, end: nil, step: 2)]) }
        checkGradients("x[.newAxis, .all, 0]", at: x2) { sin($0[.newAxis, .all, 0]) }
        checkGradients("x[1, .stride(1..<3, by: 2), .newAxis]", at: x3) { sin($0[1, .stride(1..<3, by: 2), .newAxis]) }
        checkGradients("slice(axis: 1, start: 1, end: 5, step: 3)", at: x2) { sin($0.slice(axis: 1, start: 1, end: 5, step: 3)) }
        checkGradients("select(axis: -1, index: 2)", at: x3) { sin($0.select(axis: -1, index: 2)) }
        // Overlapping views of one input accumulate.
        checkGradients("x[0] + x[1] + x[-1]", at: x2) { sin($0[0]) + $0[1] * $0[-1] }
        // A view of a view of a transposed input.
        checkGradients("x.mT[.stride(0..<5, by: 2)][.all, 1]", at: x2) { sin($0.mT[.stride(0..<5, by: 2)][.all, 1]) }
    }

    @Test("contiguous")
    func contiguous() {
        checkGradients("contiguous of x.mT", at: x2) { sin($0.mT.contiguous()) }
        checkGradients("contiguous of a strided slice", at: x3) { sin($0[.all, .all, .stride(0..<4, by: 2)].contiguous()) }
        checkGradients("contiguous of a contiguous input", at: x2) { sin($0.contiguous()) }
    }

    // MARK: joining and splitting

    @Test("concat")
    func concat() {
        let a = normal64([2, 3], seed: 71), b = normal64([2, 1], seed: 72), c = normal64([2, 4], seed: 73)
        checkGradients("concat axis 1", at: [a, b, c]) { sin(Tensor.concat($0, axis: 1)) }
        checkGradients("concat axis -1", at: [a, b, c]) { sin(Tensor.concat($0, axis: -1)) }
        checkGradients("concat axis 0", at: [a, normal64([3, 3], seed: 74)]) { sin(Tensor.concat($0, axis: 0)) }
        checkGradients("concat of one tensor twice", at: a) { sin(Tensor.concat([$0, $0 * 2], axis: 0)) }
        checkGradients("concat of transposed inputs", at: [a, c]) { sin(Tensor.concat([$0[0].mT, $0[1].mT], axis: 0)) }
        // One input without gradient: the others still get theirs.
        checkGradients("concat with a constant", at: a) { sin(Tensor.concat([$0, c], axis: 1)) }
    }

    @Test("stack")
    func stack() {
        let a = normal64([2, 3], seed: 75), b = normal64([2, 3], seed: 76)
        for axis in [0, 1, 2, -1] {
            checkGradients("stack axis \(axis)", at: [a, b]) { sin(Tensor.stack($0, axis: axis)) }
        }
    }

    @Test("split and chunked")
    func split() {
        let x = normal64([3, 7], seed: 77)
        // Each piece goes through a different function, so a mixed-up piece would show.
        func recombine(_ parts: [Tensor]) -> Tensor {
            Tensor.concat(parts.enumerated().map { i, p in sin(p * Double(i + 1)) }, axis: 1)
        }
        checkGradients("split(sizes: [2, 0, 4, 1], axis: 1)", at: x) { recombine($0.split(sizes: [2, 0, 4, 1], axis: 1)) }
        checkGradients("split(size: 3, axis: -1)", at: x) { recombine($0.split(size: 3, axis: -1)) }
        checkGradients("chunked(3, axis: 1)", at: x) { recombine($0.chunked(3, axis: 1)) }
        checkGradients("chunked(2, axis: 0)", at: x) { x in
            let parts = x.chunked(2, axis: 0)
            return Tensor.concat([sin(parts[0]), parts[1] * 3], axis: 0)
        }
        checkGradients("only some pieces used", at: x) { sin($0.split(sizes: [2, 5], axis: 1)[1]) }
    }
}
