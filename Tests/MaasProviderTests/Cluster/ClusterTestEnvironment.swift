import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeSandbox
import Logging
import MaasClient
@testable import MaasProvider
import MaasSimulator
import ProviderTestSupport

/// A fixed MAAS connection (the simulator's admin key) for every namespace.
struct FixedMaasConnection: MaasConnectionProviding {
    let api: any MaasAPI
    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI { api }
}

/// The provider's test world (``ProviderTestEnvironment``: sandbox or `CAPMAAS_TEST_KUBECONFIG`, simulator or
/// `CAPMAAS_TEST_MAAS_URL`/`KEY`) and a MaasCluster reconciler wired to both, driven by direct `reconcile` calls.
struct ClusterTestEnvironment: Sendable {
    let world: ProviderTestEnvironment
    let context: ProviderContext
    let workloads: SecretWorkloadClusters
    let maasMachines: Store<MaasMachine>
    let reconciler: RetryingClusterReconciler

    var client: KubeClient { world.client }
    var namespace: String { world.namespace }
    var maas: TestMaas { world.maas }
    /// Simulator powers (call counts); nil against a real MAAS.
    var simulator: SimulatorControl? { world.simulator }

    static func withRunning(_ body: (ClusterTestEnvironment) async throws -> Void) async throws {
        try await ProviderTestEnvironment.with { world in
            let maas = try MaasHTTPClient(configuration: world.maas.configuration())
            let workloads = SecretWorkloadClusters(management: world.client)
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let context = ProviderContext(
                client: world.client, connections: FixedMaasConnection(api: maas), workloads: workloads,
                recorder: EventRecorder(client: world.client, component: ManagerConfiguration.eventComponent), options: ProviderOptions(),
                logger: logger)
            let maasMachines = Store<MaasMachine>()
            let environment = ClusterTestEnvironment(
                world: world, context: context, workloads: workloads, maasMachines: maasMachines,
                reconciler: RetryingClusterReconciler(MaasClusterReconciler(context: context, clusters: Store(), maasMachines: maasMachines)))
            do {
                try await body(environment)
                await workloads.shutdownAll()
                try await maas.shutdown()
            } catch {
                await workloads.shutdownAll()
                try? await maas.shutdown()
                throw error
            }
        }
    }

    var key: ObjectKey { ObjectKey(namespace: namespace, name: "c1-maas") }

    /// Creates Cluster `c1` (optionally with a custom endpoint or paused) and its MaasCluster `c1-maas` owned by it.
    @discardableResult
    func createCluster(endpointHost: String? = nil, paused: Bool = false) async throws -> (Cluster, MaasCluster) {
        let cluster = try await client.api(Cluster.self, namespace: namespace).create(
            Cluster(
                metadata: ObjectMeta(name: "c1", namespace: namespace),
                spec: ClusterSpec(
                    paused: paused ? true : nil,
                    controlPlaneEndpoint: endpointHost.map { APIEndpoint(host: $0, port: 443) },
                    infrastructureRef: ContractVersionedObjectReference(
                        apiGroup: ClusterAPIGroup.infrastructure, kind: "MaasCluster", name: "c1-maas"))))
        var metadata = ObjectMeta(name: "c1-maas", namespace: namespace, labels: [ClusterAPILabels.clusterName: "c1"])
        metadata.ownerReferences = [
            OwnerReference(apiVersion: Cluster.resourceType.apiVersion, kind: "Cluster", name: "c1", uid: cluster.metadata.uid ?? "")
        ]
        let maasCluster = try await client.api(MaasCluster.self, namespace: namespace).create(
            MaasCluster(metadata: metadata, spec: MaasClusterSpec(dnsDomain: "maas")))
        return (cluster, maasCluster)
    }

    func maasCluster() async throws -> MaasCluster {
        try await client.api(MaasCluster.self, namespace: namespace).get("c1-maas")
    }

    /// A control-plane (or worker) MaasMachine of `c1` with the given MAAS view, created in the API and cached.
    @discardableResult
    func addMaasMachine(_ name: String, controlPlane: Bool = true, ip: String, state: String = "Deployed", powered: Bool = true)
        async throws -> MaasMachine
    {
        var labels = [ClusterAPILabels.clusterName: "c1"]
        if controlPlane { labels[ClusterAPILabels.controlPlane] = "" }
        let api = client.api(MaasMachine.self, namespace: namespace)
        var machine = try await api.create(
            MaasMachine(
                metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
                spec: MaasMachineSpec(image: "ubuntu/jammy", minCPU: 1, minMemory: 1024)))
        var status = MaasMachineStatus()
        status.machineState = state
        status.machinePowered = powered
        status.addresses = [MachineAddress(type: .internalIP, address: ip)]
        machine.status = status
        machine = try await api.updateStatus(machine)
        maasMachines.apply(.apply(machine))
        return machine
    }

    /// MAAS DNS API calls so far (any dnsresources operation); nil against a real MAAS (no call counts there).
    func dnsCalls() async throws -> Int? {
        try await simulator?.introspection().callCounts.filter { $0.key.hasPrefix("dnsresource") }.values.reduce(0, +)
    }

    /// Calls of one MAAS op so far; nil against a real MAAS.
    func calls(_ op: String) async throws -> Int? {
        try await simulator?.introspection().calls(op)
    }

    /// The MAAS DNS resource named `fqdn`, read through the MAAS API (works against any MAAS).
    func dnsRecord(_ fqdn: String) async throws -> MaasDNSResource? {
        try await maas.withClient { try await $0.dnsResources(fqdn: fqdn).first { $0.fqdn == fqdn } }
    }
}

/// Direct reconcile calls retried on a write conflict, as the controller's queue retries them. On an external
/// cluster another writer (Cluster API, or the sandbox's stand-in for it) may update the MaasCluster between the
/// reconciler's read and its `test`-guarded finalizer patch (409, or 422 for a failed JSON-patch `test`).
struct RetryingClusterReconciler: Sendable {
    let reconciler: MaasClusterReconciler
    init(_ reconciler: MaasClusterReconciler) { self.reconciler = reconciler }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        for _ in 0..<4 {
            do {
                return try await reconciler.reconcile(key)
            } catch let error as KubeError {
                switch error {
                case .conflict, .invalid: try await Task.sleep(for: .milliseconds(50))
                default: throw error
                }
            }
        }
        return try await reconciler.reconcile(key)
    }
}
