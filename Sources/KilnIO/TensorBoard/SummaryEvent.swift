#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SwiftProtobuf

/// The events `SummaryWriter` writes, built as `torch.utils.tensorboard` builds them, and their
/// serialized bytes (one TFRecord payload each).
enum SummaryEvent {
    /// The first event of every file: `Event(wall_time, file_version="brain.Event:2")`.
    static func fileVersion(wallTime: Double) -> Tensorboard_Event {
        var event = Tensorboard_Event()
        event.wallTime = wallTime
        event.fileVersion = "brain.Event:2"
        return event
    }

    /// An event holding one summary value.
    static func summary(_ value: Tensorboard_Summary.Value, step: Int, wallTime: Double) -> Tensorboard_Event {
        var event = Tensorboard_Event()
        event.wallTime = wallTime
        event.step = Int64(step)
        event.summary.value = [value]
        return event
    }

    /// A legacy scalar, `Value(tag, simple_value)`: what PyTorch's `add_scalar` writes by default,
    /// read by TensorBoard's scalar dashboard and its `EventAccumulator.Scalars`.
    static func scalar(tag: String, value: Double) -> Tensorboard_Summary.Value {
        var proto = Tensorboard_Summary.Value()
        proto.tag = tag
        proto.simpleValue = Float(value)
        return proto
    }

    static func histogram(tag: String, _ histogram: Tensorboard_HistogramProto) -> Tensorboard_Summary.Value {
        var proto = Tensorboard_Summary.Value()
        proto.tag = tag
        proto.histo = histogram
        return proto
    }

    static func image(tag: String, _ image: Tensorboard_Summary.Image) -> Tensorboard_Summary.Value {
        var proto = Tensorboard_Summary.Value()
        proto.tag = tag
        proto.image = image
        return proto
    }

    /// Text as PyTorch's `add_text` writes it: the tag + "/text_summary", plugin "text" (its
    /// settings, `TextPluginData(version=0)`, serialize to nothing), a DT_STRING tensor of shape [1].
    static func text(tag: String, _ text: String) -> Tensorboard_Summary.Value {
        var proto = Tensorboard_Summary.Value()
        proto.tag = tag + "/text_summary"
        proto.metadata.pluginData.pluginName = "text"
        proto.tensor.dtype = .dtString
        var dimension = Tensorboard_TensorShapeProto.Dim()
        dimension.size = 1
        proto.tensor.tensorShape.dim = [dimension]
        proto.tensor.stringVal = [Data(text.utf8)]
        return proto
    }

    static func serialized(_ event: Tensorboard_Event) -> [UInt8] {
        do {
            return try event.serializedBytes()
        } catch {
            // Only a message over protobuf's 2 GiB limit fails to encode.
            preconditionFailure("SummaryWriter: \(error) (a TensorBoard event must stay under 2 GiB)")
        }
    }
}
