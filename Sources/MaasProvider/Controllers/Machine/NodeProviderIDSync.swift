import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization

/// Sets workload Node providerIDs for Ready MaasMachines on its own queue and workers, so the workload cluster's
/// rate limit and reachability never hold MaasMachine reconcile workers.
///
/// A Node that does not exist yet is looked for again with a bounded backoff (2 s doubling to 60 s); a Machine
/// update (Cluster API sets `nodeRef` once the Node exists) re-reconciles the MaasMachine, which hands it over
/// again at once. A request is dropped when its MaasMachine is gone, deleting or records another providerID;
/// a finished one is remembered so later passes cost no workload call.
public final class NodeProviderIDSync<C: Clock>: NodeProviderIDQueue, Service where C.Duration == Duration {
    private struct State {
        var requests: [ObjectKey: NodeProviderIDRequest] = [:]
        var attempts: [ObjectKey: Int] = [:]
        var finished: [ObjectKey: NodeProviderIDRequest] = [:]
        var nodeIndexes: [ObjectKey: (index: [String: String], listedAt: C.Instant)] = [:]
        var listing: Set<ObjectKey> = []
    }

    let queue: WorkQueue<ObjectKey, C>
    private let store: Store<MaasMachine>
    private let workloads: any WorkloadClusterProviding
    private let recorder: EventRecorder
    private let clock: C
    private let workers: Int
    private let logger: Logger
    private let waitForLeadership: (@Sendable () async throws -> Void)?
    private let state = Mutex(State())
    /// How long one list of a workload cluster's Nodes (name → providerID) serves every machine of that cluster.
    static var nodeIndexTTL: Duration { .seconds(5) }
    /// Nodes per list page.
    static var nodeListPageSize: Int { 100 }

    public init(
        store: Store<MaasMachine>, workloads: any WorkloadClusterProviding, recorder: EventRecorder, clock: C,
        workers: Int = 4, logger: Logger, waitForLeadership: (@Sendable () async throws -> Void)? = nil
    ) {
        self.store = store
        self.workloads = workloads
        self.recorder = recorder
        self.clock = clock
        self.workers = max(1, workers)
        self.logger = logger
        self.waitForLeadership = waitForLeadership
        self.queue = WorkQueue(configuration: .init(name: "node-providerid"), clock: clock)
    }

    public func enqueue(_ key: ObjectKey, _ request: NodeProviderIDRequest) async {
        let cached = store.count
        let fresh = state.withLock { state -> Bool in
            if state.finished[key] == request { return false }
            if state.finished.count > 2 * cached + 64 {
                state.finished = state.finished.filter { store.get($0.key) != nil }  // drop deleted machines
            }
            if state.requests[key] != request { state.attempts[key] = nil }
            state.requests[key] = request
            return true
        }
        if fresh { await queue.add(key) }
    }

    /// Backoff while the Node does not exist: 2 s doubling to 60 s.
    static func retryDelay(attempt: Int) -> Duration {
        MaasRequeue.exponential(base: .seconds(2), attempt: attempt, cap: MaasRequeue.workloadNotReachable)
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown { try await self.waitForLeadership?() }
        } catch {
            return
        }
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.queue.runTimers() }
            group.addTask {
                try? await gracefulShutdown()
                await self.queue.shutDown()
            }
            for _ in 0..<workers {
                group.addTask {
                    while let key = await self.queue.get() {
                        await self.sync(key)
                        await self.queue.done(key)
                    }
                }
            }
        }
    }

    /// One attempt for `key`; schedules the next one when needed.
    func sync(_ key: ObjectKey) async {
        guard let request = state.withLock({ $0.requests[key] }) else { return }
        guard let machine = store.get(key), !machine.metadata.isDeleting, machine.spec.providerID == request.providerID else {
            forget(key)
            return
        }
        var step = NodeProviderIDStep(workloads: workloads)
        step.nodeIndex = { [self] cluster, nodes in try await self.nodeIndex(cluster, nodes) }
        let outcome = await step.run(request)
        if let event = outcome.event {
            await recorder.record(machine, type: event.type, reason: event.reason, message: event.message)
        }
        if outcome.finished {
            state.withLock { state in
                if state.requests[key] == request {
                    state.requests[key] = nil
                    state.attempts[key] = nil
                }
                state.finished[key] = request
            }
            return
        }
        let attempt = state.withLock { state -> Int in
            let attempt = state.attempts[key, default: 0]
            state.attempts[key] = attempt + 1
            return attempt
        }
        await queue.add(key, after: min(outcome.retry ?? Self.retryDelay(attempt: attempt), Self.retryDelay(attempt: attempt)))
    }

    private func forget(_ key: ObjectKey) {
        state.withLock { state in
            state.requests[key] = nil
            state.attempts[key] = nil
            state.finished[key] = nil
        }
    }

    /// The Nodes of `cluster` as name → providerID, listed at most once per ``nodeIndexTTL`` for all machines
    /// (a GET per Node is twice the workload calls at 1000 machines; only the two fields are kept). One list at a
    /// time per cluster: while one is under way the others use the previous index (or none: a GET), so the
    /// workers never hold several copies of a large Node list at once.
    private func nodeIndex(_ cluster: ObjectKey, _ nodes: Api<JSONValue>) async throws -> [String: String]? {
        let now = clock.now
        let (cached, list) = state.withLock { state -> ([String: String]?, Bool) in
            let cached = state.nodeIndexes[cluster]
            if let cached, cached.listedAt.duration(to: now) < Self.nodeIndexTTL { return (cached.index, false) }
            if state.listing.contains(cluster) { return (cached?.index, false) }
            state.listing.insert(cluster)
            return (nil, true)
        }
        guard list else { return cached }
        defer { _ = state.withLock { $0.listing.remove(cluster) } }
        // In pages: a Node list of a large cluster decoded at once would set the manager's memory peak.
        var index: [String: String] = [:]
        var options = ListOptions(limit: Self.nodeListPageSize)
        for _ in 0..<10_000 {
            let page = try await nodes.list(options)
            for node in page.items {
                guard let name = node["metadata"]?["name"]?.stringValue else { continue }
                index[name] = node["spec"]?["providerID"]?.stringValue ?? ""
            }
            guard let next = page.metadata.continue, !next.isEmpty else { break }
            options.continueToken = next
        }
        state.withLock { $0.nodeIndexes[cluster] = (index, now) }
        return index
    }

    /// Requests waiting (for tests and metrics).
    var pendingCount: Int { state.withLock { $0.requests.count } }
}
