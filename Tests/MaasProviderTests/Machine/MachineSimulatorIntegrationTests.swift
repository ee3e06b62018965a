import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import MaasClient
import MaasSimulator
@testable import MaasProvider
import ServiceLifecycle
import Testing

/// The controller (reflectors, queue, poller) with the real MAAS client against the MAAS simulator and the sandbox.
@Suite(.serialized) struct MachineSimulatorIntegrationTests {
    static func inventory(_ machines: [(String, Int, DeploymentOutcome)]) -> SimulatorInventory {
        SimulatorInventory(machines: machines.map { name, cpu, outcome in
            var spec = SimulatorInventory.generated(machines: 1).machines[0]
            spec.hostname = name
            spec.cpuCount = cpu
            spec.zone = "default"
            spec.pool = "default"
            spec.deploymentOutcome = outcome
            return spec
        })
    }

    /// Sandbox + simulator + manager credentials Secret + `SecretMaasConnections`.
    static func with(
        _ inventory: SimulatorInventory,
        _ body: (MachineTestEnvironment, SimulatorHandle, ProviderContext, SecretMaasConnections) async throws -> Void
    ) async throws {
        try await MaasSimulator.withRunning(SimulatorConfiguration(inventory: inventory)) { sim in
            try await MachineTestEnvironment.with { env in
                _ = try await env.client.dynamic(.namespace).create(["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": "capmaas-system"]])
                _ = try await env.client.dynamic(.secret, namespace: "capmaas-system").create([
                    "apiVersion": "v1", "kind": "Secret",
                    "metadata": ["name": .string(MaasCredentialSettings.defaultSecretName), "namespace": "capmaas-system"],
                    "data": [
                        "MAAS_ENDPOINT": .string(Data(sim.baseURL.utf8).base64EncodedString()),
                        "MAAS_API_KEY": .string(Data(sim.userKey.utf8).base64EncodedString()),
                    ],
                ])
                let connections = SecretMaasConnections(client: env.client, settings: MaasCredentialSettings(environment: [:]))
                var options = ProviderOptions()
                options.maasPollInterval = .milliseconds(200)
                var logger = Logger(label: "test")
                logger.logLevel = .warning
                let context = ProviderContext(
                    client: env.client, connections: connections, workloads: NoWorkloads(),
                    recorder: EventRecorder(client: env.client, component: "capmaas-test"), options: options, logger: logger)
                do {
                    try await body(env, sim, context, connections)
                    await connections.shutDownAll()
                } catch {
                    await connections.shutDownAll()
                    throw error
                }
            }
        }
    }

    /// Runs the controller + poller while `body` runs.
    static func running(_ context: ProviderContext, _ body: () async throws -> Void) async throws {
        var logger = Logger(label: "services")
        logger.logLevel = .warning
        let setup = MaasMachineControllerSetup.make(context)
        let group = ServiceGroup(configuration: .init(services: setup.services, logger: logger))
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            do {
                try await body()
            } catch {
                await group.triggerGracefulShutdown()
                tasks.cancelAll()
                throw error
            }
            await group.triggerGracefulShutdown()
            tasks.cancelAll()
        }
    }

    /// Polls `condition` every 100 ms for up to `seconds` (a liveness bound, not a performance assertion).
    static func eventually(_ seconds: Int = 60, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<(seconds * 10) {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    @Test func controlPlaneAndTwoWorkersBecomeReadyThenReleaseEverything() async throws {
        try await Self.with(Self.inventory([("n1", 4, .succeed), ("n2", 4, .succeed), ("n3", 4, .succeed), ("n4", 4, .succeed)])) { env, sim, context, _ in
            try await env.createCluster()
            let keys = [
                try await env.createMachine("cp-0", controlPlane: true),
                try await env.createMachine("worker-0"), try await env.createMachine("worker-1"),
            ]
            try await Self.running(context) {
                let allReady = try await Self.eventually {
                    var ready = 0
                    for key in keys where try await env.maasMachine(key).status?.ready == true { ready += 1 }
                    return ready == keys.count
                }
                #expect(allReady)
                let introspection = try await sim.introspection()
                #expect(introspection.machines.filter { $0.statusName == "Deployed" }.count == 3)
                #expect(introspection.calls("machines.allocate") == 3)
                let cp = try await env.maasMachine(keys[0])
                #expect(cp.spec.providerID?.hasPrefix("maas:///default/") == true)
                #expect(cp.status?.conditions?[type: MaasConditions.dnsAttached]?.reason == MaasConditionReasons.dnsAttachPending)

                for key in keys { _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name) }
                let allGone = try await Self.eventually {
                    try await env.client.api(MaasMachine.self, namespace: env.namespace).list().items.isEmpty
                }
                #expect(allGone)
                let released = try await Self.eventually {
                    try await sim.introspection().machines.allSatisfy { $0.owner == nil && $0.agentName.isEmpty }
                }
                #expect(released)
            }
        }
    }

    @Test func restartRightAfterAllocateAdoptsWithoutLeaking() async throws {
        try await Self.with(Self.inventory([("n1", 4, .succeed), ("n2", 4, .succeed)])) { env, sim, context, connections in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let uid = try await env.maasMachine(key).metadata.uid ?? ""
            // The previous manager allocated and crashed before writing anything.
            let maas = try await connections.connection(forNamespace: env.namespace)
            let leaked = try await maas.allocate(AllocateRequest(cpuCount: 2, agentName: uid))
            try await Self.running(context) {
                let ready = try await Self.eventually { try await env.maasMachine(key).status?.ready == true }
                #expect(ready)
            }
            #expect(try await env.maasMachine(key).spec.systemID == leaked.systemID)
            let introspection = try await sim.introspection()
            #expect(introspection.machines(agentName: uid).count == 1)
            #expect(introspection.calls("machines.allocate") == 1)
        }
    }

    @Test func deployFailureMovesToAnotherMachine() async throws {
        try await Self.with(Self.inventory([("bad", 2, .fail), ("good", 4, .succeed)])) { env, sim, context, connections in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: context)
            _ = try await reconciler.reconcile(key)
            let first = try await env.maasMachine(key).spec.systemID
            #expect(try await sim.introspection().machine(first ?? "")?.hostname == "bad")
            // The failed deployment is released; after the backoff another machine is allocated.
            _ = try await Self.eventually(10) {
                try await sim.introspection().machine(first ?? "")?.statusName == "Failed deployment"
            }
            _ = try await reconciler.reconcile(key)
            #expect(try await env.maasMachine(key).status?.failedAttempts == 1)
            #expect(try await sim.introspection().machine(first ?? "")?.owner == nil)
            // Keep the failed machine out of the pool (someone else takes it) so the replacement is the other one.
            _ = try await connections.connection(forNamespace: env.namespace).allocate(AllocateRequest(systemID: first, agentName: "someone-else"))
            let later = MaasMachineReconciler(context: context, now: { Date().addingTimeInterval(120) })
            _ = try await later.reconcile(key)
            let second = try await env.maasMachine(key).spec.systemID
            #expect(second != nil && second != first)
        }
    }

    @Test func noCapacityThenCapacity() async throws {
        try await Self.with(Self.inventory([("n1", 4, .succeed)])) { env, sim, context, connections in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            // Someone else holds the only machine.
            let maas = try await connections.connection(forNamespace: env.namespace)
            let held = try await maas.allocate(AllocateRequest(agentName: "someone-else"))
            let reconciler = MaasMachineReconciler(context: context)
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(60)))
            let condition = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.reason == MaasConditionReasons.insufficientCapacity)
            // Capacity appears; a watch event now does not allocate, the pass after the backoff does.
            _ = try await maas.release(systemID: held.systemID, ReleaseRequest())
            _ = try await reconciler.reconcile(key)
            #expect(try await sim.introspection().calls("machines.allocate") == 2)
            let later = MaasMachineReconciler(context: context, now: { Date().addingTimeInterval(120) })
            _ = try await later.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == held.systemID)
        }
    }

    @Test func poweredOffMachineIsPoweredOn() async throws {
        try await Self.with(Self.inventory([("n1", 4, .succeed)])) { env, sim, context, _ in
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: context)
            _ = try await reconciler.reconcile(key)
            _ = try await Self.eventually(10) { _ = try await reconciler.reconcile(key); return try await env.maasMachine(key).status?.ready == true }
            let systemID = try await env.maasMachine(key).spec.systemID ?? ""
            await sim.control(machine: systemID, "power-off")
            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.powerOn))
            #expect(try await sim.introspection().machine(systemID)?.powerState == "on")
        }
    }
}
