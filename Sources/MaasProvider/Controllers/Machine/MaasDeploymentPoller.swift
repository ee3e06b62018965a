import ClusterAPI
import KubeCore
import KubeRuntime
import Logging
import MaasClient
import ServiceLifecycle

/// Watches MAAS for every MaasMachine waiting on it (Deploying, Releasing, Disk erasing, Allocated) with **one**
/// `GET machines/?id=…&id=…` per MAAS connection per interval, and enqueues only the machines that changed, so
/// Deployed → Ready takes seconds while reconcilers requeue on long intervals.
public struct MaasDeploymentPoller<C: Clock>: Service where C.Duration == Duration {
    let store: Store<MaasMachine>
    let queue: WorkQueue<ObjectKey, C>
    let connections: any MaasConnectionProviding
    let interval: Duration
    let clock: C
    let logger: Logger
    let waitForLeadership: (@Sendable () async throws -> Void)?

    public init(
        store: Store<MaasMachine>, queue: WorkQueue<ObjectKey, C>, connections: any MaasConnectionProviding,
        interval: Duration, clock: C, logger: Logger = Logger(label: "capmaas.maas-poller"),
        waitForLeadership: (@Sendable () async throws -> Void)? = nil
    ) {
        self.waitForLeadership = waitForLeadership
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
        while !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await clock.sleep(for: interval) }
            } catch {
                return
            }
            await pollOnce()
        }
    }

    /// One round: returns the keys enqueued.
    @discardableResult
    public func pollOnce() async -> [ObjectKey] {
        let polled = store.list().filter { MaasPollDecision.systemIDToPoll($0) != nil }
        guard !polled.isEmpty else { return [] }
        // Group by connection: namespaces sharing one MAAS endpoint and user share one list call.
        var groups: [String: (maas: any MaasAPI, machines: [MaasMachine])] = [:]
        for (namespace, machines) in Dictionary(grouping: polled, by: { $0.metadata.namespace ?? "default" }) {
            let maas: any MaasAPI
            do {
                maas = try await connections.connection(forNamespace: namespace)
            } catch {
                continue  // the reconciler reports credential problems as conditions
            }
            let identity = Self.identity(of: maas) ?? "namespace:\(namespace)"
            groups[identity, default: (maas, [])].machines += machines
        }
        var enqueued: [ObjectKey] = []
        for (_, group) in groups {
            let ids = Array(Set(group.machines.compactMap(MaasPollDecision.systemIDToPoll))).sorted()
            do {
                let nodes = try await group.maas.machines(MachineFilter(ids: ids))
                var observed: [String: ObservedMaasMachine] = [:]
                for node in nodes { observed[node.systemID] = ObservedMaasMachine(node) }
                let changed = MaasPollDecision.changedKeys(group.machines, observed: observed)
                for key in changed { await queue.add(key) }
                enqueued += changed
            } catch {
                logger.debug("MAAS poll failed; reconcilers will retry on their own", metadata: ["error": "\(MaasErrorKind.classify(error).message)"])
            }
        }
        return enqueued
    }

    /// Endpoint and OAuth consumer/token keys (not the secret) of a real client.
    static func identity(of maas: any MaasAPI) -> String? {
        guard let http = maas as? MaasHTTPClient else { return nil }
        let credentials = http.configuration.credentials
        return "\(http.configuration.endpoint.apiBaseURL)|\(credentials.consumerKey):\(credentials.tokenKey)"
    }
}
