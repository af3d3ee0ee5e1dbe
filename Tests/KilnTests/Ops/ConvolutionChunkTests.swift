import Testing
@testable import Kiln

/// The convolution kernel splits large batches into chunks processed by different threads and
/// sums the weight gradient per thread. These tests use batches large enough for several chunks
/// and compare with the same convolution written as unfold + matmul (an independent formulation
/// whose gradients come from the generic ops).
@Suite struct ConvolutionChunkTests {
    /// conv2d through `unfolded` and `matmul`, for reference.
    static func reference(_ x: Tensor, _ w: Tensor, _ b: Tensor, stride: Size2D, padding: Size2D, groups: Int) -> Tensor {
        let (n, o) = (x.shape[0], w.shape[0])
        let cols = x.unfolded(kernelSize: Size2D(w.shape[2], w.shape[3]), stride: stride, padding: padding)  // [N, C·k, L]
        let k = cols.shape[1] / groups, l = cols.shape[2]
        let product = matmul(w.reshaped([groups, o / groups, k]), cols.reshaped([n, groups, k, l]))  // [N, G, O/G, L]
        let outH = (x.shape[2] + 2 * padding.h - w.shape[2]) / stride.h + 1
        return product.reshaped([n, o, outH, l / outH]) + b.reshaped([1, o, 1, 1])
    }

    @Test(arguments: [(Size2D(1, 1), Size2D(1, 1), 1), (Size2D(2, 2), Size2D(1, 1), 2), (Size2D(1, 1), Size2D(0, 0), 4)])
    func manyChunksMatchTheReference(stride: Size2D, padding: Size2D, groups: Int) {
        let layout = ConvolutionKernel.Layout(
            geometry: Tensor.windowGeometry(Tensor.zeros([40, 8, 16, 16]), kernel: 3, stride: stride, padding: padding,
                                            dilation: 1, op: "test"),
            outChannels: 12, groups: groups)
        #expect(layout.chunkSize(Double.self) < 40, "the batch must span several chunks")

        let x = Tensor(randomNormal: [40, 8, 16, 16], dtype: .float64, seed: 1)
        let w = Tensor(randomNormal: [12, 8 / groups, 3, 3], dtype: .float64, seed: 2)
        let b = Tensor(randomNormal: [12], dtype: .float64, seed: 3)
        let upstream = Tensor(randomNormal: Self.reference(x, w, b, stride: stride, padding: padding, groups: groups).shape,
                              dtype: .float64, seed: 4)
        let (value, grads) = valueAndGrad(at: [x, w, b]) { t in
            (conv2d(t[0], weight: t[1], bias: t[2], stride: stride, padding: padding, groups: groups) * upstream).sum()
        }
        let (expectedValue, expectedGrads) = valueAndGrad(at: [x, w, b]) { t in
            (Self.reference(t[0], t[1], t[2], stride: stride, padding: padding, groups: groups) * upstream).sum()
        }
        #expect(abs(value.item() - expectedValue.item()) < 1e-9 * abs(expectedValue.item()))
        for (g, e) in zip(grads, expectedGrads) {
            #expect(g.shape == e.shape)
            let error = abs(g - e).max().item(), scale = abs(e).max().item()
            #expect(error <= 1e-10 * scale, "gradient differs by \(error) (scale \(scale))")
        }
    }
}
