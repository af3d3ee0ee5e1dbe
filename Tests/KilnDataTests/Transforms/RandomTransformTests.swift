import Foundation
import Kiln
import KilnData
import Testing

/// The random transforms: the same seed gives the same output, the drawn parameters have
/// torchvision's ranges and distributions, and applying a random transform equals applying the
/// functional form (checked against torchvision in the reference tests) with the drawn parameters.
@Suite struct TransformRandomTests {
    let rgb = TransformFixtures.rgb
    let t = TransformFixtures.rgbTensor

    func pixels(_ image: Image) -> [UInt8] { image.pixels.scalars() }
    func values(_ tensor: Tensor) -> [Float] { tensor.scalars() }

    @Test func sameSeedSameOutput() {
        let augment = Compose {
            RandomResizedCrop(6)
            ColorJitter(brightness: 0.4, contrast: 0.4, saturation: 0.4, hue: 0.1)
            RandomRotation(20, interpolation: .bilinear)
            RandomVerticalFlip()
            RandomCrop(5, padding: 1)
            RandomHorizontalFlip()
        }
        var outputs: Set<[UInt8]> = []
        for seed in UInt64(0)..<8 {
            var g1 = RandomGenerator(seed: seed), g2 = RandomGenerator(seed: seed)
            let a = augment(rgb, using: &g1), b = augment(rgb, using: &g2)
            #expect(pixels(a) == pixels(b))
            #expect(g1.counter == g2.counter)
            var h1 = RandomGenerator(seed: seed), h2 = RandomGenerator(seed: seed)
            #expect(values(augment(t, using: &h1)) == values(augment(t, using: &h2)))
            outputs.insert(pixels(a))
        }
        #expect(outputs.count > 4, "different seeds give different augmentations")
    }

    @Test func flipsAtZeroAndOne() {
        var g = RandomGenerator(seed: 3)
        for _ in 0..<20 {
            let kept = RandomHorizontalFlip(p: 0)(rgb, using: &g)
            #expect(kept.pixels.storage === rgb.pixels.storage)
            #expect(pixels(RandomHorizontalFlip(p: 1)(rgb, using: &g)) == pixels(hflip(rgb)))
            #expect(pixels(RandomVerticalFlip(p: 1)(rgb, using: &g)) == pixels(vflip(rgb)))
            #expect(values(RandomVerticalFlip(p: 0)(t, using: &g)) == values(t))
            #expect(values(RandomHorizontalFlip(p: 1)(t, using: &g)) == values(hflip(t)))
        }
        // One draw per call, flipped or not.
        #expect(g.counter == 100)
    }

    @Test func flipFrequencyIsP() {
        var g = RandomGenerator(seed: 11)
        let flip = RandomHorizontalFlip(p: 0.3)
        let image = Image(pixels: Tensor([UInt8(1), 2], shape: [1, 2, 1]))
        let flipped = (0..<4000).filter { _ in flip(image, using: &g).pixels.scalars(as: UInt8.self) == [2, 1] }.count
        #expect(abs(Double(flipped) / 4000 - 0.3) < 0.03)  // 4 standard deviations
    }

    @Test func randomCropIsPadThenCropAtTheDrawnCorner() {
        var corners: Set<[Int]> = []
        for seed in UInt64(0)..<60 {
            let randomCrop = RandomCrop([7, 9], padding: 2, fill: [10, 20, 30])
            var g = RandomGenerator(seed: seed)
            var copy = g
            let box = RandomCrop.parameters(height: 11, width: 13, outputSize: [7, 9], using: &copy)
            #expect((0...4).contains(box.top) && (0...4).contains(box.left))
            corners.insert([box.top, box.left])
            let expected = crop(pad(rgb, padding: 2, fill: [10, 20, 30]), top: box.top, left: box.left, height: 7, width: 9)
            #expect(pixels(randomCrop(rgb, using: &g)) == pixels(expected))
            #expect(g.counter == copy.counter)
            var gt = RandomGenerator(seed: seed)
            let expectedTensor = crop(pad(t, padding: 2, fill: [0.1, 0.2, 0.3]), top: box.top, left: box.left, height: 7, width: 9)
            #expect(values(RandomCrop([7, 9], padding: 2, fill: [0.1, 0.2, 0.3])(t, using: &gt)) == values(expectedTensor))
        }
        var g = RandomGenerator(seed: 99)
        for _ in 0..<500 {
            let box = RandomCrop.parameters(height: 11, width: 13, outputSize: [7, 9], using: &g)
            corners.insert([box.top, box.left])
        }
        #expect(corners.count == 25, "every corner of the 5 × 5 choices is drawn")
        #expect(corners.allSatisfy { (0...4).contains($0[0]) && (0...4).contains($0[1]) })
    }

    @Test func randomCropPadsIfNeededWithTheMode() {
        let small = crop(rgb, top: 0, left: 0, height: 5, width: 6)
        for seed in UInt64(0)..<20 {
            var g = RandomGenerator(seed: seed)
            var copy = g
            // torchvision pads the width by 2 on both sides (10 wide), then the height by 3 (11 high).
            let box = RandomCrop.parameters(height: 11, width: 10, outputSize: 8, using: &copy)
            let padded = pad(pad(small, padding: [2, 0], mode: .reflect), padding: [0, 3], mode: .reflect)
            let expected = crop(padded, top: box.top, left: box.left, height: 8, width: 8)
            #expect(pixels(RandomCrop(8, padIfNeeded: true, paddingMode: .reflect)(small, using: &g)) == pixels(expected))
        }
    }

    @Test func fusedCropAndFlipEqualTheTwoApart() {
        let fused = Compose { RandomCrop(6, padding: 3, paddingMode: .symmetric); RandomHorizontalFlip() }
        #expect(type(of: fused.body) == RandomCrop.self)
        let pipeline = Compose {
            RandomCrop(6, padding: 3)
            RandomHorizontalFlip()
            ToTensor()
            Normalize(mean: [0.5], std: [0.25])
        }
        for seed in UInt64(0)..<30 {
            var g1 = RandomGenerator(seed: seed), g2 = RandomGenerator(seed: seed)
            let apart = RandomHorizontalFlip()(RandomCrop(6, padding: 3, paddingMode: .symmetric)(rgb, using: &g2), using: &g2)
            #expect(pixels(fused(rgb, using: &g1)) == pixels(apart))
            #expect(g1.counter == g2.counter)
            var g3 = RandomGenerator(seed: seed), g4 = RandomGenerator(seed: seed)
            let step = RandomHorizontalFlip()(RandomCrop(6, padding: 3)(rgb, using: &g4), using: &g4)
            let manual = normalize(toTensor(step), mean: [0.5], std: [0.25])
            #expect(values(pipeline(rgb, using: &g3)) == values(manual))
        }
    }

    @Test func randomResizedCropBoxes() {
        var g = RandomGenerator(seed: 5)
        var logRatios: [Double] = []
        for _ in 0..<2000 {
            let box = RandomResizedCrop.parameters(height: 1000, width: 1000, scale: 0.25...0.25, ratio: (3.0 / 4)...(4.0 / 3), using: &g)
            #expect(box.top >= 0 && box.left >= 0 && box.top + box.height <= 1000 && box.left + box.width <= 1000)
            let area = Double(box.height * box.width) / 1e6
            #expect(abs(area - 0.25) < 0.002)
            let ratio = Double(box.width) / Double(box.height)
            #expect(ratio > 0.74 && ratio < 1.34)
            logRatios.append(log(ratio))
        }
        // The aspect ratio is log-uniform over [3/4, 4/3]: its log has mean 0 and spread ln(4/3)/√3.
        let mean = logRatios.reduce(0, +) / Double(logRatios.count)
        let sd = (logRatios.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(logRatios.count)).squareRoot()
        #expect(abs(mean) < 0.01)
        #expect(abs(sd - log(4.0 / 3) / 3.0.squareRoot()) < 0.01)

        // Areas drawn uniformly from the default scale 0.08…1 of a large image.
        var areas: [Double] = []
        for _ in 0..<2000 {
            let box = RandomResizedCrop.parameters(height: 2000, width: 2000, scale: 0.08...1, ratio: 1...1, using: &g)
            areas.append(Double(box.height * box.width) / 4e6)
        }
        #expect(areas.allSatisfy { $0 > 0.079 && $0 < 1.001 })
        #expect(abs(areas.reduce(0, +) / 2000 - 0.54) < 0.02)
    }

    @Test func randomResizedCropFallsBackToTheCentre() {
        var g = RandomGenerator(seed: 1)
        // No 10 draws fit a 2-pixel-high image: the fallback clamps the ratio to 4/3 and centres.
        let box = RandomResizedCrop.parameters(height: 2, width: 1000, scale: 0.5...1, ratio: (3.0 / 4)...(4.0 / 3), using: &g)
        #expect(box == (0, 498, 2, 3) as (Int, Int, Int, Int))
        let tall = RandomResizedCrop.parameters(height: 1000, width: 2, scale: 0.5...1, ratio: (3.0 / 4)...(4.0 / 3), using: &g)
        #expect(tall == (498, 0, 3, 2) as (Int, Int, Int, Int))  // round(2 / 0.75) = 3 (2.67)
    }

    @Test func randomResizedCropResizesTheDrawnBox() {
        for seed in UInt64(0)..<10 {
            var g = RandomGenerator(seed: seed)
            var copy = g
            let box = RandomResizedCrop.parameters(height: 7, width: 9, scale: 0.08...1, ratio: (3.0 / 4)...(4.0 / 3), using: &copy)
            let expected = resizedCrop(rgb, top: box.top, left: box.left, height: box.height, width: box.width, size: [4, 5])
            #expect(pixels(RandomResizedCrop([4, 5])(rgb, using: &g)) == pixels(expected))
            var gt = RandomGenerator(seed: seed)
            let expectedTensor = resizedCrop(t, top: box.top, left: box.left, height: box.height, width: box.width, size: 4, antialias: true)
            #expect(values(RandomResizedCrop(4, antialias: true)(t, using: &gt)) == values(expectedTensor))
        }
    }

    @Test func colorJitterFactorsAndOrder() {
        let jitter = ColorJitter(brightness: 0.4, contrast: 0.2, saturation: 1.5, hue: 0.1)
        #expect(jitter.brightness == 0.6...1.4)
        #expect(jitter.saturation == 0...2.5)  // the lower end is clipped at 0, as torchvision does
        #expect(ColorJitter(brightness: 0.3).contrast == nil && ColorJitter(brightness: 0.3).hue == nil)
        var g = RandomGenerator(seed: 9)
        var orders: Set<[Int]> = []
        var hues: [Double] = []
        for _ in 0..<2000 {
            let p = jitter.parameters(using: &g)
            #expect(p.order.sorted() == [0, 1, 2, 3])
            orders.insert(p.order)
            #expect((0.6...1.4).contains(p.brightness!) && (0.8...1.2).contains(p.contrast!) && (0...2.5).contains(p.saturation!))
            hues.append(p.hue!)
        }
        #expect(orders.count == 24)
        #expect(hues.allSatisfy { (-0.1...0.1).contains($0) })
        #expect(abs(hues.reduce(0, +) / 2000) < 0.004)
        #expect(hues.min()! < -0.099 && hues.max()! > 0.099)
    }

    @Test func colorJitterAppliesTheDrawnFactorsInOrder() {
        let jitter = ColorJitter(brightness: 0.5, contrast: 0.5, saturation: 0.5, hue: 0.2)
        for seed in UInt64(0)..<10 {
            var g = RandomGenerator(seed: seed)
            var copy = g
            let p = jitter.parameters(using: &copy)
            var image = rgb, tensor = t
            for step in p.order {
                switch step {
                case 0: image = adjustBrightness(image, factor: p.brightness!); tensor = adjustBrightness(tensor, factor: p.brightness!)
                case 1: image = adjustContrast(image, factor: p.contrast!); tensor = adjustContrast(tensor, factor: p.contrast!)
                case 2: image = adjustSaturation(image, factor: p.saturation!); tensor = adjustSaturation(tensor, factor: p.saturation!)
                default: image = adjustHue(image, factor: p.hue!); tensor = adjustHue(tensor, factor: p.hue!)
                }
            }
            #expect(pixels(jitter(rgb, using: &g)) == pixels(image))
            var gt = RandomGenerator(seed: seed)
            #expect(values(jitter(t, using: &gt)) == values(tensor))
        }
    }

    @Test func randomRotationAngles() {
        var g = RandomGenerator(seed: 2)
        let angles = (0..<2000).map { _ in RandomRotation.parameters(degrees: -30...30, using: &g) }
        #expect(angles.allSatisfy { (-30...30).contains($0) })
        #expect(abs(angles.reduce(0, +) / 2000) < 1.0)
        #expect(RandomRotation(15).degrees == -15...15)
        for seed in UInt64(0)..<5 {
            var g1 = RandomGenerator(seed: seed)
            var copy = g1
            let angle = RandomRotation.parameters(degrees: 10...80, using: &copy)
            let rotation = RandomRotation(10...80, interpolation: .bilinear, fill: [1, 2, 3])
            #expect(pixels(rotation(rgb, using: &g1)) == pixels(rotate(rgb, angle: angle, interpolation: .bilinear, fill: [1, 2, 3])))
            var g2 = RandomGenerator(seed: seed)
            #expect(values(rotation(t, using: &g2)) == values(rotate(t, angle: angle, interpolation: .bilinear, fill: [1, 2, 3])))
        }
    }

    @Test func deterministicTransformsNeedNoGenerator() {
        let prepare = Compose { CenterCrop(5); Resize(height: 10, width: 10); Grayscale(); ToTensor() }
        let x: Tensor = prepare(rgb)
        #expect(x.shape == [1, 10, 10])
        let tensorSide = Compose { CenterCrop(5); Pad(1, mode: .edge) }
        #expect(tensorSide(t).shape == [3, 7, 7])
        let lambda = Compose { ToTensor(); Lambda { (x: Tensor) in x * 2 } }
        #expect(values(lambda(rgb)) == values(t).map { $0 * 2 })
        var g = RandomGenerator(seed: 0)
        #expect(values(prepare(rgb, using: &g)) == values(x))
        #expect(g.counter == 0)
    }

    @Test func imageTransformsApplyToATypeForALoader() {
        let flip = RandomHorizontalFlip(p: 1).applied(to: Image.self)
        var g = RandomGenerator(seed: 0)
        #expect(pixels(flip(rgb, using: &g)) == pixels(hflip(rgb)))
        let cropFlip = Compose { RandomCrop(5); RandomVerticalFlip(p: 1) }.applied(to: Tensor.self)
        var g1 = RandomGenerator(seed: 4), g2 = RandomGenerator(seed: 4)
        #expect(values(cropFlip(t, using: &g1)) == values(vflip(RandomCrop(5)(t, using: &g2))))
    }
}
