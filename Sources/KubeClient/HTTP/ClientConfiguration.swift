/// Tuning of a `KubeClient` (connection, rate limit and retry behaviour).
public struct ClientConfiguration: Sendable {
    /// Client-side rate limit, requests per second (client-go default in controllers: 20).
    public var qps: Double
    /// Client-side burst (default 30).
    public var burst: Int
    public var connectTimeout: Duration
    /// Deadline of a non-watch request, including the body.
    public var requestTimeout: Duration
    /// Raised above AsyncHTTPClient's 8 so long-lived watches do not starve other requests.
    public var maximumConnectionsPerHost: Int
    public var retryPolicy: RetryPolicy
    public var userAgent: String
    /// Limit of one watch line (one object).
    public var maximumWatchLineLength: Int

    public init(
        qps: Double = 20, burst: Int = 30, connectTimeout: Duration = .seconds(10),
        requestTimeout: Duration = .seconds(60), maximumConnectionsPerHost: Int = 64,
        retryPolicy: RetryPolicy = RetryPolicy(), userAgent: String = "capmaas-kube-client",
        maximumWatchLineLength: Int = LineFramer.defaultMaximumLineLength
    ) {
        self.qps = qps
        self.burst = burst
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maximumConnectionsPerHost = maximumConnectionsPerHost
        self.retryPolicy = retryPolicy
        self.userAgent = userAgent
        self.maximumWatchLineLength = maximumWatchLineLength
    }
}
