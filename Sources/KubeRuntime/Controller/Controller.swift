import KubeCore
import Logging
import Metrics
import ServiceLifecycle

/// A controller: a primary kind's reflector, related kinds mapped to primary keys, a work queue and
/// N workers calling a `Reconciler`. Run it as a `Service` in a `ServiceGroup`.
///
/// ```swift
/// let maasMachines = Reflector(api: client.api(MaasMachine.self))
/// let machines = Reflector(api: client.api(Machine.self))
/// let reconciler = MaasMachineReconciler(client: client, maasMachines: maasMachines.store, machines: machines.store)
/// let controller = Controller(name: "maasmachine", primary: maasMachines, reconciler: reconciler)
///     .watches(machines) { machine in [/* the MaasMachine key from machine.spec.infrastructureRef */] }
///     .requiringLeadership(elector)
/// ```
///
/// On start it runs the reflectors, waits for every cache to sync (and for leadership, if required),
/// enqueues every primary key, then starts workers. Graceful shutdown stops handing out keys and lets
/// in-flight reconciles finish for up to `gracefulShutdownTimeout`.
public struct Controller<Primary: KubeResource, C: Clock>: Service where C.Duration == Duration {
    public let name: String
    public let primary: Reflector<Primary>
    public let queue: WorkQueue<ObjectKey, C>
    public let options: ControllerOptions
    let reconciler: any Reconciler
    let clock: C
    let logger: Logger
    private var sources: [WatchedSource] = []
    private var leadership: (@Sendable () async throws -> Void)?

    /// A controller reconciling `primary`'s objects; `predicate` filters primary updates.
    public init(
        name: String, primary: Reflector<Primary>, predicate: Predicate<Primary> = .always, reconciler: any Reconciler,
        options: ControllerOptions = ControllerOptions(), clock: C, logger: Logger = Logger(label: "controller")
    ) {
        self.name = name
        self.primary = primary
        self.reconciler = reconciler
        self.options = options
        self.clock = clock
        var logger = logger
        logger[metadataKey: "controller"] = "\(name)"
        self.logger = logger
        self.queue = WorkQueue(
            configuration: .init(
                name: name, baseDelay: options.baseRetryDelay, maximumDelay: options.maximumRetryDelay,
                qps: options.queueQPS, burst: options.queueBurst),
            clock: clock)
        self.sources = [Self.source(primary, predicate: predicate) { [$0.key] }]
    }

    /// Also reconcile when objects of another kind change, mapping each to primary keys
    /// (e.g. a Machine to its MaasMachine, a Cluster to all its MaasMachines).
    public func watches<Other: KubeResource>(
        _ reflector: Reflector<Other>, predicate: Predicate<Other> = .always,
        mapper: @escaping @Sendable (Other) -> [ObjectKey]
    ) -> Controller {
        var copy = self
        copy.sources.append(Self.source(reflector, predicate: predicate, mapper: mapper))
        return copy
    }

    /// Start workers only after `waitForLeadership` returns (e.g. `elector.waitUntilElected`).
    public func requiringLeadership(_ waitForLeadership: @escaping @Sendable () async throws -> Void) -> Controller {
        var copy = self
        copy.leadership = waitForLeadership
        return copy
    }

    /// Whether every watched cache has completed its first list (use in a `/readyz` check).
    public var hasSynced: Bool { sources.allSatisfy { $0.isReady() } }

    /// One watched kind, type-erased.
    private struct WatchedSource: Sendable {
        var subscribe: @Sendable () -> @Sendable (WorkQueue<ObjectKey, C>) async -> Void
        var run: @Sendable () async throws -> Void
        var isReady: @Sendable () -> Bool
        var waitUntilReady: @Sendable () async -> Void
    }

    private static func source<Other: KubeResource>(
        _ reflector: Reflector<Other>, predicate: Predicate<Other>, mapper: @escaping @Sendable (Other) -> [ObjectKey]
    ) -> WatchedSource {
        WatchedSource(
            subscribe: {
                let changes = reflector.subscribe()
                return { queue in
                    for await change in changes {
                        let keys: [ObjectKey]
                        switch change {
                        case .applied(let object, let old):
                            guard predicate.evaluate(old, object) else { continue }
                            keys = mapper(object) + (old.map(mapper) ?? [])
                        case .deleted(let object):
                            keys = mapper(object)
                        }
                        for key in Set(keys) { await queue.add(key) }
                    }
                }
            },
            run: { try await reflector.run() },
            isReady: { reflector.store.isReady },
            waitUntilReady: { await reflector.store.waitUntilReady() })
    }

    public func run() async throws {
        let consumers = sources.map { $0.subscribe() }  // subscribe before the reflectors start
        Gauge(label: "controller_runtime_max_concurrent_reconciles", dimensions: [("controller", name)])
            .record(options.maxConcurrentReconciles)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for source in sources { group.addTask { try await source.run() } }
            group.addTask { await queue.runTimers() }
            for consumer in consumers { group.addTask { await consumer(queue) } }
            do {
                try await cancelWhenGracefulShutdown {
                    for source in sources { await source.waitUntilReady() }
                    try Task.checkCancellation()  // the wait returns early when shutdown cancels it
                    try await leadership?()
                }
                try Task.checkCancellation()
            } catch {
                logger.info("controller stopped before it started", metadata: ["reason": "\(error)"])
                await queue.shutDown()
                group.cancelAll()
                return
            }
            logger.info("caches synced, starting \(options.maxConcurrentReconciles) workers")
            for key in primary.store.keys { await queue.add(key) }
            if let period = options.resyncPeriod {
                group.addTask {
                    while true {
                        try await clock.sleep(for: period)
                        for key in primary.store.keys { await queue.add(key) }
                    }
                }
            }
            try await runWorkers()
            group.cancelAll()
        }
    }

    private struct ShutdownTimedOut: Error {}

    private func runWorkers() async throws {
        let worker = ReconcileWorker(name: name, queue: queue, reconciler: reconciler, clock: clock, logger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    do { try await gracefulShutdown() } catch { return }
                    logger.info("shutting down; letting in-flight reconciles finish")
                    await queue.shutDown()
                    try await clock.sleep(for: options.gracefulShutdownTimeout)
                    throw ShutdownTimedOut()
                }
                group.addTask {
                    await withDiscardingTaskGroup { workers in
                        for _ in 0..<options.maxConcurrentReconciles { workers.addTask { await worker.run() } }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch is ShutdownTimedOut {
            logger.warning("graceful shutdown timed out; in-flight reconciles were cancelled")
        }
    }
}

extension Controller where C == ContinuousClock {
    /// A controller on the continuous clock.
    public init(
        name: String, primary: Reflector<Primary>, predicate: Predicate<Primary> = .always, reconciler: any Reconciler,
        options: ControllerOptions = ControllerOptions(), logger: Logger = Logger(label: "controller")
    ) {
        self.init(
            name: name, primary: primary, predicate: predicate, reconciler: reconciler, options: options,
            clock: ContinuousClock(), logger: logger)
    }
}
