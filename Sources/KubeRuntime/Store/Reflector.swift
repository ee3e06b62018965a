import KubeClient
import KubeCore
import Logging
import Synchronization

/// A watcher feeding a `Store`, publishing each resulting change to subscribers.
///
/// Create one per kind (and selector) and share it between controllers: `run()` is idempotent,
/// so several controllers may call it; only the first drives the watch.
public final class Reflector<Object: KubeResource>: Sendable {
    public let store: Store<Object>
    private let runWatcher: @Sendable (@escaping @Sendable (WatcherEvent<Object>) async -> Void) async throws -> Void
    private struct Shared {
        var running = false
        var subscribers: [Int: AsyncStream<StoreChange<Object>>.Continuation] = [:]
        var nextID = 0
    }
    private let shared = Mutex(Shared())

    /// A reflector over `api` using `clock` for timeouts and backoff.
    public init<C: Clock>(
        api: Api<Object>, options: ListOptions = ListOptions(), clock: C, store: Store<Object> = Store(),
        logger: Logger = Logger(label: "reflector")
    ) where C.Duration == Duration {
        self.store = store
        let watcher = Watcher(api: api, options: options, clock: clock, logger: logger)
        runWatcher = { handler in try await watcher.run(handler) }
    }

    /// A reflector on the continuous clock.
    public convenience init(api: Api<Object>, options: ListOptions = ListOptions(), logger: Logger = Logger(label: "reflector")) {
        self.init(api: api, options: options, clock: ContinuousClock(), logger: logger)
    }

    /// Subscribes to store changes from now on. The stream ends when the reflector stops.
    public func subscribe() -> AsyncStream<StoreChange<Object>> {
        let (stream, continuation) = AsyncStream<StoreChange<Object>>.makeStream()
        let id = shared.withLock { shared -> Int in
            shared.nextID += 1
            shared.subscribers[shared.nextID] = continuation
            return shared.nextID
        }
        continuation.onTermination = { [weak self] _ in
            _ = self?.shared.withLock { $0.subscribers.removeValue(forKey: id) }
        }
        return stream
    }

    /// Runs the watch until cancelled. A second concurrent call waits for cancellation without watching again.
    public func run() async throws {
        let first = shared.withLock { shared -> Bool in
            if shared.running { return false }
            shared.running = true
            return true
        }
        guard first else {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
            return
        }
        defer {
            let subscribers = shared.withLock { shared in
                shared.running = false
                return Array(shared.subscribers.values)
            }
            for subscriber in subscribers { subscriber.finish() }
        }
        try await runWatcher { [self] event in
            let changes = self.store.apply(event)
            guard !changes.isEmpty else { return }
            let subscribers = self.shared.withLock { Array($0.subscribers.values) }
            for change in changes {
                for subscriber in subscribers { subscriber.yield(change) }
            }
        }
    }
}
