import Kiln
import KilnData
import Testing

/// Collation against PyTorch's `default_collate` (dtypes printed by make_loader_literals.py).
@Suite struct LoaderCollateTests {
    @Test func tensorsStackAlongANewFirstAxis() {
        let a = Tensor([Float(1), 2, 3, 4, 5, 6], shape: [2, 3])
        let b = Tensor([Float(7), 8, 9, 10, 11, 12], shape: [2, 3])
        let batch = Tensor.collate([a, b])
        #expect(batch.shape == [2, 2, 3])
        #expect(batch.dtype == .float32)
        #expect(batch.scalars(as: Float.self) == (1...12).map { Float($0) })
    }

    @Test func viewsAreCollatedByTheirElements() {
        // A transposed view and a strided slice: non-contiguous samples.
        let base = Tensor((0..<6).map { Double($0) }, shape: [2, 3])
        let transposed = base.transposed()                 // [[0, 3], [1, 4], [2, 5]]
        let other = Tensor((0..<12).map { Double($0) }, shape: [3, 4]).slice(axis: 1, start: 0, end: 4, step: 2)  // [[0, 2], [4, 6], [8, 10]]
        let batch = Tensor.collate([transposed, other])
        #expect(batch.shape == [2, 3, 2])
        #expect(batch.dtype == .float64)
        #expect(batch.scalars(as: Double.self) == [0, 3, 1, 4, 2, 5, 0, 2, 4, 6, 8, 10])
    }

    @Test func integerAndBoolTensorsKeepTheirDtype() {
        let batch = Tensor.collate([Tensor([Int64(1), -2]), Tensor([Int64(3), 4])])
        #expect(batch.dtype == .int64)
        #expect(batch.scalars(as: Int64.self) == [1, -2, 3, 4])
        let masks = Tensor.collate([Tensor([true, false]), Tensor([false, true])])
        #expect(masks.dtype == .bool)
        #expect(masks.scalars(as: Bool.self) == [true, false, false, true])
        let pixels = Tensor.collate([Tensor([UInt8(0), 255]), Tensor([UInt8(7), 8])])
        #expect(pixels.dtype == .uint8)
        #expect(pixels.scalars(as: UInt8.self) == [0, 255, 7, 8])
    }

    @Test func scalarTensorsBecomeAVector() {
        let batch = Tensor.collate([Tensor(1.5), Tensor(2.5)])
        #expect(batch.shape == [2])
        #expect(batch.scalars(as: Float.self) == [1.5, 2.5])
    }

    @Test func numbersBecomeTensorsAsInPyTorch() {
        // default_collate: Python ints → int64, floats → float64, bools → bool.
        let ints = Int.collate([1, 2, 3])
        #expect(ints.dtype == .int64 && ints.shape == [3] && ints.scalars(as: Int64.self) == [1, 2, 3])
        let doubles = Double.collate([1.5, 2.5])
        #expect(doubles.dtype == .float64 && doubles.scalars(as: Double.self) == [1.5, 2.5])
        let bools = Bool.collate([true, false])
        #expect(bools.dtype == .bool)
        #expect(Float.collate([0.5]).dtype == .float32)
        #expect(Int32.collate([4]).dtype == .int32)
    }

    @Test func pairsCollateEntryByEntry() {
        // default_collate([(tensor([1., 2.]), 0), (tensor([3., 4.]), 1)]) == [tensor([[1., 2.], [3., 4.]]), tensor([0, 1])]
        let (x, y) = collate([(Tensor([Float(1), 2]), 0), (Tensor([Float(3), 4]), 1)])
        #expect(x.shape == [2, 2] && x.scalars(as: Float.self) == [1, 2, 3, 4])
        #expect(y.dtype == .int64 && y.scalars(as: Int64.self) == [0, 1])
        let (a, b, c) = collate([(1, 2.5, true), (3, 4.5, false)])
        #expect(a.scalars(as: Int64.self) == [1, 3])
        #expect(b.scalars(as: Double.self) == [2.5, 4.5])
        #expect(c.scalars(as: Bool.self) == [true, false])
    }

    @Test func arraysAndDictionariesCollatePerEntry() {
        let batch = [Tensor].collate([[Tensor([Float(1)]), Tensor([Int64(5)], shape: [])], [Tensor([Float(2)]), Tensor([Int64(6)], shape: [])]])
        #expect(batch.count == 2)
        #expect(batch[0].shape == [2, 1] && batch[0].scalars(as: Float.self) == [1, 2])
        #expect(batch[1].shape == [2] && batch[1].scalars(as: Int64.self) == [5, 6])
        let features = [String: Int].collate([["age": 30, "id": 1], ["age": 40, "id": 2]])
        #expect(features["age"]?.scalars(as: Int64.self) == [30, 40])
        #expect(features["id"]?.scalars(as: Int64.self) == [1, 2])
    }

    @Test func labeledSamplesBecomeANamedPair() {
        let batch = LabeledSample<Tensor, Int>.collate([
            LabeledSample(input: Tensor([Float(1), 2]), label: 7),
            LabeledSample(input: Tensor([Float(3), 4]), label: 9),
        ])
        #expect(batch.input.shape == [2, 2])
        #expect(batch.label.scalars(as: Int64.self) == [7, 9])
        let (x, y) = batch
        #expect(x.scalars(as: Float.self) == [1, 2, 3, 4] && y.shape == [2])
    }

    @Test func mismatchedShapesStop() async {
        await #expect(processExitsWith: .failure) {
            _ = Tensor.collate([Tensor.zeros([2]), Tensor.zeros([3])])
        }
    }
}
