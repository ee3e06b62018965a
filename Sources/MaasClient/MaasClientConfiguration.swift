import Logging
import Metrics

/// Everything a `MaasHTTPClient` needs: where, who, how long to wait, how to trust TLS and how to retry.
public struct MaasClientConfiguration: Sendable {
    public var endpoint: MaasEndpoint
    public var credentials: MaasCredentials
    /// TCP (and TLS) connect timeout: bounds one attempt against an address that does not answer at all. A refused
    /// connection fails at once (`MaasError.connectionRefused`), without waiting for this.
    public var connectTimeout: Duration = .seconds(5)
    /// Deadline for one attempt, response body included.
    public var requestTimeout: Duration = .seconds(60)
    /// PEM file with the CA certificate(s) to trust instead of the system roots.
    public var caFilePath: String?
    /// Disables TLS certificate verification. Only for lab setups; off by default.
    public var insecureSkipTLSVerify: Bool = false
    public var retryPolicy: MaasRetryPolicy = .init()
    /// Source of OAuth timestamps.
    public var time: UnixTimeSource = .system
    /// Sleeps between retries.
    public var clock: any Clock<Duration> = ContinuousClock()
    /// Jitter source in 0..<1 for retry backoff.
    public var jitter: @Sendable () -> Double = { Double.random(in: 0..<1) }
    /// Requests are logged at debug level (op, path, status, duration), never keys, headers or user data.
    public var logger: Logger = Logger(label: "maas-client")
    /// Where `maas_api_requests_total{op,code}` and `maas_api_request_duration_seconds{op}` go;
    /// nil = the process-wide `MetricsSystem.factory` (e.g. swift-prometheus).
    public var metricsFactory: (any MetricsFactory)?
    /// Largest accepted response body.
    public var maxResponseBytes: Int = 64 * 1024 * 1024

    public init(endpoint: MaasEndpoint, credentials: MaasCredentials) {
        self.endpoint = endpoint
        self.credentials = credentials
    }

    /// Parses both strings; throws `MaasEndpoint.ParseError` or `MaasCredentials.ParseError` (neither echoes the key).
    public init(endpoint: String, apiKey: String) throws {
        self.init(endpoint: try MaasEndpoint(endpoint), credentials: try MaasCredentials(apiKey: apiKey))
    }
}
