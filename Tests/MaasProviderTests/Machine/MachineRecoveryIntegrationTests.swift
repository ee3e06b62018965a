import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient
import MaasSimulator
@testable import MaasProvider
import ProviderTestSupport
import Testing

/// Recovery cases of issue 5 against MAAS (simulator or `CAPMAAS_TEST_MAAS_URL`/`KEY`) and Kubernetes (sandbox or
/// `CAPMAAS_TEST_KUBECONFIG`): a broken machine, MAAS down then up, missing then fixed credentials. Each asserts
/// the condition a user sees and ends with nothing left allocated in MAAS.
@Suite(.serialized) struct MachineRecoveryIntegrationTests {
    typealias Env = MachineSimulatorIntegrationTests

    static func deployed(_ condition: KubeCore.Condition?) -> String {
        "\(condition?.status.rawValue ?? "-")/\(condition?.reason ?? "-"): \(condition?.message ?? "")"
    }

    /// A Broken machine is quarantined: forgotten and replaced, never released (which would return it to the pool).
    @Test func brokenMachineIsLeftQuarantinedAndReplaced() async throws {
        try await Env.with { w in
            let env = w.env
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: w.context)
            #expect(try await Env.eventually { _ = try await reconciler.reconcile(key); return try await env.maasMachine(key).status?.ready == true })
            let broken = try #require(try await env.maasMachine(key).spec.systemID)
            // An operator (or MAAS) marks the deployed machine broken (an admin operation on any MAAS).
            try await w.maas.withClient { _ = try await $0.markBroken(systemID: broken, comment: "capmaas test: disk failed") }

            _ = try await reconciler.reconcile(key)
            let replaced = try await env.maasMachine(key)
            let condition = replaced.status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(condition?.status == .false, "\(Self.deployed(condition))")
            #expect(condition?.message.contains("\(broken) is \"Broken\"") == true, "\(Self.deployed(condition))")
            #expect(replaced.status?.failedAttempts == 1)
            #expect(replaced.status?.ready != true)
            #expect(replaced.spec.systemID == nil, "the broken machine is forgotten")
            let events = try await env.events(reason: MaasConditionReasons.machineDeployFailed)
            #expect(events.contains { $0["message"]?.stringValue?.contains("Broken") == true })
            let maas = try await w.connection()
            #expect(try await maas.machine(systemID: broken).status == .broken, "the broken machine stays quarantined")
            #expect(try await env.events(reason: "BrokenMachineLeft").count == 1)

            // After the backoff another machine is allocated and deployed.
            let later = MaasMachineReconciler(context: w.context, now: { Date().addingTimeInterval(120) })
            #expect(try await Env.eventually { _ = try await later.reconcile(key); return try await env.maasMachine(key).status?.ready == true })
            let replacement = try await env.maasMachine(key).spec.systemID
            #expect(replacement != nil && replacement != broken)
            try await w.deleteAndRelease([key], reconciler: later)
            #expect(try await maas.machine(systemID: broken).status == .broken, "deletion leaves it quarantined too")
            // Return the broken machine to the pool (a shared MAAS stays usable for the next test).
            _ = try? await w.maas.withClient { try await $0.release(systemID: broken, ReleaseRequest()) }
        }
    }

    // "MAAS down" is the simulator's fault switch (every API request answers 503); a real MAAS cannot be stopped from here.
    @Test(.enabled(if: TestMaas.hasSimulatorPowers, "stopping MAAS needs the MAAS simulator's fault switch"))
    func maasDownThenUp() async throws {
        try await Env.with { w in
            let env = w.env
            let simulator = try #require(w.simulator)
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            try await simulator.setFaults(SimulatorFaults(down: true))
            let reconciler = MaasMachineReconciler(context: w.context)
            var results: [ReconcileResult] = []
            for _ in 0..<3 { results.append(try await reconciler.reconcile(key)) }
            let down = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(down?.status == .false)
            #expect(down?.reason == MaasConditionReasons.maasUnreachable, "\(Self.deployed(down))")
            #expect(down?.message.contains("503") == true, "\(Self.deployed(down))")
            #expect(results.allSatisfy { if case .requeue(let after) = $0 { after >= .seconds(1) } else { false } }, "backs off: \(results)")
            #expect(try await env.events(reason: MaasConditionReasons.maasUnreachable).isEmpty == false)

            // MAAS is back: the next passes allocate and deploy; the condition no longer says unreachable.
            try await simulator.setFaults(SimulatorFaults())
            #expect(try await w.maas.machinesInUse(namespace: env.namespace).isEmpty, "nothing allocated while MAAS was down")
            #expect(try await Env.eventually { _ = try await reconciler.reconcile(key); return try await env.maasMachine(key).status?.ready == true })
            let up = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(up?.status == .true, "\(Self.deployed(up))")
            #expect(try await w.maas.machinesInUse(namespace: env.namespace).count == 1)
            try await w.deleteAndRelease([key], reconciler: reconciler)
        }
    }

    @Test func missingThenFixedCredentials() async throws {
        try await Env.with(credentials: false) { w in
            let env = w.env
            try await env.createCluster()
            let key = try await env.createMachine("worker-0")
            let reconciler = MaasMachineReconciler(context: w.context)
            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.credentialsRetry))
            let missing = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(missing?.status == .false)
            #expect(missing?.reason == MaasConditionReasons.maasCredentialsInvalid)
            #expect(missing?.message.hasPrefix("no MAAS credentials: no Secret capmaas-manager-bootstrap-credentials in namespace \(env.namespace)") == true,
                    "\(Self.deployed(missing))")
            #expect(try await env.events(reason: MaasConditionReasons.maasCredentialsInvalid).count == 1)
            #expect(try await w.maas.machinesInUse(namespace: env.namespace).isEmpty)

            // A malformed key is named (without echoing it), then the right Secret fixes it without a restart.
            _ = try await env.client.dynamic(.secret, namespace: env.namespace).create(ProviderTestEnvironment.credentialsSecret(
                namespace: env.namespace, endpoint: w.maas.baseURL, key: "not-a-key"))
            _ = try await reconciler.reconcile(key)
            let malformed = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(malformed?.reason == MaasConditionReasons.maasCredentialsInvalid)
            #expect(malformed?.message.contains("key MAAS_API_KEY") == true && malformed?.message.contains("not-a-key") == false,
                    "\(Self.deployed(malformed))")

            _ = try await env.client.dynamic(.secret, namespace: env.namespace).patch(
                MaasCredentialSettings.defaultSecretName, .merge(["stringData": [MaasCredentialSettings.apiKeyKey: .string(w.maas.userKey)]]))
            #expect(try await Env.eventually { _ = try await reconciler.reconcile(key); return try await env.maasMachine(key).status?.ready == true })
            let fixed = try await env.maasMachine(key).status?.conditions?[type: MaasConditions.machineDeployed]
            #expect(fixed?.status == .true && fixed?.reason != MaasConditionReasons.maasCredentialsInvalid, "\(Self.deployed(fixed))")
            try await w.deleteAndRelease([key], reconciler: reconciler)
        }
    }
}
