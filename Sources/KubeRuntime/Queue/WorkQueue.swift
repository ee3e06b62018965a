import DequeModule
import HeapModule
import KubeClient
import Metrics

/// A controller work queue (client-go `workqueue` semantics) on an injected clock.
///
/// - De-duplicated: a key waiting in the queue is held once (the dirty set).
/// - A key is never handed to two workers at once; a re-add while it is processing runs once afterwards.
/// - `addAfter` keeps the earliest due time per key; `schedule` replaces it (a reconcile's own requeue: the latest
///   pass knows best when to look again); `addFirst` puts a key ahead of the backlog.
/// - `addRateLimited` waits max(per-key exponential 5 ms → 1000 s, overall token bucket 10 qps / 100 burst);
///   `forget` resets the key's failures.
/// - `shutDown` stops handing out keys; `drain()` waits for in-flight keys to finish.
///
/// `runTimers()` must run (the `Controller` does this) for delayed adds to fire: one task sleeping until the earliest
/// due time, however many keys wait (a thousand Ready machines each waiting for their resync are a thousand heap
/// entries, not a thousand sleeping tasks).
public actor WorkQueue<Key: Hashable & Sendable, C: Clock> where C.Duration == Duration {
    public struct Configuration: Sendable {
        public var name: String
        public var baseDelay: Duration
        public var maximumDelay: Duration
        public var qps: Double
        public var burst: Int

        public init(name: String, baseDelay: Duration = .milliseconds(5), maximumDelay: Duration = .seconds(1000), qps: Double = 10, burst: Int = 100) {
            self.name = name
            self.baseDelay = baseDelay
            self.maximumDelay = maximumDelay
            self.qps = qps
            self.burst = burst
        }
    }

    public nonisolated let configuration: Configuration
    public nonisolated let clock: C
    private let start: C.Instant
    private var queue: Deque<Key> = []
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    /// Keys `addFirst`ed while processing: they go to the front when done.
    private var firstAfterDone: Set<Key> = []
    /// The due time of each delayed key; `timers` may also hold superseded entries, dropped when they come due.
    private var delayed: [Key: C.Instant] = [:]
    private var timers = Heap<Timer>()
    /// `runTimers` waiting for an earlier due time than the one it sleeps until (or for shutdown).
    private var timerWaiter: CheckedContinuation<Void, Never>?
    /// An earlier due time arrived while `runTimers` was not waiting: its next wait returns at once.
    private var earlierTimerPending = false
    private var failures: [Key: Int] = [:]
    private var bucket: TokenBucket
    private var waiters: Deque<(id: Int, continuation: CheckedContinuation<Key?, Never>)> = []
    private var nextWaiterID = 0
    private var drainWaiters: [CheckedContinuation<Void, Never>] = []
    private var enqueuedAt: [Key: C.Instant] = [:]
    private var startedAt: [Key: C.Instant] = [:]
    private var shuttingDown = false
    private let depth: Gauge
    private let adds: Counter
    private let retries: Counter
    private let queueDuration: Metrics.Timer
    private let workDuration: Metrics.Timer

    public init(configuration: Configuration, clock: C) {
        self.configuration = configuration
        self.clock = clock
        self.start = clock.now
        self.bucket = TokenBucket(ratePerSecond: configuration.qps, burst: configuration.burst)
        let dimensions = [("name", configuration.name), ("controller", configuration.name)]
        depth = Gauge(label: "workqueue_depth", dimensions: dimensions)
        adds = Counter(label: "workqueue_adds_total", dimensions: dimensions)
        retries = Counter(label: "workqueue_retries_total", dimensions: dimensions)
        queueDuration = Metrics.Timer(label: "workqueue_queue_duration_seconds", dimensions: dimensions)
        workDuration = Metrics.Timer(label: "workqueue_work_duration_seconds", dimensions: dimensions)
    }

    /// Number of keys waiting (not counting in-flight or delayed keys).
    public var count: Int { queue.count }
    /// Keys currently being processed.
    public var processingCount: Int { processing.count }
    /// Keys waiting for a delayed add.
    public var delayedCount: Int { delayed.count }
    public var isShuttingDown: Bool { shuttingDown }

    /// Adds a key now.
    public func add(_ key: Key) {
        guard !shuttingDown else { return }
        adds.increment()
        guard !dirty.contains(key) else { return }
        dirty.insert(key)
        enqueuedAt[key] = clock.now
        guard !processing.contains(key) else { return }  // runs again after `done`
        deliver(key)
    }

    /// Adds a key ahead of every waiting key (or moves it there when it is already waiting): for keys with news a
    /// user waits on (e.g. a batched poll saw the machine finish deploying), so they do not queue behind a backlog.
    /// A key being processed still runs once afterwards, as with `add`.
    public func addFirst(_ key: Key) {
        guard !shuttingDown else { return }
        adds.increment()
        if dirty.contains(key) {
            guard let index = queue.firstIndex(of: key) else {
                firstAfterDone.insert(key)  // processing: runs again first after `done`
                return
            }
            queue.remove(at: index)
            queue.prepend(key)
            return
        }
        dirty.insert(key)
        enqueuedAt[key] = clock.now
        guard !processing.contains(key) else {
            firstAfterDone.insert(key)
            return
        }
        if let waiter = waiters.popFirst() {
            begin(key)
            waiter.continuation.resume(returning: key)
        } else {
            queue.prepend(key)
            depth.record(queue.count)
        }
    }

    /// Adds a key after `delay`; an earlier pending due time for the same key wins.
    public func add(_ key: Key, after delay: Duration) {
        guard !shuttingDown else { return }
        guard delay > .zero else { return add(key) }
        let due = clock.now.advanced(by: delay)
        if let existing = delayed[key], existing <= due { return }
        delayed[key] = due
        let earliest = timers.min.map { due < $0.due } ?? true
        timers.insert(Timer(due: due, key: key))
        if earliest { wakeTimers() }
    }

    /// Sets when `key` is next added: `delay` from now, replacing any pending delayed add; nil only cancels it.
    /// For a reconcile's result: a requeue an earlier pass asked for (say, "check the deployment again in 15 s") is
    /// stale once a later pass decided otherwise (the machine became Ready: next look in 10 min), and firing it
    /// anyway costs a reconcile and its reads for nothing.
    public func schedule(_ key: Key, after delay: Duration?) {
        delayed[key] = nil  // a pending timer finds no matching due time and does nothing
        guard let delay else { return }
        add(key, after: delay)
    }

    /// Adds a key after its rate-limited backoff: max(5 ms·2^failures capped at 1000 s, token bucket).
    public func addRateLimited(_ key: Key) {
        let failureCount = failures[key, default: 0]
        failures[key] = failureCount + 1
        retries.increment()
        let perItem = Self.perItemDelay(failures: failureCount, base: configuration.baseDelay, maximum: configuration.maximumDelay)
        let overall = bucket.reserve(now: start.duration(to: clock.now))
        add(key, after: max(perItem, overall))
    }

    /// Resets the failure count of `key` (after a successful reconcile).
    public func forget(_ key: Key) { failures[key] = nil }

    /// How many rate-limited re-adds `key` has had since the last `forget`.
    public func requeues(_ key: Key) -> Int { failures[key, default: 0] }

    /// The next key to process, waiting until one is available; nil once shut down.
    public func get() async -> Key? {
        if shuttingDown { return nil }
        if let key = queue.popFirst() {
            begin(key)
            return key
        }
        nextWaiterID += 1
        let id = nextWaiterID
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                if Task.isCancelled || shuttingDown {
                    continuation.resume(returning: nil)
                } else {
                    waiters.append((id, continuation))
                }
            }
        } onCancel: {
            // Bridges the synchronous cancellation callback into the actor.
            Task { await self.cancelWaiter(id) }
        }
    }

    /// Marks `key` finished; a key re-added meanwhile is queued again.
    public func done(_ key: Key) {
        guard processing.remove(key) != nil else { return }
        if let started = startedAt.removeValue(forKey: key) { workDuration.record(duration: started.duration(to: clock.now)) }
        let first = firstAfterDone.remove(key) != nil
        if dirty.contains(key), !shuttingDown {
            if first, waiters.isEmpty {
                queue.prepend(key)
                depth.record(queue.count)
            } else {
                deliver(key)
            }
        }
        if shuttingDown, processing.isEmpty {
            let waiting = drainWaiters
            drainWaiters = []
            for waiter in waiting { waiter.resume() }
        }
    }

    /// Stops handing out keys; waiting `get()` calls return nil.
    public func shutDown() {
        guard !shuttingDown else { return }
        shuttingDown = true
        wakeTimers()
        let waiting = waiters
        waiters = []
        for waiter in waiting { waiter.continuation.resume(returning: nil) }
        depth.record(0)
    }

    /// Waits until every in-flight key is `done` (call after `shutDown`).
    public func drain() async {
        if processing.isEmpty { return }
        await withCheckedContinuation { drainWaiters.append($0) }
    }

    /// Fires delayed adds; returns after `shutDown` (or cancellation).
    public nonisolated func runTimers() async {
        while let next = await fireDueTimers(), !Task.isCancelled {
            // Sleep until the earliest due time, or until an earlier one is added (or shutdown).
            await withTaskGroup(of: Void.self) { group in
                if let next { group.addTask { try? await self.clock.sleep(until: next, tolerance: nil) } }
                group.addTask { await self.waitForEarlierTimer() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// The per-key exponential delay: `base · 2^failures`, capped at `maximum`.
    public static func perItemDelay(failures: Int, base: Duration, maximum: Duration) -> Duration {
        guard failures < 40 else { return maximum }
        let delay = base * (1 << failures)
        return min(delay, maximum)
    }

    /// Adds every key whose due time has come; returns the next due time (`.some(nil)`: none), nil once shut down.
    private func fireDueTimers() -> C.Instant?? {
        guard !shuttingDown else { return nil }
        let now = clock.now
        while let timer = timers.min, timer.due <= now {
            timers.removeMin()
            guard delayed[timer.key] == timer.due else { continue }  // superseded (`schedule`, an earlier add)
            delayed[timer.key] = nil
            add(timer.key)
        }
        return .some(timers.min?.due)
    }

    private func waitForEarlierTimer() async {
        if earlierTimerPending || shuttingDown {
            earlierTimerPending = false
            return
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                if Task.isCancelled { continuation.resume() } else { timerWaiter = continuation }
            }
        } onCancel: {
            Task { await self.resumeTimerWaiter() }
        }
    }

    private func wakeTimers() {
        if timerWaiter == nil { earlierTimerPending = true }
        resumeTimerWaiter()
    }

    private func resumeTimerWaiter() {
        let waiter = timerWaiter
        timerWaiter = nil
        waiter?.resume()
    }

    /// A delayed add in `timers`, ordered by due time.
    private struct Timer: Comparable {
        var due: C.Instant
        var key: Key
        static func < (lhs: Timer, rhs: Timer) -> Bool { lhs.due < rhs.due }
        static func == (lhs: Timer, rhs: Timer) -> Bool { lhs.due == rhs.due }
    }

    private func deliver(_ key: Key) {
        if let waiter = waiters.popFirst() {
            begin(key)
            waiter.continuation.resume(returning: key)
        } else {
            queue.append(key)
            depth.record(queue.count)
        }
    }

    private func begin(_ key: Key) {
        dirty.remove(key)
        processing.insert(key)
        let now = clock.now
        if let enqueued = enqueuedAt.removeValue(forKey: key) { queueDuration.record(duration: enqueued.duration(to: now)) }
        startedAt[key] = now
        depth.record(queue.count)
    }

    private func cancelWaiter(_ id: Int) {
        guard let index = waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = waiters.remove(at: index)
        waiter.continuation.resume(returning: nil)
    }
}
