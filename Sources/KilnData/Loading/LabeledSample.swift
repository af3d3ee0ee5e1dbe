import Kiln

/// An input with its label (an image and its class, features and a target). A batch of them is
/// the tuple `(input:, label:)`, so a training loop can destructure it or name its parts:
///
/// ```swift
/// for (x, y) in loader { … }                       // or
/// for batch in loader { model(batch.input) … batch.label … }
/// ```
public struct LabeledSample<Input: Sendable, Label: Sendable>: Sendable {
    public var input: Input
    public var label: Label

    public init(input: Input, label: Label) {
        self.input = input
        self.label = label
    }
}

extension LabeledSample: Collatable where Input: Collatable, Label: Collatable {
    public static func collate(_ samples: [LabeledSample]) -> (input: Input.Batch, label: Label.Batch) {
        (input: Input.collate(samples.map(\.input)), label: Label.collate(samples.map(\.label)))
    }
}

extension LabeledSample: Equatable where Input: Equatable, Label: Equatable {}
