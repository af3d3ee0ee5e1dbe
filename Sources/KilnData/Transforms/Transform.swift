import Kiln

/// One step of a data pipeline with fixed input and output types, such as `ToTensor`
/// (`Image` → `Tensor`) or `Normalize` (`Tensor` → `Tensor`).
///
/// Random transforms draw every random number from the generator they are handed. A loader that
/// seeds one generator per sample (from its seed, the epoch and the sample's index) therefore
/// produces the same augmentations whatever the number of workers or the order they run in.
public protocol Transform<Input, Output>: Sendable {
    associatedtype Input
    associatedtype Output
    func callAsFunction(_ input: Input, using generator: inout RandomGenerator) -> Output
}

/// A transform that draws no random numbers, so it can be called without a generator.
public protocol DeterministicTransform<Input, Output>: Transform {
    func callAsFunction(_ input: Input) -> Output
}

extension DeterministicTransform {
    @inlinable public func callAsFunction(_ input: Input, using generator: inout RandomGenerator) -> Output { self(input) }
}

/// A transform that applies to an `Image` and to a CHW tensor alike (crops, flips, resizing,
/// rotation, colour changes), as torchvision's transforms accept a PIL image or a tensor.
///
/// On an `Image` (HWC, uint8) it follows what torchvision does to a PIL image; on a tensor
/// `[channels, height, width]` it follows what torchvision does to a tensor. The two agree for
/// crops, padding and flips; each transform documents where they differ. Inside `Compose` such a
/// transform takes the type of its neighbours; elsewhere `applied(to:)` fixes it.
public protocol ImageTransform: Sendable {
    func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image
    func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor
}

/// An `ImageTransform` that draws no random numbers, so it can be called without a generator.
public protocol DeterministicImageTransform: ImageTransform {
    func callAsFunction(_ image: Image) -> Image
    func callAsFunction(_ tensor: Tensor) -> Tensor
}

extension DeterministicImageTransform {
    @inlinable public func callAsFunction(_ image: Image, using generator: inout RandomGenerator) -> Image { self(image) }
    @inlinable public func callAsFunction(_ tensor: Tensor, using generator: inout RandomGenerator) -> Tensor { self(tensor) }
}

/// The values an `ImageTransform` runs on: `Image` and `Tensor`.
public protocol ImageTransformable: Sendable {
    /// `transform` applied to this value; lets generic code reach the overload for `Self`.
    func applying<T: ImageTransform>(_ transform: T, using generator: inout RandomGenerator) -> Self
}

extension Image: ImageTransformable {
    @inlinable public func applying<T: ImageTransform>(_ transform: T, using generator: inout RandomGenerator) -> Image {
        transform(self, using: &generator)
    }
}

extension Tensor: ImageTransformable {
    @inlinable public func applying<T: ImageTransform>(_ transform: T, using generator: inout RandomGenerator) -> Tensor {
        transform(self, using: &generator)
    }
}

/// An `ImageTransform` fixed to one value type, so it has the typed `Transform` form a loader or a
/// chain of typed transforms needs.
public struct Applied<Base: ImageTransform, Value: ImageTransformable>: Transform {
    public let base: Base

    @inlinable public init(_ base: Base, to _: Value.Type = Value.self) { self.base = base }

    @inlinable public func callAsFunction(_ input: Value, using generator: inout RandomGenerator) -> Value {
        input.applying(base, using: &generator)
    }
}

extension Applied: DeterministicTransform where Base: DeterministicImageTransform {
    public func callAsFunction(_ input: Value) -> Value {
        var unused = RandomGenerator(seed: 0)  // a deterministic base never draws from it
        return input.applying(base, using: &unused)
    }
}

extension ImageTransform {
    /// This transform as a typed `Transform` on `type` (`Image.self` or `Tensor.self`).
    public func applied<Value: ImageTransformable>(to type: Value.Type) -> Applied<Self, Value> { Applied(self, to: type) }
}

/// A transform made from a closure, like torchvision's `Lambda`.
public struct Lambda<Input, Output>: DeterministicTransform {
    public let body: @Sendable (Input) -> Output

    public init(_ body: @escaping @Sendable (Input) -> Output) { self.body = body }

    public func callAsFunction(_ input: Input) -> Output { body(input) }
}
