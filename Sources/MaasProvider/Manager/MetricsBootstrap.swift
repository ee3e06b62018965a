import Metrics
import Prometheus
import Synchronization

/// The process-wide Prometheus registry. `MetricsSystem.bootstrap` may run only once per process, so the
/// manager command, the sandbox and tests share this one.
public enum MetricsBootstrap {
    private static let registry = Mutex<PrometheusCollectorRegistry?>(nil)

    /// Bootstraps swift-metrics with Prometheus on first call; returns the registry every time.
    public static func prometheusRegistry() -> PrometheusCollectorRegistry {
        registry.withLock { current in
            if let current { return current }
            let created = PrometheusCollectorRegistry()
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: created))
            current = created
            return created
        }
    }
}
