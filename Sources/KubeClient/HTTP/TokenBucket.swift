/// A token bucket in the style of `golang.org/x/time/rate` `Reserve()`: each call takes a token
/// (possibly going negative) and returns how long the caller must wait before using it.
///
/// Pure value type; time is passed in as a `Duration` since an arbitrary epoch.
public struct TokenBucket: Sendable, Equatable {
    public let ratePerSecond: Double
    public let burst: Int
    private var tokens: Double
    private var last: Duration?

    public init(ratePerSecond: Double, burst: Int) {
        self.ratePerSecond = ratePerSecond
        self.burst = max(1, burst)
        self.tokens = Double(max(1, burst))
    }

    /// Reserves one token at `now` and returns the delay before it may be used (zero when available).
    public mutating func reserve(now: Duration) -> Duration {
        guard ratePerSecond > 0 else { return .zero }
        if let last {
            let elapsed = Self.seconds(now - last)
            if elapsed > 0 { tokens = min(Double(burst), tokens + elapsed * ratePerSecond) }
        }
        if last == nil || now > last! { last = now }
        tokens -= 1
        if tokens >= 0 { return .zero }
        return .nanoseconds(Int64((-tokens / ratePerSecond * 1e9).rounded(.up)))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }
}
