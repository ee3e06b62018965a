/// Exponential backoff with jitter that resets after a healthy period (client-go reflector / kube-rs
/// `DefaultBackoff`: 0.8 s → 30 s, factor 2, reset after 120 s without failures).
///
/// Pure value type: the caller passes `now` (time since any fixed epoch) so tests need no clock.
public struct ExponentialBackoff: Sendable {
    public var initial: Duration
    public var maximum: Duration
    public var factor: Double
    /// Fraction of random spread added on top of each delay (0 disables jitter).
    public var jitter: Double
    public var resetAfter: Duration
    private var failures = 0
    private var lastFailure: Duration?

    public init(
        initial: Duration = .milliseconds(800), maximum: Duration = .seconds(30), factor: Double = 2,
        jitter: Double = 0.2, resetAfter: Duration = .seconds(120)
    ) {
        self.initial = initial
        self.maximum = maximum
        self.factor = factor
        self.jitter = jitter
        self.resetAfter = resetAfter
    }

    /// The delay before the next attempt after a failure at `now`. `random` is in 0..<1 (injected for tests).
    public mutating func nextDelay(now: Duration, random: Double = Double.random(in: 0..<1)) -> Duration {
        if let lastFailure, now - lastFailure >= resetAfter { failures = 0 }
        lastFailure = now
        let base = min(Self.seconds(initial) * pow(factor, failures), Self.seconds(maximum))
        failures += 1
        let jittered = min(base * (1 + jitter * random), Self.seconds(maximum))
        return .nanoseconds(Int64(jittered * 1e9))
    }

    /// Forgets past failures.
    public mutating func reset() {
        failures = 0
        lastFailure = nil
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    private func pow(_ base: Double, _ exponent: Int) -> Double {
        var result = 1.0
        for _ in 0..<min(exponent, 64) { result *= base }
        return result
    }
}
