import Logging
import MaasClient
import Synchronization

/// A clock whose sleeps return at once and are recorded.
final class RecordingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))

    var now: Instant { Instant(offset: state.withLock { $0.now }) }
    var minimumResolution: Duration { .zero }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        state.withLock { s in
            s.sleeps.append(deadline.offset - s.now)
            s.now = max(s.now, deadline.offset)
        }
    }
}

/// Captures log lines (message plus metadata) in memory.
final class CapturedLogs: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    func append(_ line: String) { lines.withLock { $0.append(line) } }

    var logger: Logger {
        var logger = Logger(label: "test") { _ in CapturingLogHandler(sink: self) }
        logger.logLevel = .trace
        return logger
    }
}

struct CapturingLogHandler: LogHandler {
    let sink: CapturedLogs
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let merged = metadata.merging(event.metadata ?? [:]) { _, new in new }
        sink.append("\(event.level) \(event.message) \(merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))")
    }
}

enum TestKeys {
    static let consumer = "cKey0123456789abcd"
    static let token = "tKey0123456789abcd"
    static let secret = "sEcReT0123456789abcdefghijklmnop"
    static let apiKey = "\(consumer):\(token):\(secret)"
}

/// Runs `body` with a client for the stub (fixed timestamp, instant recorded sleeps, no jitter), then shuts it down.
func withStubClient(_ baseURL: String, clock: RecordingClock = RecordingClock(), logs: CapturedLogs? = nil,
                    retry: MaasRetryPolicy = .init(), connectTimeout: Duration = .seconds(10),
                    metrics: RecordingMetrics? = nil, _ body: (MaasHTTPClient) async throws -> Void) async throws {
    var config = try MaasClientConfiguration(endpoint: baseURL, apiKey: TestKeys.apiKey)
    config.time = UnixTimeSource { 1_700_000_000 }
    config.clock = clock
    config.jitter = { 0.5 }
    config.retryPolicy = retry
    config.requestTimeout = .seconds(10)
    config.connectTimeout = connectTimeout
    if let logs { config.logger = logs.logger }
    config.metricsFactory = metrics
    try await MaasHTTPClient.withClient(config, body)
}
