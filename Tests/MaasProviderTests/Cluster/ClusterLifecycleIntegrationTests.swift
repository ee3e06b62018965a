import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import Logging
import MaasClient
import MaasSimulator
@testable import MaasProvider
import ProviderTestSupport
import ServiceLifecycle
import Testing

/// The whole manager (both controllers, the poller, credentials from the namespace's Secret) against MAAS and
/// Kubernetes (simulator + sandbox, or the external ones of the `CAPMAAS_TEST_*` variables): 1 control plane +
/// 2 workers to Ready, the endpoint's DNS record holding the control plane's address, then deletion back to zero
/// allocated machines and no DNS record.
@Suite(.serialized) struct ClusterLifecycleIntegrationTests {
    /// Cluster `c1` (infrastructure provisioned, as Cluster API sets it) owning MaasCluster `c1`, and the bootstrap Secret.
    static func createCluster(_ env: MachineTestEnvironment) async throws {
        let cluster = try await env.client.api(Cluster.self, namespace: env.namespace).create(Cluster(
            metadata: ObjectMeta(name: "c1", namespace: env.namespace),
            spec: ClusterSpec(infrastructureRef: ContractVersionedObjectReference(
                apiGroup: ClusterAPIGroup.infrastructure, kind: MaasCluster.resourceType.kind, name: "c1"))))
        _ = try await env.client.api(Cluster.self, namespace: env.namespace).patchStatus(
            "c1", .merge(["status": ["initialization": ["infrastructureProvisioned": true]]]))
        var metadata = ObjectMeta(name: "c1", namespace: env.namespace, labels: [ClusterAPILabels.clusterName: "c1"])
        metadata.ownerReferences = [OwnerReference(
            apiVersion: Cluster.resourceType.apiVersion, kind: "Cluster", name: "c1", uid: cluster.metadata.uid ?? "")]
        _ = try await env.client.api(MaasCluster.self, namespace: env.namespace).create(
            MaasCluster(metadata: metadata, spec: MaasClusterSpec(dnsDomain: "maas")))
        _ = try await env.client.dynamic(.secret, namespace: env.namespace).create([
            "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "bootstrap-data", "namespace": .string(env.namespace)],
            "data": ["value": .string(Data("#cloud-config\n".utf8).base64EncodedString())],
        ])
    }

    /// A manager confined to the test's namespace and credentials Secret, polling MAAS every second.
    static func managerConfiguration(_ world: ProviderTestEnvironment, logLevel: Logger.Level) -> ManagerConfiguration {
        var configuration = ManagerConfiguration()
        configuration.environment = [:]
        configuration.healthAddress = "127.0.0.1:0"
        configuration.metricsBindAddress = "0"
        configuration.logLevel = logLevel
        configuration.namespace = world.namespace
        configuration.maasPollInterval = .seconds(1)
        configuration.maasCredentialsSecret = "\(world.namespace)/\(MaasCredentialSettings.defaultSecretName)"
        return configuration
    }

    @Test func oneControlPlaneTwoWorkersReadyThenDeletedToNothing() async throws {
        try await ProviderTestEnvironment.with { world in
            try await world.storeCredentials()
            let env = MachineTestEnvironment(client: world.client, namespace: world.namespace)
            let manager = try ProviderManager(configuration: Self.managerConfiguration(world, logLevel: .warning), client: world.client)
            let group = ServiceGroup(configuration: .init(services: manager.serviceConfigurations(), logger: Logger(label: "test")))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                defer { tasks.cancelAll() }
                try await Self.createCluster(env)
                let keys = [
                    try await env.createMachine("cp-0", controlPlane: true),
                    try await env.createMachine("worker-0"), try await env.createMachine("worker-1"),
                ]
                let maasMachines = env.client.api(MaasMachine.self, namespace: env.namespace)
                let allReady = try await ProviderTestEnvironment.eventually(120) {
                    var ready = 0
                    for key in keys where try await maasMachines.get(key.name).status?.conditions?.isTrue(MaasConditions.ready) == true { ready += 1 }
                    return ready == keys.count
                }
                #expect(allReady)
                let cp = try await maasMachines.get("cp-0")
                #expect(cp.status?.conditions?.isTrue(MaasConditions.dnsAttached) == true)
                let maasCluster = try await env.client.api(MaasCluster.self, namespace: env.namespace).get("c1")
                #expect(maasCluster.status?.ready == true)
                let dnsName = try #require(maasCluster.status?.network?.dnsName)
                let cpIPs = Set(cp.status?.addresses?.filter { $0.type == .internalIP }.map(\.address) ?? [])
                let record = try #require(try await world.maas.dnsResources(prefix: dnsName).first)
                #expect(!cpIPs.isEmpty && Set(record.ips) == cpIPs, "DNS \(record.ips), control plane \(cpIPs)")
                #expect(try await world.maas.machinesInUse(namespace: env.namespace).filter { $0.status == .deployed }.count == 3)

                // The control plane is powered off in MAAS: the record keeps its address (never emptied) while the
                // controller powers it back on.
                let cpSystemID = try #require(cp.spec.systemID)
                try await world.maas.withClient { _ = try await $0.powerOff(systemID: cpSystemID, stopMode: nil, comment: "capmaas test") }
                for _ in 0..<20 {
                    #expect(Set(try await world.maas.dnsResources(prefix: dnsName).first?.ips ?? []) == cpIPs, "record emptied")
                    try await Task.sleep(for: .milliseconds(100))
                }
                #expect(try await ProviderTestEnvironment.eventually(30) {
                    try await world.maas.withClient { try await $0.machine(systemID: cpSystemID).powerState.rawValue == "on" }
                }, "powered back on")

                // Delete the cluster as Cluster API would: the machines first, then the MaasCluster.
                for key in keys { _ = try await env.client.api(Machine.self, namespace: env.namespace).delete(key.name) }
                for key in keys { _ = try await maasMachines.delete(key.name) }
                _ = try await env.client.api(MaasCluster.self, namespace: env.namespace).delete("c1")
                let gone = try await ProviderTestEnvironment.eventually(60) {
                    let machinesLeft = try await maasMachines.list().items.count
                    let clusterLeft = try await env.client.api(MaasCluster.self, namespace: env.namespace).list().items.count
                    return machinesLeft == 0 && clusterLeft == 0
                }
                #expect(gone)
                #expect(try await world.maas.machinesInUse(namespace: env.namespace).isEmpty, "zero allocated machines")
                #expect(try await world.maas.dnsResources(prefix: dnsName).isEmpty, "no DNS record")
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await manager.shutdown()
        }
    }

    /// Manager shutdown while machines deploy: in-flight MAAS calls and credential reads are cancelled by the task
    /// group; that must never show up as MaasCredentialsInvalid / MaasUnreachable (events or conditions).
    @Test func shutdownWhileDeployingReportsNothing() async throws {
        let slowDeploy = SimulatorTimings(deploy: .seconds(30), release: .zero, diskErase: .zero)
        try await ProviderTestEnvironment.with(timings: slowDeploy) { world in
            try await world.storeCredentials()
            let env = MachineTestEnvironment(client: world.client, namespace: world.namespace)
            let manager = try ProviderManager(configuration: Self.managerConfiguration(world, logLevel: .critical), client: world.client)
            let group = ServiceGroup(configuration: .init(services: manager.serviceConfigurations(), logger: Logger(label: "test")))
            try await Self.createCluster(env)
            let keys = [try await env.createMachine("worker-0"), try await env.createMachine("worker-1")]
            let maasMachines = env.client.api(MaasMachine.self, namespace: env.namespace)
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let allocated = try await ProviderTestEnvironment.eventually(60) {
                    var count = 0
                    for key in keys where try await maasMachines.get(key.name).spec.systemID != nil { count += 1 }
                    return count == keys.count
                }
                #expect(allocated)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            await manager.shutdown()
            let events = try await env.client.dynamic(.event, namespace: env.namespace).list().items
            let reasons = events.compactMap { $0["reason"]?.stringValue }
            #expect(!reasons.contains(MaasConditionReasons.maasCredentialsInvalid), "\(reasons)")
            #expect(!reasons.contains(MaasConditionReasons.maasUnreachable), "\(reasons)")
            for key in keys {
                let reason = try await maasMachines.get(key.name).status?.conditions?[type: MaasConditions.machineDeployed]?.reason
                #expect(reason != MaasConditionReasons.maasCredentialsInvalid && reason != MaasConditionReasons.maasUnreachable)
            }
            // Clean up with a fresh reconciler: delete and release what the manager allocated.
            let connections = SecretMaasConnections(client: world.client, settings: world.credentialSettings)
            let context = ProviderContext(
                client: world.client, connections: connections, workloads: NoWorkloads(),
                recorder: EventRecorder(client: world.client, component: "capmaas-test"), options: ProviderOptions(), logger: Logger(label: "test"))
            let reconciler = MaasMachineReconciler(context: context)
            for key in keys { _ = try await maasMachines.delete(key.name) }
            for key in keys {
                #expect(try await ProviderTestEnvironment.eventually(30) {
                    _ = try? await reconciler.reconcile(key)
                    return (try? await maasMachines.get(key.name)) == nil
                })
            }
            await connections.shutDownAll()
        }
    }
}
