import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient
@testable import MaasProvider
import Testing

/// The reconciler against a sandbox API server and an in-memory MAAS, one reconcile at a time.
@Suite(.serialized) struct MaasMachineReconcilerTests {
    @Test func allocatesDeploysAndBecomesReady() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))

            let first = try await reconciler.reconcile(key)
            #expect(first == .requeue(after: MaasRequeue.deploying))
            // A new object: no agent-name search (nothing can have been allocated for it yet).
            #expect(maas.calls == ["allocate", "annotate aaa111", "update aaa111", "deploy aaa111"])
            let deploying = try await env.maasMachine(key)
            #expect(deploying.metadata.finalizers == [MaasFinalizers.machine])
            #expect(deploying.metadata.annotation(AllocationLedger.annotationKey) == AllocationLedger.recorded.rawValue)
            #expect(deploying.spec.providerID == "maas:///az1/aaa111")
            #expect(deploying.spec.systemID == "aaa111")
            #expect(deploying.spec.failureDomain == "az1")
            #expect(deploying.status?.machineState == "Deploying")
            #expect(deploying.status?.conditions?[type: MaasConditions.machineDeployed]?.reason == MaasConditionReasons.machineDeployStarted)
            #expect(maas.machine("aaa111")?.node.workloadAnnotations["cluster"] == "c1")
            #expect(maas.userData("aaa111") == Array("#cloud-config\n".utf8))

            let waiting = try await reconciler.reconcile(key)
            #expect(waiting == .requeue(after: MaasRequeue.deploying))

            maas.set("aaa111", status: .deployed, power: "on")
            _ = try await reconciler.reconcile(key)
            let ready = try await env.maasMachine(key)
            #expect(ready.status?.ready == true)
            #expect(ready.status?.initialization?.provisioned == true)
            #expect(ready.status?.conditions?.isTrue(MaasConditions.ready) == true)
            #expect(ready.status?.conditions?[type: MaasConditions.ready]?.observedGeneration == ready.metadata.generation)
            #expect(ready.status?.addresses?.isEmpty == false)
            #expect(try await env.events(reason: "MachineDeployed").count == 1)
            #expect(maas.calls("allocate") == 1)
        }
    }

    /// Wired as in the manager (observations shared with the batched poll): the pass after the deploy takes the
    /// deploy's reply, the pass the poll wakes takes the poll's list, so a machine's lifecycle needs no single-machine
    /// read; an observation older than two poll rounds is read again.
    @Test func passesTakeRecentObservationsInsteadOfReadingMaas() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let observations = MaasMachineObservations()
            var context = env.context(maas: maas)
            context.observations = observations
            let reconciler = MaasMachineReconciler(context: context)

            _ = try await reconciler.reconcile(key)
            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.deploying))
            #expect(maas.calls == ["allocate", "annotate aaa111", "update aaa111", "deploy aaa111"])

            maas.set("aaa111", status: .deployed, power: "on")
            let store = Store<MaasMachine>()
            store.apply(.initStart)
            store.apply(.initApply(try await env.maasMachine(key)))
            store.apply(.initDone)
            let poller = MaasDeploymentPoller(
                store: store, queue: WorkQueue<ObjectKey, ContinuousClock>(configuration: .init(name: "test"), clock: ContinuousClock()),
                connections: FakeConnections(maas: maas), interval: .seconds(1), clock: ContinuousClock(), observations: observations)
            #expect(await poller.pollOnce() == [key])
            _ = try await reconciler.reconcile(key)
            #expect(try await env.maasMachine(key).status?.ready == true)
            #expect(maas.calls("get") == 0)
            #expect(maas.calls("list") == 1, "the poll's one list")

            _ = observations.beginRound()
            _ = observations.beginRound()
            _ = try await reconciler.reconcile(key)
            #expect(maas.calls.last == "get aaa111")
        }
    }

    /// A crash after allocate, before the providerID was written: MAAS has the machine, Kubernetes only the ledger
    /// the crashed pass marked. The machine is adopted (no second allocate) and released on deletion; also when the
    /// object was moved to another management cluster since (new UID: the recorded agent name is used).
    @Test(arguments: [false, true])
    func adoptsAMachineAlreadyCarryingItsAgentName(movedSince: Bool) async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            maas.addMachine("bbb222")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let agentName = movedSince ? "uid-before-the-move" : try await env.maasMachine(key).metadata.uid ?? ""
            try await env.markAllocationUnsettled(key, agentName: movedSince ? agentName : nil)
            _ = try await maas.allocate(AllocateRequest(agentName: agentName))
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            #expect(maas.calls("allocate") == 1)
            #expect(try await env.maasMachine(key).spec.systemID == "aaa111")
            #expect(maas.calls.contains("deploy aaa111"))

            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name)
            _ = try await reconciler.reconcile(key)
            #expect(maas.allocated.isEmpty, "released under the agent name it was allocated with")
        }
    }

    /// Until it allocates, a new object holds nothing in MAAS: no finalizer, no ledger, no MAAS call.
    @Test func waitingObjectGetsNoFinalizerYet() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster(provisioned: false)
            let key = try await env.createMachine("worker-0")
            _ = try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key)
            let waiting = try await env.maasMachine(key)
            #expect(waiting.metadata.finalizers == nil)
            #expect(waiting.metadata.annotation(AllocationLedger.annotationKey) == nil)
            #expect(waiting.status?.conditions?[type: MaasConditions.machineDeployed]?.reason == MaasConditionReasons.waitingForClusterInfrastructure)
            #expect(maas.calls.isEmpty)
        }
    }

    /// The owner Machine is being deleted (Cluster API deletes the MaasMachine next): nothing is allocated or read.
    @Test func deletingOwnerMachineStopsNewWork() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let machines = env.client.api(Machine.self, namespace: env.namespace)
            _ = try await machines.patch(key.name, .merge(["metadata": ["finalizers": ["test.capmaas.io/hold"]]]))
            _ = try await machines.delete(key.name)
            #expect(try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key) == .done)
            #expect(maas.calls.isEmpty)
            _ = try await machines.patch(key.name, .merge(["metadata": ["finalizers": .null]]))
        }
    }

    /// The first mark records the UID as the agent name.
    @Test func firstAllocationRecordsItsAgentName() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            _ = try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key)
            let object = try await env.maasMachine(key)
            #expect(object.metadata.annotation(AllocationLedger.agentNameKey) == object.metadata.uid)
        }
    }

    @Test func noCapacityBacksOffWithoutRetryingAllocate() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            let result = try await reconciler.reconcile(key)
            #expect(result == .requeue(after: .seconds(60)))
            let object = try await env.maasMachine(key)
            let condition = object.status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.reason == MaasConditionReasons.insufficientCapacity)
            #expect(condition?.message.contains("No machine available.") == true)
            #expect(object.status?.failedAttempts == 1)
            #expect(object.status?.retryAfter != nil)

            // A watch event right away must not allocate again.
            let again = try await reconciler.reconcile(key)
            guard case .requeue(let delay) = again else { Issue.record("expected a requeue"); return }
            #expect(delay > .seconds(50))
            #expect(maas.calls("allocate") == 1)

            // Capacity appears; after the backoff the machine is allocated.
            maas.addMachine("ccc333")
            let later = MaasMachineReconciler(context: env.context(maas: maas), now: { Date().addingTimeInterval(120) })
            _ = try await later.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == "ccc333")
        }
    }

    @Test func failedDeploymentReleasesAndAllocatesAnother() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            maas.set("aaa111", status: .failedDeployment)
            let result = try await reconciler.reconcile(key)
            #expect(result == .requeue(after: .seconds(30)))
            let object = try await env.maasMachine(key)
            #expect(object.spec.providerID == nil)
            #expect(object.status?.failedAttempts == 1)
            #expect(object.status?.conditions?[type: MaasConditions.machineDeployed]?.reason == MaasConditionReasons.machineDeployFailed)
            #expect(maas.calls("release aaa111") == 1)

            maas.addMachine("bbb222")
            maas.set("aaa111", status: .broken)  // keep the failed one out of the pool
            let later = MaasMachineReconciler(context: env.context(maas: maas), now: { Date().addingTimeInterval(60) })
            _ = try await later.reconcile(key)
            #expect(try await env.maasMachine(key).spec.systemID == "bbb222")
        }
    }

    @Test func forbiddenSwapDisableStillDeploys() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            maas.failNext("update", with: MaasError.forbidden(message: ""))
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            _ = try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key)
            #expect(maas.calls("deploy aaa111") == 1)
            #expect(try await env.events(reason: "SwapDisableForbidden").count == 1)
        }
    }

    @Test func poweredOffDeployedMachineIsPoweredOn() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            maas.set("aaa111", status: .deployed, power: "off")
            let result = try await reconciler.reconcile(key)
            #expect(result == .requeue(after: MaasRequeue.powerOn))
            #expect(maas.calls("powerOn aaa111") == 1)
            _ = try await reconciler.reconcile(key)
            #expect(try await env.maasMachine(key).status?.ready == true)
        }
    }

    @Test func deletionReleasesAndRemovesTheFinalizer() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name)
            let result = try await reconciler.reconcile(key)
            #expect(result == .done)
            #expect(maas.calls("release aaa111") == 1)
            #expect(maas.allocated.isEmpty)
            await #expect(throws: KubeError.self) { _ = try await env.maasMachine(key) }
            #expect(try await env.events(reason: "SuccessfulRelease").count == 1)
        }
    }

    @Test func orphanedMaasMachineIsStillReleasedOnDeletion() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            #expect(maas.allocated.count == 1)
            // The owner Machine disappears first (deleted by hand, or out of order); the MAAS machine must not leak.
            _ = try await env.client.api(Machine.self, namespace: env.namespace).delete("worker-0")
            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name)
            let result = try await reconciler.reconcile(key)
            #expect(result == .done)
            #expect(maas.calls("release aaa111") == 1)
            #expect(maas.allocated.isEmpty)
            await #expect(throws: KubeError.self) { _ = try await env.maasMachine(key) }
        }
    }

    @Test func missingCredentialsBecomeACondition() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let context = env.context(maas: maas, connectionError: .missingCredentials("no Secret"))
            let result = try await MaasMachineReconciler(context: context).reconcile(key)
            #expect(result == .requeue(after: MaasRequeue.credentialsRetry))
            let condition = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.reason == MaasConditionReasons.maasCredentialsInvalid)
        }
    }

    @Test func waitsForClusterInfrastructure() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            try await env.createCluster(provisioned: false)
            let key = try await env.createMachine("worker-0")
            #expect(try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key) == .done)
            let condition = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.reason == MaasConditionReasons.waitingForClusterInfrastructure)
            #expect(maas.calls.isEmpty)
        }
    }

    @Test func pausedClusterStopsReconciling() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            _ = try await env.client.api(Cluster.self, namespace: env.namespace).patch("c1", .merge(["spec": ["paused": true]]))
            let key = try await env.createMachine("worker-0")
            #expect(try await MaasMachineReconciler(context: env.context(maas: maas)).reconcile(key) == .done)
            #expect(try await env.maasMachine(key).status?.conditions?.isTrue(MaasConditions.paused) == true)
            #expect(maas.calls.isEmpty)
        }
    }
}
