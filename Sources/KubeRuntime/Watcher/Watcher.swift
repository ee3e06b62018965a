import KubeClient
import KubeCore
import Logging

/// Drives a `WatcherStateMachine` against the API: paged list, then watches with bookmarks and
/// randomised server timeouts, an idle timeout (`timeout + 5 s`), relist on 410, and
/// `ExponentialBackoff` between failed attempts. All waiting happens on the injected clock.
public struct Watcher<Object: KubeResource, C: Clock>: Sendable where C.Duration == Duration {
    public let api: Api<Object>
    public let options: ListOptions
    public let clock: C
    public let timeoutRange: ClosedRange<Int>
    public let backoff: ExponentialBackoff
    public let pageSize: Int
    let logger: Logger

    /// The client went idle for longer than the watch timeout plus slack.
    struct IdleTimeout: Error {}

    public init(
        api: Api<Object>, options: ListOptions = ListOptions(), clock: C, timeoutRange: ClosedRange<Int> = 290...600,
        backoff: ExponentialBackoff = ExponentialBackoff(), pageSize: Int = 500,
        logger: Logger = Logger(label: "watcher")
    ) {
        self.api = api
        self.options = options
        self.clock = clock
        self.timeoutRange = timeoutRange
        self.backoff = backoff
        self.pageSize = pageSize
        self.logger = logger
    }

    /// Runs until the task is cancelled, passing every event to `handler` in order.
    public func run(_ handler: @escaping @Sendable (WatcherEvent<Object>) async -> Void) async throws {
        let machine = LockedBox(WatcherStateMachine<Object>(options: options, pageSize: pageSize))
        var backoff = self.backoff
        let start = clock.now
        while true {
            try Task.checkCancellation()
            let request = machine.withLock { $0.nextRequest(timeoutSeconds: Int.random(in: timeoutRange)) }
            do {
                switch request {
                case .list(let listOptions):
                    let page = try await api.list(listOptions)
                    for event in machine.withLock({ $0.pageReceived(page) }) { await handler(event) }
                case .watch(let watchOptions, let timeoutSeconds):
                    let stream = try await api.watch(watchOptions, timeoutSeconds: timeoutSeconds)
                    machine.withLock { $0.watchStarted() }
                    try await consume(stream, machine: machine, idleTimeout: .seconds(timeoutSeconds + 5), handler: handler)
                    machine.withLock { $0.watchEnded() }
                }
            } catch {
                if error is CancellationError || Task.isCancelled { throw CancellationError() }
                let recovery = machine.withLock { $0.requestFailed(error) }
                logger.warning("watch of \(Object.resourceType.plural) failed", metadata: ["error": "\(error)", "recovery": "\(recovery)"])
                if recovery == .backoff {
                    let delay = backoff.nextDelay(now: start.duration(to: clock.now))
                    try await clock.sleep(for: delay)
                }
            }
        }
    }

    private func consume(
        _ stream: WatchStream<Object>, machine: LockedBox<WatcherStateMachine<Object>>, idleTimeout: Duration,
        handler: @escaping @Sendable (WatcherEvent<Object>) async -> Void
    ) async throws {
        let clock = self.clock
        let lastActivity = LockedBox(clock.now)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for try await event in stream {
                        lastActivity.withLock { $0 = clock.now }
                        let output = machine.withLock { $0.eventReceived(event) }
                        if let output { await handler(output) }
                        if machine.withLock({ $0.state == .empty }) { return }  // 410 or missing version: relist
                    }
                }
                group.addTask {
                    while true {
                        let deadline = lastActivity.value.advanced(by: idleTimeout)
                        try await clock.sleep(until: deadline, tolerance: nil)
                        if lastActivity.value.advanced(by: idleTimeout) <= clock.now { throw IdleTimeout() }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch is IdleTimeout {
            logger.debug("watch of \(Object.resourceType.plural) idle, reconnecting")
        }
    }
}
