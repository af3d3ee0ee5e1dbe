import Testing
@testable import Kiln

// Ops driven by index tensors or masks. Gradients flow to the float operands only.

@Suite("Indexing gradients")
struct IndexingGradientTests {
    @Test("gathering")
    func gather() {
        let x = normal64([3, 4], seed: 81)
        // Repeated and negative indices: the gradient of a repeated element accumulates.
        checkGradients("gathering axis 1, repeats and -1", at: x) {
            sin($0.gathering(alongAxis: 1, index: int64s([0, 0, 3, 2, -1, 1], [3, 2])))
        }
        checkGradients("gathering axis 0", at: x) {
            sin($0.gathering(alongAxis: 0, index: int64s([2, 0, 1, 2, 0, 0, 0, 1], [2, 4])))
        }
        checkGradients("gathering axis -1, index smaller than the input off-axis", at: x) {
            sin($0.gathering(alongAxis: -1, index: int64s([3, 1, 1, 0, 2, 2], [2, 3])))
        }
        checkGradients("gathering from a transposed input", at: x) {
            sin($0.mT.gathering(alongAxis: 1, index: int64s([2, 0, 1, 1, 0, 2, 2, 2], [4, 2])))
        }
        checkGradients("gathering 3-D axis 1", at: normal64([2, 3, 2], seed: 82)) {
            sin($0.gathering(alongAxis: 1, index: int64s([2, 0, 1, 1, 0, 0, 2, 2], [2, 2, 2])))
        }
    }

    @Test("scatteringAdd: gradient with respect to self and source")
    func scatterAdd() {
        let target = normal64([3, 5], seed: 83)
        // Repeated indices accumulate into one position.
        let index = int64s([0, 4, 4, 1, 1, 1, 2, 3, 0], [3, 3])
        checkGradients("scatteringAdd axis 1", at: [target, normal64([3, 3], seed: 84)]) {
            sin($0[0].scatteringAdd(alongAxis: 1, index: index, source: $0[1]))
        }
        // A source larger than the index: its extra elements are unused (zero gradient).
        checkGradients("scatteringAdd axis 1, source larger than index", at: [target, normal64([3, 4], seed: 85)]) {
            sin($0[0].scatteringAdd(alongAxis: 1, index: index, source: $0[1]))
        }
        checkGradients("scatteringAdd axis 0", at: [target, normal64([2, 5], seed: 86)]) {
            sin($0[0].scatteringAdd(alongAxis: 0, index: int64s([2, 0, 1, 2, 2, 2, 2, 0, 1, 0], [2, 5]), source: $0[1]))
        }
        checkGradients("scatteringAdd, self only", at: target) {
            sin($0.scatteringAdd(alongAxis: 1, index: index, source: normal64([3, 3], seed: 87)))
        }
        checkGradients("scatteringAdd, source only", at: normal64([3, 3], seed: 88)) {
            sin(target.scatteringAdd(alongAxis: 1, index: index, source: $0))
        }
        checkGradients("scatteringAdd into a transposed self", at: [normal64([5, 3], seed: 89), normal64([3, 3], seed: 90)]) {
            sin($0[0].mT.scatteringAdd(alongAxis: 1, index: index, source: $0[1]))
        }
    }

    @Test("scattering: overwritten positions get no gradient; the source gets the rest")
    func scatter() {
        let target = normal64([3, 5], seed: 91)
        // Distinct positions within each row, so every written value is well defined.
        let index = int64s([4, 0, 1, 2, 3, 0], [3, 2])
        checkGradients("scattering axis 1", at: [target, normal64([3, 2], seed: 92)]) {
            sin($0[0].scattering(alongAxis: 1, index: index, source: $0[1]))
        }
        checkGradients("scattering axis 1, source larger than index", at: [target, normal64([3, 4], seed: 93)]) {
            sin($0[0].scattering(alongAxis: 1, index: index, source: $0[1]))
        }
        checkGradients("scattering axis 0", at: [target, normal64([2, 5], seed: 94)]) {
            sin($0[0].scattering(alongAxis: 0, index: int64s([2, 0, 1, 2, 0, 0, 1, 2, 0, 1], [2, 5]), source: $0[1]))
        }
        let (gSelf, gSource) = valueAndGrad(at: target, normal64([3, 2], seed: 95)) {
            $0.scattering(alongAxis: 1, index: index, source: $1).sum()
        }.gradients
        #expect(gSelf.scalars(as: Double.self) == [0, 1, 1, 1, 0,  1, 0, 0, 1, 1,  0, 1, 1, 0, 1])
        #expect(gSource.scalars(as: Double.self) == [1, 1, 1, 1, 1, 1])
    }

    @Test("indexSelect")
    func indexSelect() {
        let x = normal64([4, 3], seed: 96)
        checkGradients("indexSelect axis 0 with repeats", at: x) { sin($0.indexSelect(axis: 0, indices: int64s([2, 0, 2, 3]))) }
        checkGradients("indexSelect axis 1", at: x) { sin($0.indexSelect(axis: 1, indices: int64s([1, 2]))) }
        checkGradients("indexSelect axis -1 of 3-D", at: normal64([2, 3, 4], seed: 97)) {
            sin($0.indexSelect(axis: -1, indices: int64s([3, 3, 0])))
        }
        checkGradients("indexSelect with int32 indices", at: x) {
            sin($0.indexSelect(axis: 0, indices: Tensor([Int32(1), 1, 0])))
        }
    }

    @Test("Tensor.where and maskedFill")
    func whereAndMask() {
        let mask = Tensor([true, false, true, true, false, false, true, false, true, false, false, true], shape: [3, 4])
        let a = normal64([3, 4], seed: 98), b = normal64([3, 4], seed: 99)
        checkGradients("where, same shapes", at: [a, b]) { sin(Tensor.where(mask, $0[0], $0[1])) }
        // Broadcasting condition [3, 1], a [3, 4], b [4].
        let column = Tensor([true, false, true], shape: [3, 1])
        checkGradients("where, broadcast", at: [a, normal64([4], seed: 100)]) { sin(Tensor.where(column, $0[0], $0[1])) }
        checkGradients("where, 0-d branch", at: [a, Tensor(0.3, dtype: .float64)]) { sin(Tensor.where(mask, $0[1], $0[0])) }
        checkGradients("where, condition from the input", at: distinctValues64([3, 4], seed: 101)) { x in
            Tensor.where(x .> 0, square(x), x * 3)
        }
        checkGradients("where, one branch constant", at: a) { sin(Tensor.where(mask, b, $0)) }
        checkGradients("maskedFill", at: a) { sin($0.maskedFill(mask, with: -2)) }
        checkGradients("maskedFill, broadcast mask [1, 4]", at: a) {
            sin($0.maskedFill(Tensor([false, true, true, false], shape: [1, 4]), with: 0.5))
        }
    }
}
