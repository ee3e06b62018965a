import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import MaasSimulator
import ProviderTestSupport
@testable import MaasProvider

/// A namespace of its own on the sandbox (or `CAPMAAS_TEST_KUBECONFIG`), MAAS (the simulator, or
/// `CAPMAAS_TEST_MAAS_URL`/`KEY`), a credentials Secret pointing at it (or at whatever endpoint/key a test wants),
/// plus one Cluster, MaasCluster and bootstrap Secret. See ``ProviderTestEnvironment`` (it also fails a test that
/// leaves MAAS machines in use).
struct ReliabilityEnvironment: Sendable {
    let world: ProviderTestEnvironment
    let context: ProviderContext
    var client: KubeClient { world.client }
    var namespace: String { world.namespace }
    /// Simulator powers; nil against a real MAAS.
    var simulator: SimulatorControl? { world.simulator }

    /// - Parameters:
    ///   - endpoint: the MAAS endpoint stored in the credentials Secret (default: the test MAAS).
    ///   - key: the MAAS API key stored in the credentials Secret (default: the test MAAS's user key).
    static func with(
        endpoint: String? = nil, key: String? = nil, _ body: (ReliabilityEnvironment) async throws -> Void
    ) async throws {
        var logger = Logger(label: "reliability")
        logger.logLevel = .critical
        try await ProviderTestEnvironment.with(inventory: TestMaas.inventory(machines: 2)) { world in
            let connections = SecretMaasConnections(client: world.client, settings: world.credentialSettings)
            let context = ProviderContext(
                client: world.client, connections: connections, workloads: NoWorkloadClusters(),
                recorder: EventRecorder(client: world.client, component: "capmaas-reliability"), options: ProviderOptions(), logger: logger)
            let environment = ReliabilityEnvironment(world: world, context: context)
            do {
                try await world.storeCredentials(endpoint: endpoint, key: key ?? world.maas.userKey)
                try await environment.prepare()
                try await body(environment)
            } catch {
                await connections.shutDownAll()
                throw error
            }
            await connections.shutDownAll()
        }
    }

    private func prepare() async throws {
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

    /// Deletes the MaasMachine and reconciles until its finalizer is gone (whatever it held in MAAS released).
    func deleteAndRelease(_ key: ObjectKey) async throws {
        let api = client.api(MaasMachine.self, namespace: namespace)
        _ = try? await api.delete(key.name)
        let reconciler = MaasMachineReconciler(context: context)
        let gone = try await ProviderTestEnvironment.eventually(30) {
            _ = try? await reconciler.reconcile(key)
            do { _ = try await api.get(key.name); return false } catch let error as KubeError where error.isNotFound { return true }
        }
        if !gone { throw TestFailure.stillPresent(key.name) }
    }

    enum TestFailure: Error { case stillPresent(String) }

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
