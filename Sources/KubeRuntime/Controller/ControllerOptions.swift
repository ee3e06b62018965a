/// Tuning of a `Controller` (controller-runtime defaults).
public struct ControllerOptions: Sendable {
    /// Workers reconciling different keys in parallel (`MaxConcurrentReconciles`, default 1).
    public var maxConcurrentReconciles: Int
    /// Re-enqueue every primary key this often (nil: never).
    public var resyncPeriod: Duration?
    /// How long in-flight reconciles may run after shutdown begins (default 30 s) before they are cancelled.
    public var gracefulShutdownTimeout: Duration
    /// Per-key backoff and overall rate limit of the queue.
    public var baseRetryDelay: Duration
    public var maximumRetryDelay: Duration
    public var queueQPS: Double
    public var queueBurst: Int

    public init(
        maxConcurrentReconciles: Int = 1, resyncPeriod: Duration? = nil, gracefulShutdownTimeout: Duration = .seconds(30),
        baseRetryDelay: Duration = .milliseconds(5), maximumRetryDelay: Duration = .seconds(1000), queueQPS: Double = 10,
        queueBurst: Int = 100
    ) {
        self.maxConcurrentReconciles = max(1, maxConcurrentReconciles)
        self.resyncPeriod = resyncPeriod
        self.gracefulShutdownTimeout = gracefulShutdownTimeout
        self.baseRetryDelay = baseRetryDelay
        self.maximumRetryDelay = maximumRetryDelay
        self.queueQPS = queueQPS
        self.queueBurst = queueBurst
    }
}
