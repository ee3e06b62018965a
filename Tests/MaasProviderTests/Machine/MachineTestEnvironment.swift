import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import Logging
import MaasClient
import ProviderTestSupport
@testable import MaasProvider

/// A namespace on the sandbox (or an external cluster) with the provider and stand-in CRDs, plus helpers creating one
/// cluster's objects.
struct MachineTestEnvironment: Sendable {
    let client: KubeClient
    let namespace: String

    /// A fresh namespace on the sandbox or the cluster of `CAPMAAS_TEST_KUBECONFIG` (MAAS is a `FakeMaas` here).
    static func with<T: Sendable>(_ body: (MachineTestEnvironment) async throws -> T) async throws -> T {
        try await TestKube.with { kube in
            try await body(MachineTestEnvironment(client: kube.client, namespace: kube.namespace))
        }
    }

    func context(maas: FakeMaas, options: ProviderOptions = ProviderOptions(), connectionError: MaasConnectionError? = nil) -> ProviderContext {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return ProviderContext(
            client: client, connections: FakeConnections(maas: maas, error: connectionError), workloads: NoWorkloads(),
            recorder: EventRecorder(client: client, component: "capmaas-test"), options: options, logger: logger)
    }

    /// Cluster (infrastructure provisioned), MaasCluster, and the bootstrap Secret `bootstrap-data`.
    func createCluster(name: String = "c1", provisioned: Bool = true) async throws {
        let clusters = client.api(Cluster.self, namespace: namespace)
        _ = try await clusters.create(Cluster(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: ClusterSpec(infrastructureRef: ContractVersionedObjectReference(
                apiGroup: ClusterAPIGroup.infrastructure, kind: MaasCluster.resourceType.kind, name: name))))
        if provisioned {
            _ = try await clusters.patchStatus(name, .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]))
        }
        _ = try await client.api(MaasCluster.self, namespace: namespace).create(MaasCluster(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: [ClusterAPILabels.clusterName: name]),
            spec: MaasClusterSpec(dnsDomain: "maas.test")))
        _ = try await client.dynamic(.secret, namespace: namespace).create([
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "bootstrap-data", "namespace": .string(namespace)],
            "data": ["value": .string(Data("#cloud-config\n".utf8).base64EncodedString())],
        ])
    }

    /// A Machine and its MaasMachine (owned by the Machine). Returns the MaasMachine key.
    @discardableResult
    func createMachine(_ name: String, cluster: String = "c1", controlPlane: Bool = false) async throws -> ObjectKey {
        var labels = [ClusterAPILabels.clusterName: cluster]
        if controlPlane { labels[ClusterAPILabels.controlPlane] = "" }
        let machine = try await client.api(Machine.self, namespace: namespace).create(Machine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: MachineSpec(
                clusterName: cluster, bootstrap: MachineBootstrap(dataSecretName: "bootstrap-data"),
                infrastructureRef: ContractVersionedObjectReference(
                    apiGroup: ClusterAPIGroup.infrastructure, kind: MaasMachine.resourceType.kind, name: name))))
        let owner = OwnerReference(
            apiVersion: Machine.resourceType.apiVersion, kind: Machine.resourceType.kind, name: name,
            uid: machine.metadata.uid ?? "", controller: true)
        _ = try await client.api(MaasMachine.self, namespace: namespace).create(MaasMachine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, ownerReferences: [owner]),
            spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 2, minMemory: 4096)))
        return ObjectKey(namespace: namespace, name: name)
    }

    /// What a pass writes right before it allocates (finalizer and an unsettled ledger): tests that fake "the
    /// previous manager allocated and crashed" start from here, as that manager would have left it.
    /// `agentName`: the agent name that manager recorded (another UID: the object was moved since).
    func markAllocationUnsettled(_ key: ObjectKey, agentName: String? = nil) async throws {
        var annotations: [String: JSONValue] = [AllocationLedger.annotationKey: .string(AllocationLedger.unsettled.rawValue)]
        if let agentName { annotations[AllocationLedger.agentNameKey] = .string(agentName) }
        _ = try await client.api(MaasMachine.self, namespace: namespace).patch(key.name, .merge(["metadata": [
            "finalizers": [.string(MaasFinalizers.machine)], "annotations": .object(annotations),
        ]]))
    }

    func maasMachine(_ key: ObjectKey) async throws -> MaasMachine {
        try await client.api(MaasMachine.self, namespace: namespace).get(key.name)
    }

    func events(reason: String) async throws -> [JSONValue] {
        try await client.dynamic(.event, namespace: namespace).list().items.filter { $0["reason"]?.stringValue == reason }
    }
}

/// No workload cluster reachable (Node providerID is skipped with a requeue).
struct NoWorkloads: WorkloadClusterProviding {
    func client(for cluster: ObjectKey) async throws -> KubeClient? { nil }
    func invalidate(_ cluster: ObjectKey) async {}
}
