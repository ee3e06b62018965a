import Foundation
/// Which failed requests are retried and after how long.
///
/// Safe to retry: any verb on 429 (the server did not act on it) and 5xx for reads
/// (GET, LIST, watch establishment). A `Retry-After` from the server wins, capped at `maximumDelay`.
public struct RetryPolicy: Sendable, Equatable {
    public var maximumRetries: Int
    public var initialDelay: Duration
    public var maximumDelay: Duration

    public init(maximumRetries: Int = 3, initialDelay: Duration = .milliseconds(200), maximumDelay: Duration = .seconds(30)) {
        self.maximumRetries = maximumRetries
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
    }

    /// No retries at all.
    public static let none = RetryPolicy(maximumRetries: 0)

    /// The delay before retry number `attempt` (0-based), or nil to give up.
    /// `statusCode` is nil for a transport error.
    public func delay(method: String, statusCode: Int?, attempt: Int, retryAfter: Duration?) -> Duration? {
        guard attempt < maximumRetries else { return nil }
        let isRead = method == "GET" || method == "HEAD"
        let retryable: Bool
        switch statusCode {
        case 429?: retryable = true
        case let code? where (500...599).contains(code): retryable = isRead
        case nil: retryable = isRead  // connection refused / reset before a response
        default: retryable = false
        }
        guard retryable else { return nil }
        if let retryAfter { return min(retryAfter, maximumDelay) }
        let factor = 1 << min(attempt, 20)
        return min(initialDelay * factor, maximumDelay)
    }

    /// Parses a `Retry-After` header given in seconds (the form the API server sends).
    public static func parseRetryAfter(_ value: String?) -> Duration? {
        guard let value, let seconds = Int(value.trimmingCharacters(in: .whitespaces)), seconds >= 0 else { return nil }
        return .seconds(seconds)
    }
}
