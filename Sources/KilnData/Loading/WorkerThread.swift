#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A joinable OS thread running one closure: a loader's worker. Foundation's `Thread` cannot be
/// joined, and a loader that stops early must know its workers are gone before it returns.
final class WorkerThread {
    #if canImport(Darwin)
    private var handle: pthread_t?
    #else
    private var handle = pthread_t()
    #endif
    private var joined = false

    /// Starts a thread that runs `body`; `name` says which in an error.
    init(name: String, body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(WorkerThreadContext(body: body)).toOpaque()
        let status = pthread_create(&handle, nil, { argument in
            let raw: UnsafeMutableRawPointer? = argument
            let context = Unmanaged<WorkerThreadContext>.fromOpaque(raw!).takeRetainedValue()
            context.body()
            return nil
        }, context)
        if status != 0 {
            Unmanaged<WorkerThreadContext>.fromOpaque(context).release()
            fatalError("DataLoader: cannot start worker thread \(name): \(String(cString: strerror(status)))")
        }
    }

    /// Waits until the thread has finished.
    func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Darwin)
        if let handle { pthread_join(handle, nil) }
        #else
        pthread_join(handle, nil)
        #endif
    }

    deinit { join() }
}

private final class WorkerThreadContext {
    let body: @Sendable () -> Void
    init(body: @escaping @Sendable () -> Void) {
        self.body = body
    }
}
