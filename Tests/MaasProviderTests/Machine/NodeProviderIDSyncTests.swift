import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import Logging
@testable import MaasProvider
import Testing

/// Node providerIDs set off the reconcile path: retried with backoff until the Node exists, then remembered.
@Suite(.serialized) struct NodeProviderIDSyncTests {
    /// The sandbox plays the workload cluster of every Cluster.
    struct SameClusterWorkloads: WorkloadClusterProviding {
        let client: KubeClient
        func client(for cluster: ObjectKey) async throws -> KubeClient? { client }
        func invalidate(_ cluster: ObjectKey) async {}
    }

    static func ready(_ name: String, namespace: String, providerID: String, hostname: String) -> MaasMachine {
        MaasMachine(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 1, minMemory: 1, providerID: providerID),
            status: MaasMachineStatus(ready: true, hostname: hostname))
    }

    @Test(arguments: [(0, 2), (1, 4), (2, 8), (4, 32), (5, 60), (9, 60)])
    func backoffDoublesFromTwoSecondsToAMinute(attempt: Int, seconds: Int64) {
        #expect(NodeProviderIDSync<ManualClock>.retryDelay(attempt: attempt) == .seconds(seconds))
    }

    @Test func setsTheProviderIDOnceTheNodeExistsThenForgetsNothing() async throws {
        try await MachineTestEnvironment.with { env in
            let clock = ManualClock()
            let store = Store<MaasMachine>()
            let key = ObjectKey(namespace: env.namespace, name: "m1")
            let providerID = "maas:///zone-a/abc123"
            store.apply(.initStart)
            store.apply(.initApply(Self.ready("m1", namespace: env.namespace, providerID: providerID, hostname: "Node-1")))
            store.apply(.initDone)
            let sync = NodeProviderIDSync(
                store: store, workloads: SameClusterWorkloads(client: env.client),
                recorder: EventRecorder(client: env.client, component: "capmaas-test"), clock: clock,
                logger: Logger(label: "test"))
            let request = NodeProviderIDRequest(cluster: ObjectKey(namespace: env.namespace, name: "c1"), hostname: "Node-1", providerID: providerID)

            // No Node yet: scheduled again after the first backoff step.
            await sync.enqueue(key, request)
            #expect(await sync.queue.count == 1)
            _ = await sync.queue.get()
            await sync.sync(key)
            await sync.queue.done(key)
            #expect(await sync.queue.delayedCount == 1)
            #expect(sync.pendingCount == 1)

            // The Node registers (as kubelet, lower-cased host name): the next attempt sets the providerID.
            let nodes = env.client.dynamic(.node)
            _ = try await nodes.create(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-1"]])
            await sync.sync(key)
            #expect(try await nodes.get("node-1")[path: ["spec", "providerID"]]?.stringValue == providerID)
            #expect(sync.pendingCount == 0)
            #expect(try await env.events(reason: "NodeProviderIDSet").count == 1)

            // A later pass hands the same request over again: nothing to do, no workload call, not queued.
            let queuedBefore = await sync.queue.count
            await sync.enqueue(key, request)
            #expect(await sync.queue.count == queuedBefore)
        }
    }

    @Test func dropsRequestsOfMachinesThatAreGone() async throws {
        try await MachineTestEnvironment.with { env in
            let store = Store<MaasMachine>()
            store.apply(.initStart)
            store.apply(.initDone)
            let sync = NodeProviderIDSync(
                store: store, workloads: SameClusterWorkloads(client: env.client),
                recorder: EventRecorder(client: env.client, component: "capmaas-test"), clock: ManualClock(),
                logger: Logger(label: "test"))
            let key = ObjectKey(namespace: env.namespace, name: "gone")
            await sync.enqueue(key, NodeProviderIDRequest(cluster: ObjectKey(namespace: env.namespace, name: "c1"), hostname: "gone", providerID: "maas:///a/b"))
            await sync.sync(key)
            #expect(sync.pendingCount == 0)
            #expect(await sync.queue.delayedCount == 0)
        }
    }

    @Test(arguments: [
        ("Node-1", ["node-1": ""], "node-1"), ("node-1.maas", ["node-1": "x"], "node-1"),
        ("node-1", ["node-1.maas": "", "node-1.a": ""], "node-1.a"), ("node-1", ["node-10": ""], nil),
        ("node-1.maas", ["node-1.maas": "", "node-1": ""], "node-1.maas"),
    ] as [(String, [String: String], String?)])
    func listedNodeIsFoundByLowerThenShortThenPrefixedName(hostname: String, index: [String: String], expected: String?) {
        #expect(NodeProviderIDStep.listedName(hostname: hostname, in: index) == expected)
    }

    @Test func listedNodesArePatchedOnceOrLeftAloneWhenAlreadySet() async throws {
        try await MachineTestEnvironment.with { env in
            let nodes = env.client.dynamic(.node)
            _ = try await nodes.create(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-a"]])
            _ = try await nodes.create(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-b"], "spec": ["providerID": "maas:///z/b"]])
            _ = try await nodes.create(["apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-c"], "spec": ["providerID": "maas:///z/other"]])
            let store = Store<MaasMachine>()
            store.apply(.initStart)
            for (name, id) in [("a", "maas:///z/a"), ("b", "maas:///z/b"), ("c", "maas:///z/c")] {
                store.apply(.initApply(Self.ready(name, namespace: env.namespace, providerID: id, hostname: "node-\(name)")))
            }
            store.apply(.initDone)
            let sync = NodeProviderIDSync(
                store: store, workloads: SameClusterWorkloads(client: env.client),
                recorder: EventRecorder(client: env.client, component: "capmaas-test"), clock: ManualClock(),
                logger: Logger(label: "test"))
            let cluster = ObjectKey(namespace: env.namespace, name: "c1")
            for (name, id) in [("a", "maas:///z/a"), ("b", "maas:///z/b"), ("c", "maas:///z/c")] {
                let key = ObjectKey(namespace: env.namespace, name: name)
                await sync.enqueue(key, NodeProviderIDRequest(cluster: cluster, hostname: "node-\(name)", providerID: id))
                await sync.sync(key)
            }
            #expect(try await nodes.get("node-a")[path: ["spec", "providerID"]]?.stringValue == "maas:///z/a")
            #expect(try await nodes.get("node-c")[path: ["spec", "providerID"]]?.stringValue == "maas:///z/other")
            #expect(sync.pendingCount == 0)
            #expect(await sync.queue.delayedCount == 0)
            #expect(try await env.events(reason: "NodeProviderIDSet").count == 1)  // node-a only; node-b was already set
            #expect(try await env.events(reason: "NodeProviderUpdateFailed").count == 1)  // node-c carries another ID
        }
    }
}
