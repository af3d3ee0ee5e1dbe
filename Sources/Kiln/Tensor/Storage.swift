#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a tensor's storage lives. Only the CPU today; the device is a runtime value so a GPU
/// backend can be added without touching ops, autograd or `nn`.
public enum Device: String, Sendable, CustomStringConvertible {
    case cpu
    public var description: String { rawValue }
}

/// A block of memory shared by a tensor and its views. Immutable after the op that fills it,
/// except through copy-on-write helpers (`Tensor.withMutableStorage`) and optimizers.
public final class TensorStorage: @unchecked Sendable {
    public let data: UnsafeMutableRawPointer
    public let byteCount: Int
    public let device: Device
    /// The bucket the buffer came from, so it can go back to the cache.
    private let capacity: Int
    /// For memory Kiln does not own (a file mapping): called once in `deinit` instead of the cache.
    private let releaseExternal: (@Sendable (UnsafeMutableRawPointer) -> Void)?

    init(byteCount: Int, device: Device = .cpu) {
        self.byteCount = byteCount
        self.device = device
        (data, capacity) = BufferCache.shared.allocate(byteCount: byteCount)
        releaseExternal = nil
    }

    /// Storage over memory owned by someone else (for example an `mmap`ed file); `release` runs
    /// (with `data`) when the last tensor using it goes away. The buffer cache never sees this memory.
    init(external data: UnsafeMutableRawPointer, byteCount: Int, device: Device = .cpu,
         release: @escaping @Sendable (UnsafeMutableRawPointer) -> Void) {
        self.data = data
        self.byteCount = byteCount
        self.device = device
        capacity = 0
        releaseExternal = release
    }

    deinit {
        if let releaseExternal { releaseExternal(data) } else { BufferCache.shared.release(data, capacity: capacity) }
    }
}

/// A size-bucketed cache of freed buffers: a training loop allocates the same sizes every step,
/// and reusing warm pages is much cheaper than fresh `malloc` + page faults for large tensors.
final class BufferCache: @unchecked Sendable {
    static let shared = BufferCache()

    private static let alignment = 64
    private static let smallest = 256        // below this malloc is as fast as any cache
    private static let largest = 1 << 28     // 256 MiB; larger buffers are not kept
    private static let cacheLimit = 1 << 30  // at most 1 GiB of idle buffers in total

    private var lock = pthread_mutex_t()
    private var free: [[UnsafeMutableRawPointer]] = Array(repeating: [], count: 64)
    private var cachedBytes = 0

    private init() { pthread_mutex_init(&lock, nil) }

    /// The bucket (power of two) that holds `byteCount` bytes, or nil when not cached.
    private static func bucket(for byteCount: Int) -> Int? {
        guard byteCount >= smallest, byteCount <= largest else { return nil }
        return Int.bitWidth - (byteCount - 1).leadingZeroBitCount
    }

    func allocate(byteCount: Int) -> (UnsafeMutableRawPointer, Int) {
        guard let b = Self.bucket(for: byteCount) else {
            let size = max(byteCount, 1)
            return (UnsafeMutableRawPointer.allocate(byteCount: size, alignment: Self.alignment), size)
        }
        let capacity = 1 << b
        pthread_mutex_lock(&lock)
        if let p = free[b].popLast() {
            cachedBytes -= capacity
            pthread_mutex_unlock(&lock)
            return (p, capacity)
        }
        pthread_mutex_unlock(&lock)
        return (UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: Self.alignment), capacity)
    }

    func release(_ pointer: UnsafeMutableRawPointer, capacity: Int) {
        if let b = Self.bucket(for: capacity), capacity == 1 << b {
            pthread_mutex_lock(&lock)
            if cachedBytes + capacity <= Self.cacheLimit {
                free[b].append(pointer)
                cachedBytes += capacity
                pthread_mutex_unlock(&lock)
                return
            }
            pthread_mutex_unlock(&lock)
        }
        pointer.deallocate()
    }
}
