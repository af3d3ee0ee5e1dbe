#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import SwiftProtobuf

/// Reads the events of a TensorBoard event file — Kiln's, PyTorch's, TensorFlow's — one at a
/// time, for `kiln inspect`, plots and tests:
///
/// ```swift
/// for path in try EventFileReader.eventFiles(in: "runs/mlp") {
///     for event in try EventFileReader.events(at: path) {
///         for value in event.values { print(event.step, value.tag, value.content) }
///     }
/// }
/// ```
///
/// Every record's length and data are checked against their CRCs (`TFRecordReader`); damage
/// throws `TFRecordError` (a truncated or corrupt record, with its index and offset), a record
/// that is not an `Event` throws `EventFileError`. A file still being written may end inside a
/// record: the events before it are returned by `next()` before the error is thrown.
public final class EventFileReader {
    public let path: String
    private let records: TFRecordReader

    /// Opens `path`; `FileError` when it cannot be opened.
    public init(path: String) throws {
        self.path = path
        records = try TFRecordReader(path: path)
    }

    /// The next event, or nil after the last one.
    public func next() throws -> TensorBoardEvent? {
        let index = records.index
        guard let record = try records.next() else { return nil }
        let event: Tensorboard_Event
        do {
            event = try Tensorboard_Event(serializedBytes: record)
        } catch {
            throw EventFileError(.invalidEvent, file: path, record: index,
                                 "the \(record.count) bytes are not a serialized TensorBoard Event (\(error)); is this an event file?")
        }
        if let (field, wireType) = Self.mistypedField(event.unknownFields.data) {
            throw EventFileError(.invalidEvent, file: path, record: index,
                                 "Event field \(field) has protobuf wire type \(wireType), not its own: the record is not a TensorBoard Event; is this an event file?")
        }
        return Self.convert(event)
    }

    /// The first of the Event fields Kiln declares (1 wall_time, 2 step, 3 file_version,
    /// 5 summary) among `unknown` — where the protobuf decoder puts a known field that has the
    /// wrong wire type, as in a TFRecord of other messages (tf.train.Example's field 1 is a
    /// message, Event's a double) — with its wire type.
    static func mistypedField(_ unknown: Data) -> (field: Int, wireType: Int)? {
        let bytes = [UInt8](unknown)
        var i = 0
        func varint() -> UInt64? {
            var result: UInt64 = 0, shift: UInt64 = 0
            while i < bytes.count && shift < 64 {
                let byte = bytes[i]
                i += 1
                result |= UInt64(byte & 0x7F) << shift
                if byte & 0x80 == 0 { return result }
                shift += 7
            }
            return nil
        }
        while i < bytes.count {
            guard let key = varint() else { return nil }
            let field = Int(key >> 3), wireType = Int(key & 7)
            if [1, 2, 3, 5].contains(field) { return (field, wireType) }
            switch wireType {
            case 0: guard varint() != nil else { return nil }
            case 1: i += 8
            case 2:
                guard let count = varint(), count <= UInt64(bytes.count - i) else { return nil }
                i += Int(count)
            case 5: i += 4
            default: return nil
            }
        }
        return nil
    }

    /// Every event of the file at `path`.
    public static func events(at path: String) throws -> [TensorBoardEvent] {
        let reader = try EventFileReader(path: path)
        var events: [TensorBoardEvent] = []
        while let event = try reader.next() { events.append(event) }
        return events
    }

    /// The event files (`events.out.tfevents.*`) directly in `directory`, in name order — the
    /// order TensorBoard reads them in, which is the order they were started in.
    public static func eventFiles(in directory: String) throws -> [String] {
        guard let stream = opendir(directory) else { throw FileError.system("list the directory", path: directory) }
        defer { closedir(stream) }
        var names: [String] = []
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if EventFileName.matches(name) { names.append(name) }
        }
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return names.sorted().map { base + "/" + $0 }.filter { InputFile.isRegularFile($0) }
    }

    static func convert(_ event: Tensorboard_Event) -> TensorBoardEvent {
        let kind: TensorBoardEvent.Kind
        switch event.what {
        case .fileVersion(let version): kind = .fileVersion(version)
        case .summary(let summary): kind = .summary(summary.value.map(convert))
        case nil: kind = .other
        }
        return TensorBoardEvent(wallTime: event.wallTime, step: Int(event.step), kind: kind)
    }

    static func convert(_ value: Tensorboard_Summary.Value) -> TensorBoardEvent.Value {
        let plugin = value.metadata.pluginData.pluginName
        let pluginName: String? = plugin.isEmpty ? nil : plugin
        let content: TensorBoardEvent.Content
        switch value.value {
        case .simpleValue(let v):
            content = .scalar(Double(v))
        case .histo(let h):
            content = .histogram(TensorBoardEvent.Histogram(min: h.min, max: h.max, count: h.num, sum: h.sum, sumSquares: h.sumSquares,
                                                            bucketLimits: h.bucketLimit, bucketCounts: h.bucket))
        case .image(let image):
            content = .image(TensorBoardEvent.Image(width: Int(image.width), height: Int(image.height), channels: Int(image.colorspace),
                                                    encoded: [UInt8](image.encodedImageString)))
        case .tensor(let tensor):
            content = convert(tensor, pluginName: pluginName)
        case nil:
            content = .other
        }
        return TensorBoardEvent.Value(tag: value.tag, pluginName: pluginName, content: content)
    }

    /// Text and new-style scalars are read as such; other tensors by their dtype and shape.
    static func convert(_ tensor: Tensorboard_TensorProto, pluginName: String?) -> TensorBoardEvent.Content {
        let shape = tensor.tensorShape.dim.map { Int($0.size) }
        let single = shape.allSatisfy { $0 == 1 }
        if pluginName == "text", tensor.dtype == .dtString, single, tensor.stringVal.count == 1 {
            return .text(String(decoding: tensor.stringVal[0], as: UTF8.self))
        }
        if pluginName == "scalars", single, let value = scalarValue(tensor) {
            return .scalar(value)
        }
        return .tensor(dtype: name(of: tensor.dtype), shape: shape)
    }

    /// The one value of a numeric tensor, from its typed field or its raw little-endian bytes.
    private static func scalarValue(_ tensor: Tensorboard_TensorProto) -> Double? {
        let raw = [UInt8](tensor.tensorContent)
        func fromBytes<T>(_: T.Type) -> T? {
            guard raw.count == MemoryLayout<T>.size else { return nil }
            return raw.withUnsafeBytes { $0.loadUnaligned(as: T.self) }
        }
        switch tensor.dtype {
        case .dtFloat:
            if let v = tensor.floatVal.first { return Double(v) }
            return fromBytes(UInt32.self).map { Double(Float(bitPattern: UInt32(littleEndian: $0))) }
        case .dtDouble:
            if let v = tensor.doubleVal.first { return v }
            return fromBytes(UInt64.self).map { Double(bitPattern: UInt64(littleEndian: $0)) }
        case .dtInt32:
            if let v = tensor.intVal.first { return Double(v) }
            return fromBytes(UInt32.self).map { Double(Int32(bitPattern: UInt32(littleEndian: $0))) }
        case .dtInt64:
            if let v = tensor.int64Val.first { return Double(v) }
            return fromBytes(UInt64.self).map { Double(Int64(bitPattern: UInt64(littleEndian: $0))) }
        default: return nil
        }
    }

    private static func name(of type: Tensorboard_DataType) -> String {
        switch type {
        case .dtInvalid: "DT_INVALID"
        case .dtFloat: "DT_FLOAT"
        case .dtDouble: "DT_DOUBLE"
        case .dtInt32: "DT_INT32"
        case .dtUint8: "DT_UINT8"
        case .dtInt16: "DT_INT16"
        case .dtInt8: "DT_INT8"
        case .dtString: "DT_STRING"
        case .dtComplex64: "DT_COMPLEX64"
        case .dtInt64: "DT_INT64"
        case .dtBool: "DT_BOOL"
        case .dtBfloat16: "DT_BFLOAT16"
        case .dtUint16: "DT_UINT16"
        case .dtComplex128: "DT_COMPLEX128"
        case .dtHalf: "DT_HALF"
        case .dtUint32: "DT_UINT32"
        case .dtUint64: "DT_UINT64"
        case .UNRECOGNIZED(let raw): "DataType \(raw)"
        }
    }
}
