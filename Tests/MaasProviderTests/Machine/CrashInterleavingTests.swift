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
import Testing

/// The interleavings that can give one MAAS machine to two MaasMachines, or leak one, replayed deterministically:
/// a manager "crashes" right before or after a MAAS write (``CrashingMaas``), another MaasMachine takes the freed
/// machine, then a fresh reconciler (the restarted manager) runs. Sandbox (or `CAPMAAS_TEST_KUBECONFIG`) + the
/// in-process MAAS simulator (the cases need its inventory: which machine is cheapest, which deployment fails).
@Suite(.serialized, .enabled(if: !TestMaas.isExternal, "needs the in-process simulator's inventory"))
struct CrashInterleavingTests {
    typealias Integration = MachineSimulatorIntegrationTests

    /// Simulator machines (hostname, cpu count, deployment outcome); the cheapest (fewest CPUs) is allocated first.
    static func inventory(_ machines: [(String, Int, DeploymentOutcome)]) -> SimulatorInventory {
        var inventory = TestMaas.inventory(machines: machines.count)
        for (i, (name, cpu, outcome)) in machines.enumerated() {
            inventory.machines[i].hostname = name
            inventory.machines[i].cpuCount = cpu
            inventory.machines[i].deploymentOutcome = outcome
        }
        return inventory
    }

    /// A namespace with a user-key credentials Secret, the simulator, and the controller's context. Every case
    /// ends by deleting its MaasMachines through the reconciler (``ProviderTestEnvironment`` then fails on leaks).
    static func with(
        _ machines: [(String, Int, DeploymentOutcome)],
        _ body: (MachineTestEnvironment, SimulatorControl, ProviderContext, SecretMaasConnections) async throws -> Void
    ) async throws {
        try await ProviderTestEnvironment.with(inventory: inventory(machines)) { world in
            try await world.storeCredentials(key: world.maas.userKey)
            let connections = SecretMaasConnections(client: world.client, settings: world.credentialSettings)
            var logger = Logger(label: "test")
            logger.logLevel = .warning
            let context = ProviderContext(
                client: world.client, connections: connections, workloads: NoWorkloads(),
                recorder: EventRecorder(client: world.client, component: "capmaas-test"), options: ProviderOptions(), logger: logger)
            let env = MachineTestEnvironment(client: world.client, namespace: world.namespace)
            let simulator = try #require(world.simulator)
            do {
                try await body(env, simulator, context, connections)
                try await deleteEverything(env, MaasMachineReconciler(context: context))
                await connections.shutDownAll()
            } catch {
                await connections.shutDownAll()
                throw error
            }
        }
    }

    /// Deletes every MaasMachine of the namespace and reconciles until their finalizers are gone.
    static func deleteEverything(_ env: MachineTestEnvironment, _ reconciler: MaasMachineReconciler) async throws {
        let api = env.client.api(MaasMachine.self, namespace: env.namespace)
        let keys = try await api.list().items.map(\.key)
        for key in keys { _ = try? await api.delete(key.name) }
        let gone = try await Integration.eventually(30) {
            for key in keys { _ = try? await reconciler.reconcile(key) }
            return try await api.list().items.isEmpty
        }
        #expect(gone, "MaasMachines kept their finalizers")
    }

    /// The same context, with MAAS connections that crash at `point`.
    static func crashing(_ context: ProviderContext, at point: CrashPoint) -> (ProviderContext, CrashingConnections) {
        let connections = CrashingConnections(context.connections, crashing: point)
        let crashing = ProviderContext(
            client: context.client, connections: connections, workloads: context.workloads, recorder: context.recorder,
            options: context.options, logger: context.logger)
        return (crashing, connections)
    }

    /// Reconciles until Ready (instant simulator timings: a few passes).
    static func reconcileUntilReady(_ reconciler: MaasMachineReconciler, _ key: ObjectKey, _ env: MachineTestEnvironment) async throws -> Bool {
        try await Integration.eventually(20) {
            _ = try await reconciler.reconcile(key)
            return try await env.maasMachine(key).status?.ready == true
        }
    }

    static func maasMachineIfPresent(_ env: MachineTestEnvironment, _ key: ObjectKey) async throws -> MaasMachine? {
        try await MaasMachineReconciler.getIfPresent(env.client.api(MaasMachine.self, namespace: env.namespace), key.name)
    }

    /// The chaos invariants: no MAAS machine recorded by two MaasMachines, each recorded machine carries its
    /// recorder's agent name, no agent name holds two machines, every owned machine belongs to a live MaasMachine.
    static func expectOneOwnerPerMachine(_ env: MachineTestEnvironment, _ sim: SimulatorControl) async throws {
        let live = try await env.client.api(MaasMachine.self, namespace: env.namespace).list().items
        let state = try await sim.introspection()
        let recorded = live.compactMap(\.spec.systemID)
        #expect(Set(recorded).count == recorded.count, "a MAAS machine is recorded by two MaasMachines: \(recorded)")
        let uids = Set(live.compactMap(\.metadata.uid))
        for machine in live {
            guard let systemID = machine.spec.systemID, let uid = machine.metadata.uid else { continue }
            #expect(state.machine(systemID)?.agentName == uid, "\(machine.key) records \(systemID), which is not allocated to it")
        }
        let owned = state.machines.filter { $0.owner != nil }
        for machine in owned {
            #expect(uids.contains(machine.agentName), "leak: \(machine.systemID) (\(machine.statusName)) agent '\(machine.agentName)'")
        }
        let perAgent = Dictionary(grouping: owned, by: \.agentName).filter { $0.value.count > 1 }
        #expect(perAgent.isEmpty, "agent names holding two machines: \(perAgent.keys.sorted())")
    }

    /// Deletion: MAAS accepted the release, the manager died before removing the finalizer, and the freed machine
    /// went to another MaasMachine. The restarted manager must not release it again (session 1's chaos failure).
    @Test func deletionCrashAfterReleaseLeavesTheNextOwnersMachineAlone() async throws {
        try await Self.with([("only", 4, .succeed)]) { env, sim, context, _ in
            try await env.createCluster()
            let a = try await env.createMachine("worker-a")
            #expect(try await Self.reconcileUntilReady(MaasMachineReconciler(context: context), a, env))
            let systemID = try #require(try await env.maasMachine(a).spec.systemID)
            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(a.name)

            let (crashing, connections) = Self.crashing(context, at: CrashPoint(operation: "release", moment: .after))
            _ = try? await MaasMachineReconciler(context: crashing).reconcile(a)
            #expect(connections.hasCrashed)
            #expect(try await Self.maasMachineIfPresent(env, a)?.spec.systemID == systemID, "the crash kept the finalizer")

            let b = try await env.createMachine("worker-b")
            #expect(try await Self.reconcileUntilReady(MaasMachineReconciler(context: context), b, env))
            let bUID = try await env.maasMachine(b).metadata.uid
            #expect(try await env.maasMachine(b).spec.systemID == systemID, "the only machine went to worker-b")

            let restarted = MaasMachineReconciler(context: context)
            _ = try await restarted.reconcile(a)
            #expect(try await Self.maasMachineIfPresent(env, a) == nil)
            let machine = try await sim.introspection().machine(systemID)
            #expect(machine?.statusName == "Deployed")
            #expect(machine?.agentName == bUID)
            _ = try await restarted.reconcile(b)
            #expect(try await env.maasMachine(b).status?.ready == true)
            try await Self.expectOneOwnerPerMachine(env, sim)
        }
    }

    /// Failed deployment: the replacement must never leave the providerID naming a released machine that another
    /// MaasMachine then takes (before the fix: release first, crash, and the restart deployed or adopted it).
    @Test(arguments: [CrashPoint(operation: "release", moment: .before), CrashPoint(operation: "release", moment: .after)])
    func replacementCrashNeverSharesTheFailedMachine(at point: CrashPoint) async throws {
        try await Self.with([("bad", 2, .fail), ("good", 4, .succeed)]) { env, sim, context, _ in
            try await env.createCluster()
            let a = try await env.createMachine("worker-a")
            _ = try await MaasMachineReconciler(context: context).reconcile(a)
            let bad = try #require(try await env.maasMachine(a).spec.systemID)
            #expect(try await sim.introspection().machine(bad)?.hostname == "bad")

            let (crashing, connections) = Self.crashing(context, at: point)
            _ = try? await MaasMachineReconciler(context: crashing).reconcile(a)
            #expect(connections.hasCrashed)
            try await sim.control(machine: bad, "succeed-deployment")

            // Another MaasMachine allocates: the cheapest free machine, which is `bad` if its release went through.
            let b = try await env.createMachine("worker-b")
            #expect(try await Self.reconcileUntilReady(MaasMachineReconciler(context: context), b, env))

            let restarted = MaasMachineReconciler(context: context, now: { Date().addingTimeInterval(3600) })
            #expect(try await Self.reconcileUntilReady(restarted, a, env))
            let aMachine = try await env.maasMachine(a).spec.systemID
            let bMachine = try await env.maasMachine(b).spec.systemID
            #expect(aMachine != bMachine)
            if point.moment == .after { #expect(bMachine == bad) }
            try await Self.expectOneOwnerPerMachine(env, sim)
        }
    }

    enum Taker: String, CaseIterable, Sendable { case unannotated, annotatedByAnother }

    /// The recorded machine was released behind the provider's back and allocated again (not annotated yet, or
    /// already annotated for another MaasMachine): it is never annotated, deployed or reported Ready as ours.
    @Test(arguments: Taker.allCases)
    func recordedMachineTakenByAnotherIsNeverUsed(taker: Taker) async throws {
        try await Self.with([("n1", 2, .stick), ("n2", 4, .succeed)]) { env, sim, context, connections in
            try await env.createCluster()
            let a = try await env.createMachine("worker-a")
            _ = try await MaasMachineReconciler(context: context).reconcile(a)
            let taken = try #require(try await env.maasMachine(a).spec.systemID)
            #expect(try await sim.introspection().machine(taken)?.statusName == "Deploying")

            let maas = try await connections.connection(forNamespace: env.namespace)
            _ = try await maas.release(systemID: taken, ReleaseRequest(comment: "by hand"))
            _ = try await maas.allocate(AllocateRequest(systemID: taken, agentName: "someone-else"))
            let theirs = WorkloadAnnotations.make(clusterName: "c1", namespace: env.namespace, maasMachineName: "worker-z")
            if taker == .annotatedByAnother { _ = try await maas.setWorkloadAnnotations(systemID: taken, theirs) }
            try await sim.resetCounters()

            let restarted = MaasMachineReconciler(context: context, now: { Date().addingTimeInterval(3600) })
            #expect(try await Self.reconcileUntilReady(restarted, a, env))
            let state = try await sim.introspection()
            let machine = try #require(state.machine(taken))
            #expect(machine.statusName == "Allocated")
            #expect(machine.agentName == "someone-else")
            #expect(machine.workloadAnnotations == (taker == .annotatedByAnother ? theirs : [:]))
            #expect(try await env.maasMachine(a).spec.systemID != taken)
            let events = try await env.events(reason: MaasConditionReasons.machineNotFound)
            #expect(events.contains { $0["message"]?.stringValue?.contains(taken) == true })
            _ = try await maas.release(systemID: taken, ReleaseRequest(comment: "someone else is done"))
        }
    }

    /// An allocate that lands after the restarted manager's agent-name search (a request still in flight when the
    /// manager died) leaves a second machine under the same agent name; deletion releases both.
    @Test func deletionReleasesExtraAllocationsUnderTheAgentName() async throws {
        try await Self.with([("n1", 4, .succeed), ("n2", 4, .succeed), ("n3", 4, .succeed)]) { env, sim, context, connections in
            try await env.createCluster()
            let a = try await env.createMachine("worker-a")
            // The crashed manager marked the ledger before its allocate; the restarted one allocated and recorded.
            try await env.markAllocationUnsettled(a)
            #expect(try await Self.reconcileUntilReady(MaasMachineReconciler(context: context), a, env))
            let uid = try #require(try await env.maasMachine(a).metadata.uid)
            let maas = try await connections.connection(forNamespace: env.namespace)
            _ = try await maas.allocate(AllocateRequest(agentName: uid, comment: "late allocate"))
            #expect(try await sim.introspection().machines(agentName: uid).count == 2)
            try await sim.resetCounters()

            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(a.name)
            _ = try await MaasMachineReconciler(context: context).reconcile(a)
            #expect(try await Self.maasMachineIfPresent(env, a) == nil)
            let state = try await sim.introspection()
            #expect(state.machines(agentName: uid).isEmpty)
            #expect(state.machines.allSatisfy { $0.owner == nil || $0.statusName == "Releasing" })
            // One search and one release per machine: no read of the recorded machine is needed.
            #expect(state.listCounts == ["agent_name": 1])
            #expect(state.calls("machine.release") == 2)
        }
    }

    static let everyMaasWrite: [CrashPoint] = ["allocate", "setWorkloadAnnotations", "deploy", "release"].flatMap { operation in
        [CrashPoint(operation: operation, moment: .before), CrashPoint(operation: operation, moment: .after)]
    }

    /// A crash before or after any MAAS write of the lifecycle (allocate → annotate → deploy, then delete → release),
    /// with another MaasMachine allocating in between: after the restart both become Ready on different machines,
    /// and deleting both releases everything.
    @Test(arguments: everyMaasWrite)
    func crashAtAnyMaasWriteConverges(at point: CrashPoint) async throws {
        try await Self.with([("n1", 2, .succeed), ("n2", 4, .succeed), ("n3", 8, .succeed)]) { env, sim, context, _ in
            try await env.createCluster()
            let a = try await env.createMachine("worker-a")
            let (crashing, connections) = Self.crashing(context, at: point)
            let crashingReconciler = MaasMachineReconciler(context: crashing)
            for _ in 0..<5 where !connections.hasCrashed { _ = try? await crashingReconciler.reconcile(a) }

            let b = try await env.createMachine("worker-b")
            let restarted = MaasMachineReconciler(context: context)
            #expect(try await Self.reconcileUntilReady(restarted, b, env))
            #expect(try await Self.reconcileUntilReady(restarted, a, env))
            try await Self.expectOneOwnerPerMachine(env, sim)

            let api = env.client.api(MaasMachine.self, namespace: env.namespace)
            _ = try await api.delete(a.name)
            _ = try await api.delete(b.name)
            for key in [a, b] { _ = try? await crashingReconciler.reconcile(key) }
            for key in [a, b] { _ = try await restarted.reconcile(key) }
            #expect(try await api.list().items.isEmpty)
            let owned = try await sim.introspection().machines.filter { $0.owner != nil && $0.statusName != "Releasing" }
            #expect(owned.isEmpty, "not released: \(owned.map(\.systemID))")
        }
    }
}

