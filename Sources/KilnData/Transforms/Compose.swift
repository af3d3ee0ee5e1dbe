import Kiln

/// Transforms applied one after the other, like torchvision's `Compose`:
///
/// ```swift
/// let augment = Compose {
///     RandomCrop(28, padding: 4)
///     RandomHorizontalFlip()
///     ToTensor()
///     Normalize(mean: [0.2860], std: [0.3530])
/// }
/// var generator = RandomGenerator(seed: 7)
/// let x: Tensor = augment(image, using: &generator)
/// ```
///
/// The types must line up: each step takes what the previous one returns. Image transforms
/// (crops, flips, colour) take the type of their neighbours, so they run on the `Image` before
/// `ToTensor` and on the tensor after it. A composition of image transforms only is itself an
/// `ImageTransform`. The builder fuses some neighbours into one pass with the same result:
/// `ToTensor` followed by `Normalize`, and `RandomCrop` followed by `RandomHorizontalFlip`.
public struct Compose<Body: Sendable>: Sendable {
    public let body: Body

    public init(@TransformBuilder _ body: () -> Body) { self.body = body() }
}

extension Compose: Transform where Body: Transform {
    @inlinable public func callAsFunction(_ input: Body.Input, using generator: inout RandomGenerator) -> Body.Output {
        body(input, using: &generator)
    }
}

extension Compose: DeterministicTransform where Body: DeterministicTransform {
    @inlinable public func callAsFunction(_ input: Body.Input) -> Body.Output { body(input) }
}

extension Compose: ImageTransform where Body: ImageTransform {
    @inlinable public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image { body(image, using: &generator) }
    @inlinable public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor { body(tensor, using: &generator) }
}

extension Compose: DeterministicImageTransform where Body: DeterministicImageTransform {
    @inlinable public func callAsFunction(_ image: Image) -> Image { body(image) }
    @inlinable public func callAsFunction(_ tensor: Tensor) -> Tensor { body(tensor) }
}

/// Two typed transforms, the output of the first feeding the second.
public struct Chain<First: Transform, Second: Transform>: Transform where First.Output == Second.Input {
    public let first: First
    public let second: Second

    @inlinable public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    @inlinable public func callAsFunction(_ input: First.Input, using generator: inout RandomGenerator) -> Second.Output {
        let middle = first(input, using: &generator)
        return second(middle, using: &generator)
    }
}

extension Chain: DeterministicTransform where First: DeterministicTransform, Second: DeterministicTransform {
    @inlinable public func callAsFunction(_ input: First.Input) -> Second.Output { second(first(input)) }
}

/// Two image transforms one after the other; still an image transform.
public struct ImageChain<First: ImageTransform, Second: ImageTransform>: ImageTransform {
    public let first: First
    public let second: Second

    @inlinable public init(_ first: First, _ second: Second) {
        self.first = first
        self.second = second
    }

    @inlinable public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image {
        let middle = first(image, using: &generator)
        return second(middle, using: &generator)
    }

    @inlinable public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor {
        let middle = first(tensor, using: &generator)
        return second(middle, using: &generator)
    }
}

extension ImageChain: DeterministicImageTransform where First: DeterministicImageTransform, Second: DeterministicImageTransform {
    @inlinable public func callAsFunction(_ image: Image) -> Image { second(first(image)) }
    @inlinable public func callAsFunction(_ tensor: Tensor) -> Tensor { second(first(tensor)) }
}

/// Builds the body of a `Compose` from its statements, pairing neighbours left to right.
@resultBuilder
public enum TransformBuilder {
    public static func buildPartialBlock<T: Transform>(first: T) -> T { first }

    public static func buildPartialBlock<T: ImageTransform>(first: T) -> T { first }

    public static func buildPartialBlock<A: Transform, B: Transform>(accumulated: A, next: B) -> Chain<A, B>
    where A.Output == B.Input {
        Chain(accumulated, next)
    }

    public static func buildPartialBlock<A: ImageTransform, B: ImageTransform>(accumulated: A, next: B) -> ImageChain<A, B> {
        ImageChain(accumulated, next)
    }

    public static func buildPartialBlock<A: Transform, B: ImageTransform>(accumulated: A, next: B) -> Chain<A, Applied<B, A.Output>>
    where A.Output: ImageTransformable {
        Chain(accumulated, Applied(next))
    }

    public static func buildPartialBlock<A: ImageTransform, B: Transform>(accumulated: A, next: B) -> Chain<Applied<A, B.Input>, B>
    where B.Input: ImageTransformable {
        Chain(Applied(accumulated), next)
    }

    // Fusions: one pass instead of two, with the same result and the same random draws.

    public static func buildPartialBlock(accumulated: ToTensor, next: Normalize) -> ToTensor {
        accumulated.normalizing(next)
    }

    public static func buildPartialBlock<A: Transform>(accumulated: Chain<A, ToTensor>, next: Normalize) -> Chain<A, ToTensor> {
        Chain(accumulated.first, accumulated.second.normalizing(next))
    }

    public static func buildPartialBlock(accumulated: RandomCrop, next: RandomHorizontalFlip) -> RandomCrop {
        accumulated.flippingHorizontally(next)
    }

    public static func buildPartialBlock<A: ImageTransform>(accumulated: ImageChain<A, RandomCrop>, next: RandomHorizontalFlip) -> ImageChain<A, RandomCrop> {
        ImageChain(accumulated.first, accumulated.second.flippingHorizontally(next))
    }
}
