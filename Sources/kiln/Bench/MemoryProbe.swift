import Foundation
import Kiln

/// Runs forward/backward/update steps of a small MLP and samples resident memory.
enum MemoryProbe {
    struct Sample { let step: Int; let megabytes: Double }

    static func trainingTrace(steps: Int, every: Int) -> [Sample] {
        let w1 = Parameter(Tensor(randomNormal: [32, 64], seed: 1) * 0.1), b1 = Parameter(Tensor.zeros([64]))
        let w2 = Parameter(Tensor(randomNormal: [64, 10], seed: 2) * 0.1), b2 = Parameter(Tensor.zeros([10]))
        let parameters = [w1, b1, w2, b2]
        let x = Tensor(randomNormal: [16, 32], seed: 3)
        let labels = Tensor(randomIntegers: [16, 1], high: 10, seed: 4)
        var samples: [Sample] = []
        for step in 1...steps {
            let hidden = relu(matmul(x, w1.value) + b1.value)
            let logits = matmul(hidden, w2.value) + b2.value
            let loss = -logits.logSoftmax(axis: 1).gathering(alongAxis: 1, index: labels).mean()
            loss.backward()
            noGrad {
                for p in parameters {
                    p.value = p.value - p.grad! * 0.01
                    p.zeroGrad()
                }
            }
            if step % every == 0 {
                samples.append(Sample(step: step, megabytes: Double(Kiln.residentMemoryBytes() ?? 0) / 1_048_576))
            }
        }
        return samples
    }

    /// The resident set size now, in MiB.
    static func residentMiB() -> Double? {
        Kiln.residentMemoryBytes().map { Double($0) / 1_048_576 }
    }

    /// The process's peak resident set size so far (`VmHWM` in `/proc/self/status`), in MiB: what
    /// `getrusage`'s `ru_maxrss` reports to Python. Linux only; nil elsewhere.
    static func peakResidentMiB() -> Double? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Double($0) })
        else { return nil }
        return kilobytes / 1024
    }
}
