import MaasSimulator
import ProviderTestSupport
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import MaasClient
import KubeRuntime
@testable import MaasProvider
import Testing

/// The MaasCluster reconciler against the sandbox API server and the MAAS simulator (127.0.0.1 only).
@Suite(.serialized) struct MaasClusterIntegrationTests {
    @Test func customEndpointMakesNoDNSCall() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster(endpointHost: "api.example.com")
            _ = try await env.reconciler.reconcile(env.key)
            _ = try await env.reconciler.reconcile(env.key)
            let maasCluster = try await env.maasCluster()
            #expect(maasCluster.spec.controlPlaneEndpoint == APIEndpoint(host: "api.example.com", port: 443))
            let condition = try #require(maasCluster.status?.conditions?[type: MaasConditions.loadBalancerReady])
            #expect(condition.status == .true && condition.reason == MaasConditionReasons.customEndpoint)
            #expect(maasCluster.status?.ready == true)
            #expect(maasCluster.status?.initialization?.provisioned == true)
            #expect(maasCluster.metadata.hasFinalizer(MaasFinalizers.cluster))
            #expect(try await env.dnsCalls() ?? 0 == 0)
        }
    }

    @Test func generatedEndpointCreatesTheDNSResourceFirst() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster()
            _ = try await env.reconciler.reconcile(env.key)
            let maasCluster = try await env.maasCluster()
            let dnsName = try #require(maasCluster.status?.network?.dnsName)
            #expect(dnsName.hasPrefix("c1-") && dnsName.hasSuffix(".maas") && dnsName.count == "c1-abcdef.maas".count)
            let record = try #require(try await env.dnsRecord(dnsName))
            #expect(maasCluster.status?.network?.dnsResourceID == record.id)
            #expect(record.addressTTL == 10 && record.ips.isEmpty)
            #expect(maasCluster.spec.controlPlaneEndpoint == APIEndpoint(host: dnsName, port: 6443))
            #expect(maasCluster.status?.conditions?.isTrue(MaasConditions.loadBalancerReady) == true)
            #expect(maasCluster.status?.conditions?[type: MaasConditions.ready]?.observedGeneration == maasCluster.metadata.generation)
            // A second pass keeps the same name and resource (no second create).
            _ = try await env.reconciler.reconcile(env.key)
            let again = try await env.maasCluster()
            #expect(again.status?.network?.dnsName == dnsName)
            #expect(try await env.calls("dnsresources.create") ?? 1 == 1)
        }
    }

    @Test func controlPlaneIPsJoinAndAPowerOffKeepsThem() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster()
            try await env.addMaasMachine("cp-0", ip: "10.0.0.5")
            try await env.addMaasMachine("worker-0", controlPlane: false, ip: "10.0.0.9")
            _ = try await env.reconciler.reconcile(env.key)
            var maasCluster = try await env.maasCluster()
            let dnsName = try #require(maasCluster.status?.network?.dnsName)
            #expect(try await env.dnsRecord(dnsName)?.ips == ["10.0.0.5"])
            #expect(maasCluster.status?.network?.attachedIPs == ["10.0.0.5"])

            // Nothing changed: no write.
            let updatesBefore = try await env.calls("dnsresource.update")
            _ = try await env.reconciler.reconcile(env.key)
            #expect(try await env.calls("dnsresource.update") == updatesBefore)

            // The control plane is powered off: the record keeps its address (never emptied).
            try await env.addMaasMachine("cp-1", ip: "10.0.0.6")
            var cp0 = try await env.client.api(MaasMachine.self, namespace: env.namespace).get("cp-0")
            cp0.status?.machinePowered = false
            env.maasMachines.apply(.apply(cp0))
            _ = try await env.reconciler.reconcile(env.key)
            maasCluster = try await env.maasCluster()
            #expect(try await env.dnsRecord(dnsName)?.ips.sorted() == ["10.0.0.5", "10.0.0.6"])
            #expect(maasCluster.status?.network?.attachedIPs == ["10.0.0.5", "10.0.0.6"])
        }
    }

    @Test func pausedClusterIsLeftAlone() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster(paused: true)
            #expect(try await env.reconciler.reconcile(env.key) == .done)
            let maasCluster = try await env.maasCluster()
            let paused = try #require(maasCluster.status?.conditions?[type: MaasConditions.paused])
            #expect(paused.status == .true && paused.message.contains("spec.paused"))
            #expect(!maasCluster.metadata.hasFinalizer(MaasFinalizers.cluster))
            #expect(maasCluster.status?.network == nil)
            #expect(try await env.dnsCalls() ?? 0 == 0)
        }
    }

    @Test func deletionWaitsForMachinesThenRemovesTheDNSRecord() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster()
            try await env.addMaasMachine("cp-0", ip: "10.0.0.5")
            _ = try await env.reconciler.reconcile(env.key)
            let dnsName = try #require(try await env.maasCluster().status?.network?.dnsName)
            let api = env.client.api(MaasCluster.self, namespace: env.namespace)
            try await api.delete("c1-maas")

            #expect(try await env.reconciler.reconcile(env.key) == .requeue(after: MaasRequeue.clusterDeleteWaitForMachines))
            #expect(try await env.dnsRecord(dnsName) != nil)

            try await env.client.api(MaasMachine.self, namespace: env.namespace).delete("cp-0")
            #expect(try await env.reconciler.reconcile(env.key) == .done)
            #expect(try await env.dnsRecord(dnsName) == nil)
            await #expect(throws: KubeError.self) { try await api.get("c1-maas") }
        }
    }

    @Test func apiServerAvailableThroughTheKubeconfigSecret() async throws {
        try await ClusterTestEnvironment.withRunning { env in
            try await env.createCluster(endpointHost: "api.example.com")
            // No kubeconfig Secret yet: not available, polled again in 10 s.
            #expect(try await env.reconciler.reconcile(env.key) == .requeue(after: .seconds(10)))
            var condition = try await env.maasCluster().status?.conditions?[type: MaasConditions.apiServerAvailable]
            #expect(condition?.status == .false && condition?.message.contains("kubeconfig") == true)

            // A broken kubeconfig: a clear condition, no crash.
            let secrets = env.client.dynamic(.secret, namespace: env.namespace)
            var secret: JSONValue = [
                "apiVersion": "v1", "kind": "Secret", "metadata": ["name": "c1-kubeconfig", "namespace": .string(env.namespace)],
                "data": ["value": .string(Data("not: [a kubeconfig".utf8).base64EncodedString())],
            ]
            secret = try await secrets.create(secret)
            _ = try await env.reconciler.reconcile(env.key)
            condition = try await env.maasCluster().status?.conditions?[type: MaasConditions.apiServerAvailable]
            #expect(condition?.status == .false && condition?.message.contains("c1-kubeconfig") == true)

            // The sandbox itself plays the workload cluster.
            secret = secret.applyingMergePatch(["data": ["value": .string(Data(env.world.kube.kubeconfigYAML.utf8).base64EncodedString())]])
            _ = try await secrets.update(secret)
            #expect(try await env.reconciler.reconcile(env.key) == .done)
            let maasCluster = try await env.maasCluster()
            #expect(maasCluster.status?.conditions?.isTrue(MaasConditions.apiServerAvailable) == true)
            #expect(maasCluster.status?.conditions?.isTrue(MaasConditions.ready) == true)
        }
    }
}
