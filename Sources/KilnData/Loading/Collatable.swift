import Kiln

/// A sample type that knows how to join samples into a batch (PyTorch's `default_collate`).
///
/// - `Tensor`: stacked along a new first axis (`[3, 32, 32]` samples → `[batch, 3, 32, 32]`).
/// - Swift numbers and `Bool`: a 1-D tensor (`Int` → int64, `Double` → float64, `Float` →
///   float32, as PyTorch turns Python ints and floats into int64 and float64 tensors).
/// - Arrays and dictionaries of collatable values: collated entry by entry (`[Tensor]` → `[Tensor]`).
/// - `LabeledSample`: input and label collated separately into an `(input:, label:)` tuple.
///
/// Tuples cannot conform to protocols; tuples of collatable values still collate, entry by
/// entry, through `collate(_:)` (the free function), which `DataLoader` and `batch` use.
public protocol Collatable: Sendable {
    associatedtype Batch: Sendable
    /// Joins `samples` (at least one) into a batch.
    static func collate(_ samples: [Self]) -> Batch
}

/// Joins tuples of collatable values entry by entry: `[(image, label)]` → `(images, labels)`.
/// (Two entries or more: a single value collates through its own `collate`, and accepting
/// one-entry "tuples" here would make every call with a collatable sample ambiguous.)
public func collate<First: Collatable, Second: Collatable, each Rest: Collatable>(
    _ samples: [(First, Second, repeat each Rest)]
) -> (First.Batch, Second.Batch, repeat (each Rest).Batch) {
    collateEntries(samples)
}

/// Tuples of any length, entry by entry.
private func collateEntries<each Value: Collatable>(_ samples: [(repeat each Value)]) -> (repeat (each Value).Batch) {
    let columns = (repeat CollationColumn<each Value>(capacity: samples.count))
    for sample in samples {
        repeat (each columns).values.append(each sample)
    }
    return (repeat (each Value).collate((each columns).values))
}

/// One entry of the tuples being collated, gathered over the samples.
final class CollationColumn<Value> {
    var values: [Value] = []
    init(capacity: Int) { values.reserveCapacity(capacity) }
}

extension Tensor: Collatable {
    /// Stacks samples of one shape and dtype along a new first axis, copying each sample's bytes
    /// once into the batch.
    public static func collate(_ samples: [Tensor]) -> Tensor {
        require(!samples.isEmpty, "collate: needs at least one sample")
        let first = samples[0]
        for (i, t) in samples.enumerated() where t.shape != first.shape || t.dtype != first.dtype {
            require(false, "collate: sample \(i) is \(t.dtype) \(t.shape) but sample 0 is \(first.dtype) \(first.shape); samples in a batch need one shape and dtype")
        }
        let sampleBytes = first.count * first.dtype.byteSize
        let (total, overflow) = sampleBytes.multipliedReportingOverflow(by: samples.count)
        require(!overflow, "collate: a batch of \(samples.count) samples of shape \(first.shape) is too large")
        let memory = UnsafeMutableRawPointer.allocate(byteCount: Swift.max(total, 1), alignment: 64)
        for (i, t) in samples.enumerated() where sampleBytes > 0 {
            t.withUnsafeBytes { bytes in
                (memory + i * sampleBytes).copyMemory(from: bytes.baseAddress!, byteCount: sampleBytes)
            }
        }
        return Tensor(externalBytes: memory, byteCount: total, shape: [samples.count] + first.shape, dtype: first.dtype,
                      release: { $0.deallocate() })
    }
}

extension Int: Collatable {
    public static func collate(_ samples: [Int]) -> Tensor { Tensor(samples.map { Int64($0) }) }
}

extension Int64: Collatable {
    public static func collate(_ samples: [Int64]) -> Tensor { Tensor(samples) }
}

extension Int32: Collatable {
    public static func collate(_ samples: [Int32]) -> Tensor { Tensor(samples) }
}

extension UInt8: Collatable {
    public static func collate(_ samples: [UInt8]) -> Tensor { Tensor(samples) }
}

extension Float: Collatable {
    public static func collate(_ samples: [Float]) -> Tensor { Tensor(samples) }
}

extension Double: Collatable {
    public static func collate(_ samples: [Double]) -> Tensor { Tensor(samples) }
}

extension Bool: Collatable {
    public static func collate(_ samples: [Bool]) -> Tensor { Tensor(samples) }
}

extension Array: Collatable where Element: Collatable {
    /// Collates entry `j` of every sample into entry `j` of the batch; samples need the same count.
    public static func collate(_ samples: [[Element]]) -> [Element.Batch] {
        require(!samples.isEmpty, "collate: needs at least one sample")
        let n = samples[0].count
        for (i, s) in samples.enumerated() where s.count != n {
            require(false, "collate: sample \(i) has \(s.count) entries but sample 0 has \(n)")
        }
        return (0..<n).map { j in Element.collate(samples.map { $0[j] }) }
    }
}

extension Dictionary: Collatable where Key == String, Value: Collatable {
    /// Collates the values of each key (named features, as `tf.train.Example` holds them); all
    /// samples need the same keys.
    public static func collate(_ samples: [[String: Value]]) -> [String: Value.Batch] {
        require(!samples.isEmpty, "collate: needs at least one sample")
        let keys = samples[0].keys
        for (i, s) in samples.enumerated() where s.count != keys.count || !keys.allSatisfy({ s[$0] != nil }) {
            require(false, "collate: sample \(i) has the keys \(s.keys.sorted()) but sample 0 has \(keys.sorted())")
        }
        var batch: [String: Value.Batch] = [:]
        for key in keys {
            batch[key] = Value.collate(samples.map { $0[key]! })
        }
        return batch
    }
}
