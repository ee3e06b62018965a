import Metrics
import Synchronization

/// A MetricsFactory that records counter increments and timer samples by label and dimensions.
final class RecordingMetrics: MetricsFactory, Sendable {
    private let state = Mutex<(counters: [String: Int64], timers: [String: [Int64]])>(([:], [:]))

    static func key(_ label: String, _ dimensions: [(String, String)]) -> String {
        label + "{" + dimensions.map { "\($0.0)=\($0.1)" }.joined(separator: ",") + "}"
    }

    var counters: [String: Int64] { state.withLock { $0.counters } }
    var timers: [String: [Int64]] { state.withLock { $0.timers } }

    final class Handler: CounterHandler, RecorderHandler, TimerHandler, Sendable {
        let key: String
        let owner: RecordingMetrics
        init(key: String, owner: RecordingMetrics) {
            self.key = key
            self.owner = owner
        }
        func increment(by amount: Int64) { owner.state.withLock { $0.counters[key, default: 0] += amount } }
        func reset() {}
        func record(_ value: Int64) {}
        func record(_ value: Double) {}
        func recordNanoseconds(_ duration: Int64) { owner.state.withLock { $0.timers[key, default: []].append(duration) } }
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }
    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }
    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        Handler(key: Self.key(label, dimensions), owner: self)
    }
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}
