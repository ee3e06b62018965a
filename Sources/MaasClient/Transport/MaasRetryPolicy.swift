/// When and how long to wait before repeating a failed call. Pure: the caller supplies the jitter.
public struct MaasRetryPolicy: Sendable, Equatable {
    /// Total attempts including the first.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// A longer Retry-After gives up instead of blocking a reconcile; the caller requeues.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 3, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(5),
                maxRetryAfter: Duration = .seconds(30)) {
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// No retries at all.
    public static let none = MaasRetryPolicy(maxAttempts: 1)

    /// The delay before attempt `attempt + 1`, or nil to give up.
    /// - Parameters:
    ///   - attempt: 1-based number of the attempt that just failed.
    ///   - jitter: a value in 0..<1; the backoff is scaled into [50%, 100%] of the exponential step.
    public func delay(afterAttempt attempt: Int, error: MaasError, retry: MaasRequest.Retry, jitter: Double) -> Duration? {
        guard attempt < maxAttempts else { return nil }
        switch error {
        case .unauthorized(.nonceReused, _):
            // Rejected before any processing, so repeating (re-signed) is safe for every op.
            return backoff(attempt: attempt, jitter: jitter)
        case .retryable(_, let retryAfter, _):
            guard retry == .safe else { return nil }
            if let retryAfter {
                return retryAfter <= maxRetryAfter ? retryAfter : nil
            }
            return backoff(attempt: attempt, jitter: jitter)
        default:
            return nil
        }
    }

    func backoff(attempt: Int, jitter: Double) -> Duration {
        let exponent = min(attempt - 1, 20)
        let step = min(baseDelay * (1 << exponent), maxDelay)
        let clamped = min(max(jitter, 0), 1)
        return step * (0.5 + clamped / 2)
    }
}
