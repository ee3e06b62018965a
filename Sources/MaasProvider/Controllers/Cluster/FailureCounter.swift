import Logging
import KubeRuntime
import KubeCore
import Synchronization

/// Consecutive failures per object, in memory, so retries back off without a status write per failure (a restart
/// starts over, which is harmless: the first retries are short anyway). Shared by every pass of one reconciler.
final class FailureCounter<Key: Hashable & Sendable>: Sendable {
    private let counts = Mutex<[Key: Int]>([:])
    /// Spreads a backoff delay so objects that failed together do not retry together (injected: tests pass identity).
    let jitter: @Sendable (Duration) -> Duration

    /// - Parameter jitter: maps a backoff delay to the one used; the default adds up to 20 %.
    init(jitter: @escaping @Sendable (Duration) -> Duration = FailureCounter.randomJitter) {
        self.jitter = jitter
    }

    /// Records a failure and returns the number of earlier consecutive failures.
    func recordFailure(_ key: Key) -> Int {
        counts.withLock { counts in
            let previous = counts[key, default: 0]
            counts[key] = previous + 1
            return previous
        }
    }

    /// Forgets the key's failures (after a success, or when the object is gone).
    func reset(_ key: Key) {
        _ = counts.withLock { $0.removeValue(forKey: key) }
    }

    /// Consecutive failures recorded for `key`.
    func count(_ key: Key) -> Int {
        counts.withLock { $0[key, default: 0] }
    }

    /// `delay` plus 0–20 % at random.
    static func randomJitter(_ delay: Duration) -> Duration {
        delay * Double.random(in: 1.0..<1.2)
    }
}
