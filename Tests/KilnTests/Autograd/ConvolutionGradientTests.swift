import Testing
@testable import Kiln

/// One conv2d configuration: input [N, C, H, W], weight [O, C/groups, kh, kw].
struct Conv2dGradientCase: Sendable, CustomTestStringConvertible {
    let name: String
    var input = [2, 4, 5, 5]
    var outChannels = 4
    var kernel = Size2D(3, 3)
    var stride: Size2D = 1
    var padding: Size2D = 0
    var dilation: Size2D = 1
    var groups = 1
    var bias = true
    var testDescription: String { name }

    var weightShape: [Int] { [outChannels, input[1] / groups, kernel.h, kernel.w] }
}

let conv2dGradientCases: [Conv2dGradientCase] = [
    Conv2dGradientCase(name: "plain 3x3"),
    Conv2dGradientCase(name: "no bias", bias: false),
    Conv2dGradientCase(name: "stride 2", stride: 2),
    Conv2dGradientCase(name: "padding 1", padding: 1),
    Conv2dGradientCase(name: "stride 2, padding 1, no bias", stride: 2, padding: 1, bias: false),
    Conv2dGradientCase(name: "dilation 2", input: [1, 4, 6, 6], dilation: 2),
    Conv2dGradientCase(name: "groups 2", outChannels: 6, groups: 2),
    Conv2dGradientCase(name: "groups 2, no bias, padding 1", outChannels: 2, padding: 1, groups: 2, bias: false),
    Conv2dGradientCase(name: "depthwise (groups == channels)", outChannels: 4, groups: 4),
    Conv2dGradientCase(name: "depthwise with multiplier 2, stride 2, padding 1", outChannels: 8, stride: 2, padding: 1, groups: 4),
    Conv2dGradientCase(name: "rectangular kernel, stride [1, 2], padding [1, 0], dilation [2, 1]",
                       input: [1, 2, 6, 5], outChannels: 3, kernel: Size2D(2, 3), stride: [1, 2], padding: [1, 0], dilation: [2, 1]),
    Conv2dGradientCase(name: "1x1 kernel", input: [2, 3, 3, 4], outChannels: 2, kernel: 1),
]

@Suite("Convolution and pooling gradients")
struct ConvolutionGradientTests {
    @Test("conv2d", arguments: conv2dGradientCases)
    func conv(_ c: Conv2dGradientCase) {
        let x = normal64(c.input, seed: 121)
        let w = normal64(c.weightShape, seed: 122)
        var inputs = [x, w]
        if c.bias { inputs.append(normal64([c.outChannels], seed: 123)) }
        checkGradients("conv2d \(c.name)", at: inputs) {
            conv2d($0[0], weight: $0[1], bias: c.bias ? $0[2] : nil, stride: c.stride, padding: c.padding,
                   dilation: c.dilation, groups: c.groups)
        }
    }

    @Test("conv2d of a non-contiguous input")
    func convPermutedInput() {
        // An NHWC tensor permuted to NCHW.
        let x = normal64([2, 5, 5, 3], seed: 124), w = normal64([2, 3, 3, 3], seed: 125)
        checkGradients("conv2d of a permuted input", at: [x, w]) {
            conv2d($0[0].permuted([0, 3, 1, 2]), weight: $0[1], padding: 1)
        }
    }

    @Test("conv1d")
    func conv1dCases() {
        let x = normal64([2, 4, 7], seed: 126)
        checkGradients("conv1d plain", at: [x, normal64([3, 4, 3], seed: 127), normal64([3], seed: 128)]) {
            conv1d($0[0], weight: $0[1], bias: $0[2])
        }
        checkGradients("conv1d stride 2, padding 1, dilation 2, no bias", at: [x, normal64([3, 4, 2], seed: 129)]) {
            conv1d($0[0], weight: $0[1], stride: 2, padding: 1, dilation: 2)
        }
        checkGradients("conv1d groups 2", at: [x, normal64([4, 2, 3], seed: 130), normal64([4], seed: 131)]) {
            conv1d($0[0], weight: $0[1], bias: $0[2], padding: 1, groups: 2)
        }
    }

    @Test("unfolded (im2col)")
    func unfold() {
        let x = normal64([2, 2, 4, 5], seed: 132)
        checkGradients("unfolded 2x3 stride 1 padding 1", at: x) { $0.unfolded(kernelSize: [2, 3], padding: 1) }
        checkGradients("unfolded 2x2 stride 2 dilation 2", at: x) { $0.unfolded(kernelSize: 2, stride: 2, dilation: [1, 2]) }
    }

    @Test("maxPool2d (no ties)")
    func maxPool() {
        // Distinct values: each window has one maximum, and ε-perturbations never change it.
        let x = distinctValues64([2, 3, 6, 6], spacing: 0.01, seed: 133)
        checkGradients("maxPool2d 2x2", at: x) { maxPool2d($0, kernelSize: 2) }
        checkGradients("maxPool2d 3x3 stride 1 (overlapping)", at: x) { maxPool2d($0, kernelSize: 3, stride: 1) }
        checkGradients("maxPool2d 3x3 stride 2 padding 1", at: x) { maxPool2d($0, kernelSize: 3, stride: 2, padding: 1) }
        checkGradients("maxPool2d 2x2 dilation 2", at: x) { maxPool2d($0, kernelSize: 2, stride: 1, dilation: 2) }
        checkGradients("maxPool2d 2x2 ceil mode", at: distinctValues64([1, 2, 5, 5], spacing: 0.01, seed: 134)) {
            maxPool2d($0, kernelSize: 2, ceilMode: true)
        }
        checkGradients("maxPool2d of all-negative input with padding", at: distinctValues64([1, 2, 4, 4], spacing: 0.01, seed: 135) - 5) {
            maxPool2d($0, kernelSize: 3, stride: 2, padding: 1)
        }
    }

    @Test("avgPool2d")
    func avgPool() {
        let x = normal64([2, 3, 5, 5], seed: 136)
        checkGradients("avgPool2d 2x2", at: x) { avgPool2d($0, kernelSize: 2) }
        checkGradients("avgPool2d 3x3 stride 1", at: x) { avgPool2d($0, kernelSize: 3, stride: 1) }
        checkGradients("avgPool2d 3x3 stride 2 padding 1, countIncludePad", at: x) {
            avgPool2d($0, kernelSize: 3, stride: 2, padding: 1, countIncludePad: true)
        }
        checkGradients("avgPool2d 3x3 stride 2 padding 1, excluding padding", at: x) {
            avgPool2d($0, kernelSize: 3, stride: 2, padding: 1, countIncludePad: false)
        }
        checkGradients("avgPool2d [2, 3] stride [1, 2] padding [1, 1], excluding padding", at: x) {
            avgPool2d($0, kernelSize: [2, 3], stride: [1, 2], padding: [1, 1], countIncludePad: false)
        }
    }

    @Test("a small CNN: conv, relu, max pool, flatten, linear")
    func smallCNN() {
        let x = normal64([2, 1, 6, 6], seed: 137)
        let w1 = normal64([2, 1, 3, 3], seed: 138), b1 = normal64([2], seed: 139)
        let w2 = normal64([8, 3], seed: 140)
        checkGradients("conv -> tanh -> maxPool -> flatten -> matmul", at: [x, w1, b1, w2]) {
            let h = tanh(conv2d($0[0], weight: $0[1], bias: $0[2], padding: 1))
            let p = maxPool2d(h, kernelSize: 3, stride: 3)   // [2, 2, 2, 2]
            return matmul(p.flattened(startAxis: 1), $0[3])
        }
    }
}
