import Kiln
import KilnData
import Testing

@Suite struct DatasetTests {
    @Test func tensorDatasetRowsAreTheRowsOfEachTensor() {
        let x = Tensor((0..<12).map { Float($0) }, shape: [4, 3])
        let y = Tensor([Int64(10), 11, 12, 13])
        let data = TensorDataset(x, y)
        #expect(data.count == 4)
        let sample = data[2]
        #expect(sample.count == 2)
        #expect(sample[0].shape == [3])
        #expect(sample[0].scalars(as: Float.self) == [6, 7, 8])
        #expect(sample[1].shape == [])
        #expect(sample[1].scalar(as: Int64.self) == 12)
    }

    @Test func subsetReadsTheGivenIndicesInOrder() {
        let data = TensorDataset(Tensor((0..<10).map { Float($0) }))
        let subset = Subset(data, indices: [7, 2, 2, 9])
        #expect(subset.count == 4)
        #expect(subset.indices == [7, 2, 2, 9])
        #expect((0..<4).map { subset[$0][0].item() } == [7, 2, 2, 9])
    }

    /// Sizes printed by PyTorch's `random_split` (make_loader_literals.py).
    @Test(arguments: [
        (10, [0.7, 0.3], [7, 3]),
        (11, [0.5, 0.5], [6, 5]),
        (10, [0.33, 0.33, 0.34], [4, 3, 3]),
        (7, [0.2, 0.2, 0.2, 0.2, 0.2], [2, 2, 1, 1, 1]),
        (100, [0.8, 0.1, 0.1], [80, 10, 10]),
        (3, [0.5, 0.5], [2, 1]),
        (0, [0.6, 0.4], [0, 0]),
    ])
    func randomSplitFractionsFollowPyTorchSizes(count: Int, fractions: [Double], expected: [Int]) {
        let data = TensorDataset(Tensor((0..<count).map { Float($0) }))
        let parts = randomSplit(data, fractions, seed: 3)
        #expect(parts.map(\.count) == expected)
    }

    @Test func randomSplitIsADisjointCoveringSeededPermutation() {
        let data = TensorDataset(Tensor((0..<50).map { Float($0) }))
        let parts = randomSplit(data, [20, 25, 5], seed: 11)
        #expect(parts.map(\.count) == [20, 25, 5])
        let all = parts.flatMap(\.indices)
        #expect(all.sorted() == Array(0..<50))
        #expect(all != Array(0..<50), "the split is shuffled")
        // Samples are the dataset's rows at the subset's indices.
        #expect(parts[1][3][0].item() == Double(parts[1].indices[3]))
        // Same seed, same split; another seed, another split.
        #expect(randomSplit(data, [20, 25, 5], seed: 11).map(\.indices) == parts.map(\.indices))
        #expect(randomSplit(data, [20, 25, 5], seed: 12).map(\.indices) != parts.map(\.indices))
    }

    @Test func concatenationIsThePartsInOrder() {
        let a = TensorDataset(Tensor([Float(0), 1, 2]))
        let b = TensorDataset(Tensor([Float(10), 11]))
        let empty = TensorDataset(Tensor.zeros([0]))
        let c = TensorDataset(Tensor([Float(20)]))
        let joined = a + b + empty + c
        #expect(joined.count == 6)
        #expect(joined.datasets.count == 4, "a + b + empty + c is one flat concatenation")
        #expect((0..<6).map { joined[$0][0].item() } == [0, 1, 2, 10, 11, 20])
        let fromArray = ConcatDataset([a, b])
        #expect((0..<5).map { fromArray[$0][0].item() } == [0, 1, 2, 10, 11])
    }

    @Test func mapTransformsLazilyAndPassesTheGenerator() {
        let data = TensorDataset(Tensor((0..<5).map { Float($0) }))
        let doubled = data.map { row in row[0] * 2 }
        #expect(doubled[3].item() == 6)
        // The generator a transform gets is the one the caller passes.
        let noisy = data.map { row, generator in row[0].item() + generator.uniform(1)[0] }
        var g1 = RandomGenerator(seed: 5), g2 = RandomGenerator(seed: 5)
        let first = noisy.element(at: 2, generator: &g1)
        #expect(first == 2 + g2.uniform(1)[0])
        // Without a generator the sample is still the same each time it is read.
        #expect(noisy[2] == noisy[2])
        // Maps through subsets and concatenations reach the generator too.
        let both = Subset(noisy, indices: [2]) + Subset(noisy, indices: [2])
        var g3 = RandomGenerator(seed: 5)
        #expect(both.element(at: 1, generator: &g3) == first)
    }

    struct Unreadable: Error, Equatable { let index: Int }

    @Test func throwingTransformsThrowFromTheSubscript() {
        let data = TensorDataset(Tensor((0..<5).map { Float($0) }))
        let checked = data.map { (row: [Tensor]) throws(Unreadable) -> Double in
            let v = row[0].item()
            if v == 3 { throw Unreadable(index: 3) }
            return v
        }
        #expect(throws: Unreadable(index: 3)) { try checked[3] }
        #expect((try? checked[4]) == 4)
    }

    @Test func anyDatasetFromAClosure() {
        let squares = AnyDataset<Int, Never>(count: 4) { index, _ in index * index }
        #expect(squares.count == 4)
        #expect((0..<4).map { squares[$0] } == [0, 1, 4, 9])
    }
}
