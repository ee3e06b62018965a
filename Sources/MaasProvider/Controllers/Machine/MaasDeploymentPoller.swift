import ClusterAPI
import KubeCore
import KubeRuntime
import Logging
import MaasClient
import ServiceLifecycle

/// Watches MAAS for every MaasMachine waiting on it (Deploying, Releasing, Disk erasing, Allocated) with **one**
/// `GET machines/?id=…&id=…` per MAAS connection per interval, and enqueues only the machines that changed, so
/// Deployed → Ready takes seconds while reconcilers requeue on long intervals. The same list answers the reads that
/// deleting MaasMachines ask for, and records what it listed for passes to take instead of a read of their own
/// (``MaasMachineObservations``).
public struct MaasDeploymentPoller<C: Clock>: Service where C.Duration == Duration {
    let store: Store<MaasMachine>
    let queue: WorkQueue<ObjectKey, C>
    let connections: any MaasConnectionProviding
    let interval: Duration
    let clock: C
    let logger: Logger
    let waitForLeadership: (@Sendable () async throws -> Void)?
    /// Reads that deleting MaasMachines asked for (each round lists them with the busy machines), and where each
    /// round's observations go.
    let observations: MaasMachineObservations

    public init(
        store: Store<MaasMachine>, queue: WorkQueue<ObjectKey, C>, connections: any MaasConnectionProviding,
        interval: Duration, clock: C, logger: Logger = Logger(label: "capmaas.maas-poller"),
        waitForLeadership: (@Sendable () async throws -> Void)? = nil,
        observations: MaasMachineObservations = MaasMachineObservations()
    ) {
        self.waitForLeadership = waitForLeadership
        self.observations = observations
        self.store = store
        self.queue = queue
        self.connections = connections
        self.interval = interval
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                await store.waitUntilReady()
                try await waitForLeadership?()
            }
        } catch {
            return
        }
        // Fixed rate: one round per interval however long a round takes (a slow round skips the ticks it overran,
        // it never makes the next one come sooner than an interval after the previous).
        var next = clock.now.advanced(by: interval)
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { [next] in try await clock.sleep(until: next, tolerance: nil) }
            } catch {
                return
            }
            await pollOnce()
            next = Self.nextTick(after: next, now: clock.now, interval: interval)
        }
    }

    /// The first tick after `previous` (spaced by `interval`) that is not yet in the past at `now`.
    public static func nextTick(after previous: C.Instant, now: C.Instant, interval: Duration) -> C.Instant {
        var next = previous.advanced(by: interval)
        if next < now {
            let behind = next.duration(to: now)
            let skipped = Int64(behind / interval) + 1
            next = next.advanced(by: interval * skipped)
        }
        return next
    }

    /// One round: returns the keys enqueued.
    @discardableResult
    public func pollOnce() async -> [ObjectKey] {
        let polled = store.list().filter { MaasPollDecision.systemIDToPoll($0) != nil }
        let (round, questions) = observations.beginRound()
        guard !polled.isEmpty || !questions.isEmpty else { return [] }
        // Group by connection: namespaces sharing one MAAS endpoint and user share one list call.
        var groups: [String: PollGroup] = [:]
        let namespaces = Set(polled.map { $0.metadata.namespace ?? "default" } + questions.values.map { $0.namespace ?? "default" })
        for namespace in namespaces {
            let maas: any MaasAPI
            do {
                maas = try await connections.connection(forNamespace: namespace)
            } catch {
                continue  // the reconciler reports credential problems as conditions
            }
            let identity = (maas as? MaasHTTPClient)?.connectionIdentity ?? "namespace:\(namespace)"
            var group = groups[identity] ?? PollGroup(maas: maas)
            group.machines += polled.filter { ($0.metadata.namespace ?? "default") == namespace }
            group.questions.merge(questions.filter { ($0.value.namespace ?? "default") == namespace }) { first, _ in first }
            groups[identity] = group
        }
        var enqueued: [ObjectKey] = []
        for group in groups.values {
            let ids = Set(group.machines.compactMap(MaasPollDecision.systemIDToPoll)).union(group.questions.keys).sorted()
            do {
                // Summaries only: hundreds of full machine JSONs decoded at once set the manager's memory peak.
                let summaries = try await group.maas.machineSummaries(MachineFilter(ids: ids))
                var observed: [String: ObservedMaasMachine] = [:]
                for summary in summaries { observed[summary.systemID] = ObservedMaasMachine(summary) }
                let changed = MaasPollDecision.changedKeys(group.machines, observed: observed)
                    + observations.answer(round: round, group.questions, observed: observed)
                // Ahead of the backlog: Deployed → Ready must not wait behind hundreds of queued allocations.
                for key in changed { await queue.addFirst(key) }
                enqueued += changed
            } catch {
                logger.debug("MAAS poll failed; reconcilers will retry on their own", metadata: ["error": "\(MaasErrorKind.classify(error).message)"])
                // Deleting machines that asked report the failure themselves (condition, backoff); at shutdown, nothing.
                guard !Task.isCancelled else { continue }
                let failure = error as? MaasError ?? .transport(description: "\(error)")
                let keys = observations.fail(round: round, group.questions, error: failure)
                for key in keys { await queue.addFirst(key) }
                enqueued += keys
            }
        }
        return enqueued
    }

    /// The busy machines and asked reads that share one MAAS connection (one list call).
    struct PollGroup {
        var maas: any MaasAPI
        var machines: [MaasMachine] = []
        var questions: MaasMachineObservations.Questions = [:]
    }
}
