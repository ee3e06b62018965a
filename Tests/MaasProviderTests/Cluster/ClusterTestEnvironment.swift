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

/// A fixed MAAS connection (the simulator's admin key) for every namespace.
struct FixedMaasConnection: MaasConnectionProviding {
    let api: any MaasAPI
    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI { api }
}

/// The sandbox API server (with the provider and Cluster API CRDs) plus the MAAS simulator, and a
/// MaasCluster reconciler wired to both, driven by direct `reconcile` calls.
struct ClusterTestEnvironment: Sendable {
    let sandbox: SandboxHandle
    let simulator: SimulatorHandle
    let client: KubeClient
    let context: ProviderContext
    let workloads: SecretWorkloadClusters
    let maasMachines: Store<MaasMachine>
    let reconciler: MaasClusterReconciler
    let namespace = "default"

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static func withRunning<T: Sendable>(_ body: (ClusterTestEnvironment) async throws -> T) async throws -> T {
        try await Sandbox.withRunning { sandbox in
            _ = try sandbox.installCustomResourceDefinitions(fromDirectory: repositoryRoot + "/crds")
            _ = try sandbox.installCustomResourceDefinitions(fromDirectory: repositoryRoot + "/crds/capi-standin")
            return try await MaasSimulator.withRunning { simulator in
                let client = try KubeClient(server: sandbox.baseURL, token: sandbox.token, caPEM: sandbox.caCertificatePEM)
                let maas = try MaasHTTPClient(configuration: MaasClientConfiguration(endpoint: simulator.baseURL, apiKey: simulator.adminKey))
                let workloads = SecretWorkloadClusters(management: client)
                var logger = Logger(label: "test")
                logger.logLevel = .warning
                let context = ProviderContext(
                    client: client, connections: FixedMaasConnection(api: maas), workloads: workloads,
                    recorder: EventRecorder(client: client, component: ManagerConfiguration.eventComponent), options: ProviderOptions(),
                    logger: logger)
                let maasMachines = Store<MaasMachine>()
                let environment = ClusterTestEnvironment(
                    sandbox: sandbox, simulator: simulator, client: client, context: context, workloads: workloads,
                    maasMachines: maasMachines,
                    reconciler: MaasClusterReconciler(context: context, clusters: Store(), maasMachines: maasMachines))
                do {
                    let result = try await body(environment)
                    await workloads.shutdownAll()
                    try await maas.shutdown()
                    try await client.shutdown()
                    return result
                } catch {
                    await workloads.shutdownAll()
                    try? await maas.shutdown()
                    try? await client.shutdown()
                    throw error
                }
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

    /// MAAS DNS API calls so far (any dnsresources operation).
    func dnsCalls() async throws -> Int {
        try await simulator.introspection().callCounts.filter { $0.key.hasPrefix("dnsresource") }.values.reduce(0, +)
    }

    func dnsRecord(_ fqdn: String) async throws -> SimulatorIntrospection.DNSRecord? {
        try await simulator.introspection().dnsResources.first { $0.fqdn == fqdn }
    }
}
