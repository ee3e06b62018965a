import Logging
import KubeRuntime
import KubeCore
import Synchronization

/// Consecutive failures per object, in memory, so retries back off (a restart starts over, which is harmless).
final class FailureCounter: Sendable {
    private let counts = Mutex<[ObjectKey: Int]>([:])

    init() {}

    /// Records a failure and returns the number of earlier consecutive failures.
    func recordFailure(_ key: ObjectKey) -> Int {
        counts.withLock { counts in
            let previous = counts[key, default: 0]
            counts[key] = previous + 1
            return previous
        }
    }

    func reset(_ key: ObjectKey) {
        _ = counts.withLock { $0.removeValue(forKey: key) }
    }
}
