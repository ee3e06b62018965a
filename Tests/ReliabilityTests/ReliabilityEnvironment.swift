import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeSandbox
import Logging
import MaasSimulator
@testable import MaasProvider

/// A sandbox with the provider CRDs, a MAAS simulator and a credentials Secret pointing at it (or at whatever
/// endpoint/key a test wants), plus one Cluster, MaasCluster and bootstrap Secret in namespace `bad-input`.
struct ReliabilityEnvironment: Sendable {
    let client: KubeClient
    let sim: SimulatorHandle
    let context: ProviderContext
    let namespace = "bad-input"

    static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func inventory(machines: Int = 2) -> SimulatorInventory {
        var inventory = SimulatorInventory.generated(machines: machines)
        for i in inventory.machines.indices {
            inventory.machines[i].zone = "default"
            inventory.machines[i].pool = "default"
            inventory.machines[i].cpuCount = 4
            inventory.machines[i].memory = 8192
        }
        return inventory
    }

    /// - Parameters:
    ///   - endpoint: the MAAS endpoint stored in the credentials Secret (default: the simulator).
    ///   - key: the MAAS API key stored in the credentials Secret (default: the simulator's user key).
    static func with(
        endpoint: String? = nil, key: String? = nil, inventory: SimulatorInventory = inventory(),
        _ body: (ReliabilityEnvironment) async throws -> Void
    ) async throws {
        var logger = Logger(label: "reliability")
        logger.logLevel = .critical
        try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: inventory)) { sim in
            try await Sandbox.withRunning(SandboxConfiguration(), logger: logger) { handle in
                try handle.installCustomResourceDefinitions(fromDirectory: repositoryRoot + "/crds")
                try handle.installCustomResourceDefinitions(fromDirectory: repositoryRoot + "/crds/capi-standin")
                let client = try KubeClient(server: handle.baseURL, token: handle.token, caPEM: handle.caCertificatePEM)
                let connections = SecretMaasConnections(client: client, settings: MaasCredentialSettings(environment: [:]))
                let context = ProviderContext(
                    client: client, connections: connections, workloads: NoWorkloadClusters(),
                    recorder: EventRecorder(client: client, component: "capmaas-reliability"), options: ProviderOptions(), logger: logger)
                let environment = ReliabilityEnvironment(client: client, sim: sim, context: context)
                do {
                    try await environment.prepare(endpoint: endpoint ?? sim.baseURL, key: key ?? sim.userKey)
                    try await body(environment)
                } catch {
                    await connections.shutDownAll()
                    try? await client.shutdown()
                    throw error
                }
                await connections.shutDownAll()
                try? await client.shutdown()
            }
        }
    }

    private func prepare(endpoint: String, key: String) async throws {
        for name in ["capmaas-system", namespace] {
            _ = try await client.dynamic(.namespace).create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
        }
        _ = try await client.dynamic(.secret, namespace: "capmaas-system").create([
            "apiVersion": "v1", "kind": "Secret",
            "metadata": ["name": .string(MaasCredentialSettings.defaultSecretName), "namespace": "capmaas-system"],
            "stringData": ["MAAS_ENDPOINT": .string(endpoint), "MAAS_API_KEY": .string(key)],
        ])
        let clusters = client.api(Cluster.self, namespace: namespace)
        _ = try await clusters.create(Cluster(
            metadata: ObjectMeta(name: "c1", namespace: namespace),
            spec: ClusterSpec(infrastructureRef: ContractVersionedObjectReference(
                apiGroup: ClusterAPIGroup.infrastructure, kind: MaasCluster.resourceType.kind, name: "c1"))))
        _ = try await clusters.patchStatus("c1", .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]))
        _ = try await client.api(MaasCluster.self, namespace: namespace).create(MaasCluster(
            metadata: ObjectMeta(name: "c1", namespace: namespace, labels: [ClusterAPILabels.clusterName: "c1"]),
            spec: MaasClusterSpec(dnsDomain: "maas.test")))
        try await setBootstrapData("#cloud-config\n")
    }

    /// Creates or replaces the bootstrap Secret `bootstrap-data` every Machine here points at.
    func setBootstrapData(_ text: String) async throws {
        let secrets = client.dynamic(.secret, namespace: namespace)
        _ = try? await secrets.delete("bootstrap-data")
        _ = try await secrets.create([
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "bootstrap-data", "namespace": .string(namespace)],
            "data": ["value": .string(Data(text.utf8).base64EncodedString())],
        ])
    }

    /// A Machine and its MaasMachine (owned by the Machine) with `spec`.
    @discardableResult
    func createMachine(_ name: String, spec: MaasMachineSpec) async throws -> ObjectKey {
        let labels = [ClusterAPILabels.clusterName: "c1"]
        let machine = try await client.api(Machine.self, namespace: namespace).create(Machine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels),
            spec: MachineSpec(
                clusterName: "c1", bootstrap: MachineBootstrap(dataSecretName: "bootstrap-data"),
                infrastructureRef: ContractVersionedObjectReference(
                    apiGroup: ClusterAPIGroup.infrastructure, kind: MaasMachine.resourceType.kind, name: name))))
        let owner = OwnerReference(
            apiVersion: Machine.resourceType.apiVersion, kind: Machine.resourceType.kind, name: name,
            uid: machine.metadata.uid ?? "", controller: true)
        _ = try await client.api(MaasMachine.self, namespace: namespace).create(MaasMachine(
            metadata: ObjectMeta(name: name, namespace: namespace, labels: labels, ownerReferences: [owner]),
            spec: spec))
        return ObjectKey(namespace: namespace, name: name)
    }

    /// The outcome of one reconcile pass: its result, or the error it threw.
    enum Pass: Sendable, CustomStringConvertible {
        case result(ReconcileResult)
        case failure(String)
        var description: String {
            switch self {
            case .result(let r): "\(r)"
            case .failure(let e): "error: \(e)"
            }
        }
        /// Retried later, never at once: a requeue with a delay, or an error (the queue backs off exponentially).
        var backsOff: Bool {
            if case .result(.requeue(let after)) = self { return after >= Duration.seconds(1) }
            return true  // done waits for a spec change; an error is retried with the queue's exponential backoff
        }
    }

    /// Runs the reconciler `passes` times (a fresh object needs a pass for the finalizer) and returns the passes.
    func reconcile(_ key: ObjectKey, passes: Int = 3) async -> [Pass] {
        let reconciler = MaasMachineReconciler(context: context)
        var results: [Pass] = []
        for _ in 0..<passes {
            do { results.append(.result(try await reconciler.reconcile(key))) } catch { results.append(.failure("\(error)")) }
        }
        return results
    }

    func machineDeployed(_ key: ObjectKey) async throws -> KubeCore.Condition? {
        try await client.api(MaasMachine.self, namespace: namespace).get(key.name).status?.conditions?[type: MaasConditions.machineDeployed]
    }
}

/// No workload cluster (Node providerID is not set in these tests).
struct NoWorkloadClusters: WorkloadClusterProviding {
    func client(for cluster: ObjectKey) async throws -> KubeClient? { nil }
    func invalidate(_ cluster: ObjectKey) async {}
}
