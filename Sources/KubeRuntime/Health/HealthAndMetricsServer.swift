import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle
import Synchronization

/// Serves `/metrics` (Prometheus text from a `PrometheusCollectorRegistry`), `/healthz` and `/readyz`
/// as a `Service`. `/readyz` is 200 only when every readiness check passes (e.g. caches synced,
/// see `Controller.hasSynced`). Metrics and probes may share one address or use two.
///
/// Bootstrap metrics once at start-up so runtime metrics land in the registry:
/// ```swift
/// let registry = PrometheusCollectorRegistry()
/// MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
/// ```
public final class HealthAndMetricsServer: Service, Sendable {
    /// A named check; returns true when healthy.
    public struct Check: Sendable {
        public var name: String
        public var run: @Sendable () async -> Bool
        public init(_ name: String, _ run: @escaping @Sendable () async -> Bool) {
            self.name = name
            self.run = run
        }
    }

    public let metricsAddress: (host: String, port: Int)
    public let probeAddress: (host: String, port: Int)
    private let registry: PrometheusCollectorRegistry
    private let readinessChecks: [Check]
    private let livenessChecks: [Check]
    private let logger: Logger
    private let ports = Mutex<[String: Int]>([:])

    public init(
        registry: PrometheusCollectorRegistry, metricsHost: String = "127.0.0.1", metricsPort: Int = 8080,
        probeHost: String = "0.0.0.0", probePort: Int = 8081, readinessChecks: [Check] = [], livenessChecks: [Check] = [],
        logger: Logger = Logger(label: "health-metrics")
    ) {
        self.registry = registry
        self.metricsAddress = (metricsHost, metricsPort)
        self.probeAddress = (probeHost, probePort)
        self.readinessChecks = readinessChecks
        self.livenessChecks = livenessChecks
        self.logger = logger
    }

    /// The ports actually bound ("metrics", "probes"), once running (useful with port 0).
    public var boundPorts: [String: Int] { ports.withLock { $0 } }

    /// Runs the servers under the caller's ServiceGroup: `run()` follows its graceful shutdown, whereas
    /// `runService()` would install its own signal handlers and end before the group asked it to.
    public func run() async throws {
        let shared = metricsAddress.host == probeAddress.host && metricsAddress.port == probeAddress.port
        try await withThrowingTaskGroup(of: Void.self) { group in
            if shared {
                group.addTask { try await self.application(role: "metrics", address: self.metricsAddress, metrics: true, probes: true).run() }
            } else {
                group.addTask { try await self.application(role: "metrics", address: self.metricsAddress, metrics: true, probes: false).run() }
                group.addTask { try await self.application(role: "probes", address: self.probeAddress, metrics: false, probes: true).run() }
            }
            try await group.waitForAll()
        }
    }

    private func application(role: String, address: (host: String, port: Int), metrics: Bool, probes: Bool)
        -> some ApplicationProtocol
    {
        let router = Router()
        if metrics {
            router.get("/metrics") { _, _ -> Response in
                var headers = HTTPFields()
                headers[.contentType] = "text/plain; version=0.0.4; charset=utf-8"
                return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: self.registry.emitToString())))
            }
        }
        if probes {
            router.get("/healthz") { _, _ in await Self.evaluate(self.livenessChecks) }
            router.get("/readyz") { _, _ in await Self.evaluate(self.readinessChecks) }
        }
        return Application(
            router: router, configuration: .init(address: .hostname(address.host, port: address.port)),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? address.port
                self.ports.withLock { $0[role] = port }
                if probes, role == "metrics" { self.ports.withLock { $0["probes"] = port } }
            },
            logger: logger)
    }

    private static func evaluate(_ checks: [Check]) async -> Response {
        var failing: [String] = []
        for check in checks where await !check.run() { failing.append(check.name) }
        let text = failing.isEmpty ? "ok\n" : failing.map { "[-]\($0) failed\n" }.joined()
        return Response(status: failing.isEmpty ? .ok : .serviceUnavailable, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
