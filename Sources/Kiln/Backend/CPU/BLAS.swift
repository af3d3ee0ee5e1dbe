#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The platform BLAS, found at run time with `dlopen` so that building Kiln needs no system
/// package: OpenBLAS (`libopenblas.so.0`, Debian's `libopenblas0`) on Linux, Accelerate on macOS.
/// `KILN_BLAS=none` forces the portable Swift kernels; `KILN_BLAS=/path/lib.so` names a library.
enum BLAS {
    typealias SGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
        UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void
    typealias DGEMM = @convention(c) (
        Int32, Int32, Int32, Int32, Int32, Int32, Double, UnsafePointer<Double>?, Int32,
        UnsafePointer<Double>?, Int32, Double, UnsafeMutablePointer<Double>?, Int32) -> Void

    struct Library: @unchecked Sendable {
        let name: String
        let sgemm: SGEMM
        let dgemm: DGEMM
        /// OpenBLAS's `openblas_set_num_threads`, when the library has it.
        let setThreads: (@convention(c) (Int32) -> Void)?
    }

    /// The loaded library, or nil when the Swift fallback is in use.
    static let library: Library? = load()

    private static func load() -> Library? {
        let setting = ProcessInfo.processInfo.environment["KILN_BLAS"]?.trimmingCharacters(in: .whitespaces) ?? ""
        if setting.lowercased() == "none" { return nil }
        #if os(macOS)
        let candidates = setting.isEmpty
            ? ["/System/Library/Frameworks/Accelerate.framework/Accelerate"] : [setting]
        #else
        let candidates = setting.isEmpty
            ? ["libopenblas.so.0", "libopenblas.so", "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
               "/usr/lib/aarch64-linux-gnu/libopenblas.so.0"] : [setting]
        #endif
        // OpenBLAS's idle workers spin (yielding) for up to 2^28 cycles (~0.1 s) after each call,
        // taking the cores from Kiln's own pool in the kernels that follow a product. Let them
        // spin 2^20 cycles (~0.3 ms), unless the user chose otherwise: measured, shorter spins
        // (2^16) put workers to sleep inside runs of products and cost a third of the GEMM speed.
        setenv("OPENBLAS_THREAD_TIMEOUT", "20", 0)
        for path in candidates {
            guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else { continue }
            guard let s = dlsym(handle, "cblas_sgemm"), let d = dlsym(handle, "cblas_dgemm") else {
                dlclose(handle)
                continue
            }
            // OpenBLAS keeps its own threads (it shares packed panels between them, which beats
            // splitting one product across Kiln's pool); size them like Kiln's pool.
            typealias SetThreads = @convention(c) (Int32) -> Void
            let setThreads = dlsym(handle, "openblas_set_num_threads").map { unsafeBitCast($0, to: SetThreads.self) }
            setThreads?(Int32(ThreadPool.threadCount))
            var name = (path as NSString).lastPathComponent
            if let config = dlsym(handle, "openblas_get_config") {
                typealias GetConfig = @convention(c) () -> UnsafePointer<CChar>?
                if let text = unsafeBitCast(config, to: GetConfig.self)() { name = String(cString: text) }
            }
            return Library(name: name, sgemm: unsafeBitCast(s, to: SGEMM.self), dgemm: unsafeBitCast(d, to: DGEMM.self),
                           setThreads: setThreads)
        }
        return nil
    }

    private static let rowMajor: Int32 = 101, noTrans: Int32 = 111, trans: Int32 = 112

    /// C[m×n] = alpha · op(A) · op(B) + beta · C (row-major), through BLAS or the Swift kernel.
    static func gemm<T: FloatElement>(
        transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: T,
        a: UnsafePointer<T>, lda: Int, b: UnsafePointer<T>, ldb: Int,
        beta: T, c: UnsafeMutablePointer<T>, ldc: Int
    ) {
        if m == 0 || n == 0 { return }
        if k == 0 {
            // BLAS leaves C alone for k = 0 only when beta = 1; define it for every beta.
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : beta * c[i * ldc + j] } }
            return
        }
        let ta = transA ? trans : noTrans, tb = transB ? trans : noTrans
        if T.self == Float.self {
            let (a, b, c) = (UnsafeRawPointer(a).assumingMemoryBound(to: Float.self),
                             UnsafeRawPointer(b).assumingMemoryBound(to: Float.self),
                             UnsafeMutableRawPointer(c).assumingMemoryBound(to: Float.self))
            let (alpha, beta) = (alpha as! Float, beta as! Float)
            if let lib = library {
                lib.sgemm(rowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            } else {
                SwiftGEMM.sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            }
        } else if T.self == Double.self {
            let (a, b, c) = (UnsafeRawPointer(a).assumingMemoryBound(to: Double.self),
                             UnsafeRawPointer(b).assumingMemoryBound(to: Double.self),
                             UnsafeMutableRawPointer(c).assumingMemoryBound(to: Double.self))
            let (alpha, beta) = (alpha as! Double, beta as! Double)
            if let lib = library {
                lib.dgemm(rowMajor, ta, tb, Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
            } else {
                SwiftGEMM.dgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha, a: a, lda: lda,
                                b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
            }
        } else {
            fatalError("gemm: unsupported element type \(T.self)")
        }
    }
}

extension BLAS {
    /// Runs `body`, whose products run one per pool thread, with the library single-threaded, so
    /// that the pool's threads do not each wake the library's threads too. Products on other
    /// threads meanwhile run single-threaded as well: slower, never wrong. Nested and concurrent
    /// callers are counted, and the last one out restores the library's threads.
    static func withSingleThreadedLibrary<R>(_ body: () -> R) -> R {
        guard let set = library?.setThreads, ThreadPool.threadCount > 1 else { return body() }
        singleThreadedUsers.withLock { count in
            if count == 0 { set(1) }
            count += 1
        }
        defer {
            singleThreadedUsers.withLock { count in
                count -= 1
                if count == 0 { set(Int32(ThreadPool.threadCount)) }
            }
        }
        return body()
    }

    private static let singleThreadedUsers = LockedCounter()
}

/// An integer behind a lock.
private final class LockedCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func withLock<R>(_ body: (inout Int) -> R) -> R {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}

extension Kiln {
    /// Which matrix-multiply library and how many threads are in use, e.g.
    /// "BLAS: OpenBLAS 0.3.21 DYNAMIC_ARCH …; threads: 2".
    public static var backendDescription: String {
        let blas = BLAS.library?.name ?? "none (portable Swift kernels)"
        return "BLAS: \(blas); threads: \(ThreadPool.threadCount)"
    }
}
