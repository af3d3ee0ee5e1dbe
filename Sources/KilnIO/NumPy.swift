#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Kiln

/// Reads and writes NumPy's `.npy` files (one array) and `.npz` archives (a zip of `.npy` files,
/// by name), the array formats of the Python ecosystem.
///
/// ```swift
/// let x = try NumPy.load("features.npy")                     // np.save(...) in Python
/// try NumPy.save(predictions, to: "predictions.npy")          // np.load(...) in Python
/// let arrays = try NumPy.loadArchive("data.npz")              // ["x": Tensor, "y": Tensor]
/// try NumPy.saveArchive(["x": x, "y": y], to: "out.npz", compressed: true)
/// ```
///
/// Reading accepts format versions 1.0, 2.0 and 3.0, little- and big-endian data (`>f4` is
/// byte-swapped), Fortran-order arrays (returned in C order) and 0-d arrays; the dtypes are
/// `|b1`, `|u1`, `<i4`, `<i8`, `<f2`, `<f4`, `<f8`. Other NumPy dtypes (`|i1`, `<i2`, `<u2`,
/// `<u4`, complex, strings, structured) throw `unsupportedDType` with the conversion to make in
/// NumPy; object arrays (pickles) are refused, as `np.load(allow_pickle=False)` does. Writing
/// gives the bytes `np.save` writes for the same array (bfloat16, which NumPy lacks, is written
/// as float32, exactly). Bad content throws `NumPyError`, system failures `FileError`; nothing in
/// a file can crash the process.
public enum NumPy {
    /// `.npy` files at least this large are memory-mapped: little-endian C-order arrays then alias
    /// the mapping without a copy (see `SafeTensors.mappingThreshold` for the guarantees).
    public static let mappingThreshold = 1 << 20

    /// The array in the `.npy` file at `path`. Bytes after the array (another `np.save` to the
    /// same open file) are ignored, as `np.load` does.
    public static func load(_ path: String) throws -> Tensor {
        try load(path, mappingThreshold: mappingThreshold)
    }

    /// `load` with a chosen threshold, so tests can take the mapping path with small files.
    static func load(_ path: String, mappingThreshold: Int) throws -> Tensor {
        try withFile(path, mappingThreshold: mappingThreshold) { bytes, mapping in
            try decode(bytes, file: path, mapping: mapping)
        }
    }

    /// The array in the bytes of a `.npy` file; the tensor is a copy.
    public static func decode(_ bytes: [UInt8]) throws -> Tensor {
        try bytes.withUnsafeBytes { try decode($0, file: "<memory>", mapping: nil) }
    }

    /// The array in the bytes of a `.npy` file; the tensor is a copy.
    public static func decode(_ bytes: UnsafeRawBufferPointer) throws -> Tensor {
        try decode(bytes, file: "<memory>", mapping: nil)
    }

    /// The bytes `np.save` writes for `tensor` (non-contiguous tensors are written contiguous).
    public static func encode(_ tensor: Tensor) -> [UInt8] {
        let tensor = savable(tensor)
        var bytes = header(for: tensor)
        bytes.reserveCapacity(bytes.count + tensor.count * tensor.dtype.byteSize)
        tensor.withUnsafeBytes { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// Writes `tensor` to `path` as `np.save` would, atomically: the file appears complete or not
    /// at all. (Unlike `np.save`, no `.npy` extension is appended to the path.)
    public static func save(_ tensor: Tensor, to path: String) throws {
        let tensor = savable(tensor)
        let prefix = header(for: tensor)
        try AtomicFile.write(to: path) { sink in
            try sink.write(prefix)
            try tensor.withUnsafeBytes { try sink.write($0) }
        }
    }

    /// The tensor as NumPy can hold it: bfloat16 widened to float32.
    static func savable(_ tensor: Tensor) -> Tensor {
        tensor.dtype == .bfloat16 ? tensor.cast(to: .float32) : tensor
    }

    static func header(for tensor: Tensor) -> [UInt8] {
        NumPyHeader.encode(descr: NumPyDType.descr(for: tensor.dtype), shape: tensor.shape)
    }

    /// Opens `path` and calls `body` with its bytes: mapped when the file is at least
    /// `mappingThreshold` bytes (the mapping is passed along so tensors may alias it), else read.
    static func withFile<R>(_ path: String, mappingThreshold: Int,
                            _ body: (UnsafeRawBufferPointer, MappedFile?) throws -> R) throws -> R {
        try InputFile(path).withContents(mappingThreshold: mappingThreshold, body)
    }

    /// Decodes one `.npy` image. When `mapping` is given, `bytes` lie inside it and a
    /// little-endian, C-order, aligned, non-bool array becomes a view of it.
    static func decode(_ bytes: UnsafeRawBufferPointer, file: String, mapping: MappedFile?) throws(NumPyError) -> Tensor {
        let header = try NumPyHeader(parsing: bytes, file: file)
        let type: NumPyDType
        do {
            type = try NumPyDType(descr: header.descr)
        } catch {
            switch error {
            case .object:
                throw NumPyError(.objectArray, file: file, offset: 8,
                                 "an object array (dtype '\(header.descr)') holds a Python pickle, which Kiln refuses to load (like np.load with allow_pickle=False)")
            case .unsupported(let reason):
                throw NumPyError(.unsupportedDType, file: file, offset: 8, reason)
            }
        }
        let dtype = type.dtype
        var byteCount = dtype.byteSize
        for size in header.shape {
            let (product, overflow) = byteCount.multipliedReportingOverflow(by: size)
            guard !overflow else {
                throw NumPyError(.overflow, file: file, offset: 8, "shape \(header.shape) of \(header.descr) is too large to address")
            }
            byteCount = product
        }
        let available = bytes.count - header.dataStart
        guard available >= byteCount else {
            throw NumPyError(.truncatedData, file: file, offset: bytes.count,
                             "shape \(header.shape) of '\(header.descr)' needs \(byteCount) data bytes after the header (byte \(header.dataStart)), but only \(available) follow")
        }
        let data = UnsafeRawBufferPointer(rebasing: bytes[header.dataStart..<(header.dataStart + byteCount)])
        // Fortran order is C order of the reversed shape, transposed back below.
        let storedShape = header.fortranOrder ? Array(header.shape.reversed()) : header.shape
        var tensor: Tensor
        if type.isBigEndian {
            tensor = byteSwapped(data, shape: storedShape, dtype: dtype)
        } else if let mapping, let base = data.baseAddress, byteCount > 0, dtype != .bool, !header.fortranOrder,
                  Int(bitPattern: base) % dtype.byteSize == 0 {
            tensor = Tensor(externalBytes: UnsafeMutableRawPointer(mutating: base), byteCount: byteCount, shape: storedShape,
                            dtype: dtype, release: { _ in withExtendedLifetime(mapping) {} })
        } else {
            tensor = Tensor(copying: data, shape: storedShape, dtype: dtype)
        }
        if header.fortranOrder && header.shape.count > 1 {
            tensor = tensor.permuted(Array((0..<header.shape.count).reversed())).contiguous()
        }
        return tensor
    }

    /// A tensor from big-endian elements, each byte-reversed.
    private static func byteSwapped(_ data: UnsafeRawBufferPointer, shape: [Int], dtype: DType) -> Tensor {
        let size = dtype.byteSize
        var swapped = [UInt8](repeating: 0, count: data.count)
        swapped.withUnsafeMutableBytes { out in
            guard let src = data.baseAddress, let dst = out.baseAddress else { return }
            var i = 0
            while i < data.count {
                for j in 0..<size {
                    dst.storeBytes(of: src.load(fromByteOffset: i + j, as: UInt8.self), toByteOffset: i + size - 1 - j, as: UInt8.self)
                }
                i += size
            }
        }
        return swapped.withUnsafeBytes { Tensor(copying: $0, shape: shape, dtype: dtype) }
    }
}
