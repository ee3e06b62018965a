import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient
import MaasProvider
import Testing

/// Control-plane machines: DNSAttached follows the MaasCluster's record; deletion waits for the detach.
@Suite(.serialized) struct ControlPlaneDNSTests {
    static func setRecord(_ env: MachineTestEnvironment, _ ips: [String]) async throws {
        let record: [JSONValue] = ips.map { .string($0) }
        _ = try await env.client.api(MaasCluster.self, namespace: env.namespace).patchStatus("c1", .merge([
            "status": ["network": ["dnsName": "c1-abcdef.maas.test", "dnsResourceID": 7, "attachedIPs": .array(record)]],
        ]))
    }

    @Test func attachedOnlyOnceTheRecordHasTheIPAndDeletionWaitsForDetach() async throws {
        try await MachineTestEnvironment.with { env in
            let maas = FakeMaas()
            maas.addMachine("aaa111")
            try await env.createCluster()
            let key = try await env.createMachine("cp-0", controlPlane: true)
            let reconciler = MaasMachineReconciler(context: env.context(maas: maas))
            _ = try await reconciler.reconcile(key)
            maas.set("aaa111", status: .deployed, power: "on")

            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.dnsAttachPending))
            var object = try await env.maasMachine(key)
            #expect(object.status?.conditions?[type: MaasConditions.dnsAttached]?.reason == MaasConditionReasons.dnsAttachPending)
            #expect(object.status?.conditions?.isTrue(MaasConditions.ready) == false)
            #expect(object.status?.ready == true)

            let ip = "10.0.0.6"
            try await Self.setRecord(env, [ip])
            _ = try await reconciler.reconcile(key)
            object = try await env.maasMachine(key)
            #expect(object.status?.conditions?.isTrue(MaasConditions.dnsAttached) == true)
            #expect(object.status?.conditions?.isTrue(MaasConditions.ready) == true)
            #expect(object.status?.dnsAttached == true)

            _ = try await env.client.api(MaasMachine.self, namespace: env.namespace).delete(key.name)
            #expect(try await reconciler.reconcile(key) == .requeue(after: MaasRequeue.dnsAttachPending))
            #expect(maas.calls("release") == 0)
            try await Self.setRecord(env, [])
            #expect(try await reconciler.reconcile(key) == .done)
            #expect(maas.calls("release aaa111") == 1)
        }
    }
}
