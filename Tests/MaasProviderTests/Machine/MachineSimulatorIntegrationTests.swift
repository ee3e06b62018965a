import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import MaasClient
import MaasSimulator
@testable import MaasProvider
import ProviderTestSupport
import ServiceLifecycle
import Testing

/// The MaasMachine reconciler and controller with the real MAAS client against MAAS (the simulator, or
/// `CAPMAAS_TEST_MAAS_URL`/`KEY`) and Kubernetes (the sandbox, or `CAPMAAS_TEST_KUBECONFIG`). Each test ends with
/// its MaasMachines deleted and MAAS holding nothing for its namespace (``ProviderTestEnvironment`` checks).
@Suite(.serialized) struct MachineSimulatorIntegrationTests {
    /// One test's world plus the controller's context reading credentials from the namespace's Secret.
    struct World: Sendable {
        let env: MachineTestEnvironment
        let world: ProviderTestEnvironment
        let context: ProviderContext
        let connections: SecretMaasConnections
        var maas: TestMaas { world.maas }
        var simulator: SimulatorControl? { world.simulator }

        /// The MAAS API the controller uses for this namespace.
        func connection() async throws -> any MaasAPI { try await connections.connection(forNamespace: env.namespace) }

        /// Calls of one MAAS op so far (nil against a real MAAS: no call counts there).
        func calls(_ op: String) async throws -> Int? { try await simulator?.introspection().calls(op) }

        /// Deletes the MaasMachines and reconciles until their finalizers are gone (MAAS accepted the releases).
        func deleteAndRelease(_ keys: [ObjectKey], reconciler: MaasMachineReconciler) async throws {
            let api = env.client.api(MaasMachine.self, namespace: env.namespace)
            for key in keys { _ = try? await api.delete(key.name) }
            for key in keys {
                let gone = try await ProviderTestEnvironment.eventually(30) {
                    _ = try? await reconciler.reconcile(key)
                    do { _ = try await api.get(key.name); return false } catch let error as KubeError where error.isNotFound { return true }
                }
                #expect(gone, "MaasMachine \(key.name) still has its finalizer")
            }
        }
    }

    static func with(
        machines: Int = 4, credentials: Bool = true, _ body: (World) async throws -> Void
    ) async throws {
        try await ProviderTestEnvironment.with(inventory: TestMaas.inventory(machines: machines)) { world in
            if credentials { try await world.storeCredentials(key: world.maas.userKey) }
            let connections = SecretMaasConnections(client: world.client, settings: world.credentialSettings)
            var options = ProviderOptions()
            options.maasPollInterval = .milliseconds(200)
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let context = ProviderContext(
                client: world.client, connections: connections, workloads: NoWorkloads(),
                recorder: EventRecorder(client: world.client, component: "capmaas-test"), options: options, logger: logger)
            let env = MachineTestEnvironment(client: world.client, namespace: world.namespace)
            do {
                try await body(World(env: env, world: world, context: context, connections: connections))
                await connections.shutDownAll()
            } catch {
                await connections.shutDownAll()
                throw error
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

    static func eventually(_ seconds: Double = 60, _ condition: () async throws -> Bool) async throws -> Bool {
        try await ProviderTestEnvironment.eventually(seconds, condition)
    }

    @Test func controlPlaneAndTwoWorkersBecomeReadyThenReleaseEverything() async throws {
        try await Self.with { w in
            let env = w.env
            try await env.createCluster()
            let keys = [
                try await env.createMachine("cp-0", controlPlane: true),
                try await env.createMachine("worker-0"), try await env.createMachine("worker-1"),
            ]
            try await Self.running(w.context) {
                let allReady = try await Self.eventually {
                    var ready = 0
                    for key in keys where try await env.maasMachine(key).status?.ready == true { ready += 1 }
                    return ready == keys.count
                }
                #expect(allReady)
                let inUse = try await w.maas.machinesInUse(namespace: env.namespace)
                #expect(inUse.filter { $0.status == .deployed }.count == 3)
                if let allocations = try await w.calls("machines.allocate") { #expect(allocations == 3) }
                let cp = try await env.maasMachine(keys[0])
                #expect(cp.spec.providerID?.hasPrefix("maas:///") == true)
                #expect(cp.status?.conditions?[type: MaasConditions.dnsAttached]?.reason == MaasConditionReasons.dnsAttachPending)

                for key in keys { _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name) }
                let allGone = try await Self.eventually {
                    try await env.client.api(MaasMachine.self, namespace: env.namespace).list().items.isEmpty
                }
                #expect(allGone)
                let released = try await Self.eventually { try await w.maas.machinesInUse(namespace: env.namespace).isEmpty }
                #expect(released)
            }
        }
    }

    @Test func restartRightAfterAllocateAdoptsWithoutLeaking() async throws {
        try await Self.with { w in
            let env = w.env
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let uid = try await env.maasMachine(key).metadata.uid ?? ""
            // The previous manager marked the ledger, allocated and crashed before writing anything else.
            try await env.markAllocationUnsettled(key)
            let leaked = try await w.connection().allocate(AllocateRequest(cpuCount: 2, agentName: uid))
            let allocationsBefore = try await w.calls("machines.allocate")
            try await Self.running(w.context) {
                let ready = try await Self.eventually { try await env.maasMachine(key).status?.ready == true }
                #expect(ready)
                #expect(try await env.maasMachine(key).spec.systemID == leaked.systemID)
                #expect(try await w.connection().machines(agentName: uid).map(\.systemID) == [leaked.systemID])
                if let before = allocationsBefore { #expect(try await w.calls("machines.allocate") == before, "adopted, not allocated again") }
                _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name)
                #expect(try await Self.eventually { try await w.maas.machinesInUse(namespace: env.namespace).isEmpty })
            }
            #expect(try await w.connection().machines(agentName: uid).allSatisfy { $0.status == .ready || $0.status == .releasing })
        }
    }

    // Needs the simulator's forced deployment outcome (`/_sim/machines/{id}/fail-deployment`): no such power on a real MAAS.
    @Test(.enabled(if: TestMaas.hasSimulatorPowers, "forcing a failed deployment needs the MAAS simulator"))
    func deployFailureMovesToAnotherMachine() async throws {
        try await Self.with { w in
            let env = w.env
            let simulator = try #require(w.simulator)
            let everyMachine = try await simulator.introspection().machines.map(\.systemID)
            for id in everyMachine { try await simulator.control(machine: id, "fail-deployment") }
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: w.context)
            _ = try await reconciler.reconcile(key)
            let first = try #require(try await env.maasMachine(key).spec.systemID)
            for id in everyMachine where id != first { try await simulator.control(machine: id, "succeed-deployment") }
            #expect(try await Self.eventually(10) { try await simulator.introspection().machine(first)?.statusName == "Failed deployment" })
            // The failed deployment is released; after the backoff another machine is allocated.
            _ = try await reconciler.reconcile(key)
            let afterFailure = try await env.maasMachine(key)
            #expect(afterFailure.status?.failedAttempts == 1)
            let condition = afterFailure.status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.status == .false)
            #expect(condition?.message.contains("Failed deployment") == true, "\(condition?.message ?? "")")
            #expect(try await env.events(reason: MaasConditionReasons.machineDeployFailed).count == 1)
            #expect(try await simulator.introspection().machine(first)?.owner == nil)
            // Keep the failed machine out of the pool (someone else takes it) so the replacement is another one.
            let maas = try await w.connection()
            _ = try await maas.allocate(AllocateRequest(systemID: first, agentName: "someone-else"))
            let later = MaasMachineReconciler(context: w.context, now: { Date().addingTimeInterval(120) })
            _ = try await later.reconcile(key)
            let second = try await env.maasMachine(key).spec.systemID
            #expect(second != nil && second != first)
            _ = try await maas.release(systemID: first, ReleaseRequest())
            try await simulator.control(machine: first, "succeed-deployment")
            try await w.deleteAndRelease([key], reconciler: later)
        }
    }

    @Test func noCapacityThenCapacity() async throws {
        try await Self.with { w in
            let env = w.env
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            // Someone else holds every machine that matches the MaasMachine (cpu ≥ 2, 4 GiB).
            let maas = try await w.connection()
            var held: [String] = []
            while held.count < 500 {
                do {
                    held.append(try await maas.allocate(AllocateRequest(cpuCount: 2, memory: 4096, agentName: "someone-else")).systemID)
                } catch MaasError.noMatchingMachine {
                    break
                }
            }
            let reconciler = MaasMachineReconciler(context: w.context)
            let allocationsBefore = try await w.calls("machines.allocate")
            #expect(try await reconciler.reconcile(key) == .requeue(after: .seconds(60)))
            let condition = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.status == .false)
            #expect(condition?.reason == MaasConditionReasons.insufficientCapacity)
            #expect(condition?.message.contains("No available machine matches constraints") == true, "MAAS's message: \(condition?.message ?? "")")
            // Capacity appears; a watch event now does not allocate, the pass after the backoff does.
            let last = held.popLast()
            let freed = try #require(last, "no machine was free at all")
            _ = try await maas.release(systemID: freed, ReleaseRequest())
            _ = try await reconciler.reconcile(key)
            if let before = allocationsBefore { #expect(try await w.calls("machines.allocate") == before + 1, "no allocate before the backoff") }
            let later = MaasMachineReconciler(context: w.context, now: { Date().addingTimeInterval(120) })
            _ = try await later.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == freed)
            #expect(try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]?.reason
                    != MaasConditionReasons.insufficientCapacity)
            for id in held { _ = try await maas.release(systemID: id, ReleaseRequest()) }
            try await w.deleteAndRelease([key], reconciler: later)
        }
    }

    @Test func poweredOffMachineIsPoweredOn() async throws {
        try await Self.with { w in
            let env = w.env
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: w.context)
            #expect(try await Self.eventually { _ = try await reconciler.reconcile(key); return try await env.maasMachine(key).status?.ready == true })
            let systemID = try #require(try await env.maasMachine(key).spec.systemID)
            let maas = try await w.connection()
            _ = try await maas.powerOff(systemID: systemID, stopMode: nil, comment: "capmaas test")
            #expect(try await Self.eventually { try await maas.machine(systemID: systemID).powerState.rawValue == "off" })
            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.powerOn))
            #expect(try await env.events(reason: "PoweredOn").count == 1)
            #expect(try await Self.eventually { try await maas.machine(systemID: systemID).powerState.rawValue == "on" })
            try await w.deleteAndRelease([key], reconciler: reconciler)
        }
    }
}
