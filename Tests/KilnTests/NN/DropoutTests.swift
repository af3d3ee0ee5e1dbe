import Testing
@testable import Kiln

@Suite struct DropoutTests {
    @Test func trainingZeroesAboutPAndScalesTheRest() {
        GlobalRandom.seed(9)
        let layer = Dropout(0.3)
        let x = Parameter(Tensor.ones([100_000]))
        let y = layer(x.value)
        let values = y.scalars(as: Float.self)
        let scaled = Float(1 / 0.7)
        #expect(values.allSatisfy { $0 == 0 || $0 == scaled })
        let dropped = Double(values.filter { $0 == 0 }.count) / Double(values.count)
        #expect(Swift.abs(dropped - 0.3) < 0.01)
        // The gradient flows through the kept elements with the same scale.
        y.sum().backward()
        #expect(x.grad?.scalars(as: Float.self) == values)
    }

    @Test func evalModeAndZeroProbabilityAreTheIdentity() {
        let x = Tensor(randomNormal: [4, 5], seed: 1)
        let layer = Dropout(0.5)
        layer.eval()
        #expect(layer(x).scalars(as: Float.self) == x.scalars(as: Float.self))
        #expect(dropout(x, p: 0).scalars(as: Float.self) == x.scalars(as: Float.self))
        #expect(dropout(x, p: 1).scalars(as: Float.self).allSatisfy { $0 == 0 })
    }
}
