import Dispatch
import Foundation
import Kiln

/// Turns SIGINT (Ctrl-C) and SIGTERM into a stop request: the trainer finishes its step, the
/// run writes a checkpoint and exits 130. A second signal ends the process at once.
final class StopSignals {
    private var sources: [DispatchSourceSignal] = []
    private static let signals = [SIGINT, SIGTERM]

    init(stopping request: StopRequest) {
        for number in Self.signals {
            signal(number, SIG_IGN)  // the dispatch source receives it instead of the default handler
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                if request.isRequested { _exit(130) }
                request.request()
                FileHandle.standardError.write(Data("\nstopping after this step (again to quit at once)…\n".utf8))
            }
            source.resume()
            sources.append(source)
        }
    }

    /// Gives the signals back their default handling.
    func restore() {
        for source in sources { source.cancel() }
        for number in Self.signals { signal(number, SIG_DFL) }
    }
}
