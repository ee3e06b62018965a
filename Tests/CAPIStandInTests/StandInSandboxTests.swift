import CAPIStandIn
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import MaasProvider
import Testing

/// The stand-in against a real (sandbox) API server over HTTPS on 127.0.0.1: the example cluster
/// progresses as with Cluster API installed while the test plays the infrastructure provider, and
/// deleting the Cluster removes everything.
@Suite("Stand-in on the sandbox API server")
struct StandInSandboxTests {
    static let kinds: [String: ResourceType] = [
        "Namespace": .namespace, "Cluster": Cluster.resourceType, "Machine": Machine.resourceType,
        "MaasCluster": MaasCluster.resourceType, "MaasMachine": MaasMachine.resourceType,
    ]
    static let hostnames = ["demo-control-plane-0": "CP-Host-0", "demo-worker-0": "Worker-Host-0", "demo-worker-1": "Worker-Host-1"]

    @Test func exampleClusterProgressesAndIsDeleted() async throws {
        try await Sandbox.withRunning { sandbox in
            let root = SandboxSupport.packageRoot.path
            try sandbox.installCustomResourceDefinitions(fromDirectory: root + "/crds")
            try sandbox.installCustomResourceDefinitions(fromDirectory: root + "/crds/capi-standin")
            let client = try KubeClient(server: sandbox.baseURL, token: sandbox.token, caPEM: sandbox.caCertificatePEM)
            // The stand-in's own client, with a rate limit that does not slow the test down.
            let standInClient = try KubeClient(
                server: sandbox.baseURL, token: sandbox.token, caPEM: sandbox.caCertificatePEM,
                configuration: ClientConfiguration(qps: 500, burst: 1000))
            let kubeconfig = sandbox.kubeconfigYAML(context: "demo")
            let standIn = ClusterAPIStandIn(
                management: standInClient, workload: WorkloadClusterAccess(client: standInClient, kubeconfigYAML: kubeconfig),
                options: StandInOptions(waitDelay: .milliseconds(200), resyncPeriod: nil))
            do {
                try await withThrowingTaskGroup(of: Void.self) { group in
                    group.addTask { try await standIn.run() }
                    try await Self.scenario(client: client, kubeconfig: kubeconfig)
                    group.cancelAll()
                }
            } catch is CancellationError {}
            try await client.shutdown()
            try await standInClient.shutdown()
        }
    }

    static func scenario(client: KubeClient, kubeconfig: String) async throws {
        for object in try SandboxSupport.manifests("hack/examples/sandbox-cluster.yaml") {
            let kind = try #require(object["kind"]?.stringValue.flatMap { kinds[$0] })
            _ = try await client.dynamic(kind, namespace: kind.namespaced ? "demo" : nil).create(object)
        }
        let clusters = client.api(Cluster.self, namespace: "demo")
        let machines = client.api(Machine.self, namespace: "demo")
        let maasClusters = client.dynamic(MaasCluster.resourceType, namespace: "demo")
        let maasMachines = client.dynamic(MaasMachine.resourceType, namespace: "demo")
        let secrets = client.dynamic(.secret, namespace: "demo")
        let nodes = client.dynamic(.node)

        // Ownership and finalizers, before any infrastructure is provisioned.
        let cluster = try await SandboxSupport.eventually("the MaasCluster owned by the Cluster") { () -> Cluster? in
            let cluster = try await clusters.get("demo")
            let infra = try await maasClusters.get("demo")
            let owner = try (infra[path: ["metadata", "ownerReferences"]] ?? .array([])).decode(as: [OwnerReference].self).first
            return owner?.uid == cluster.metadata.uid && owner?.controller == true ? cluster : nil
        }
        #expect(cluster.metadata.finalizers == [StandInNames.clusterFinalizer])
        _ = try await SandboxSupport.eventually("the Cluster provisioning") { () -> Bool? in
            try await clusters.get("demo").status?.phase == "Provisioning" ? true : nil
        }
        for name in hostnames.keys.sorted() {
            let machine = try await SandboxSupport.eventually("\(name) owning its MaasMachine") { () -> Machine? in
                let machine = try await machines.get(name)
                let infra = try await maasMachines.get(name)
                let owners = try (infra[path: ["metadata", "ownerReferences"]] ?? .array([])).decode(as: [OwnerReference].self)
                return owners.contains { $0.uid == machine.metadata.uid && $0.controller == true } ? machine : nil
            }
            #expect(machine.metadata.finalizers == [StandInNames.machineFinalizer])
            #expect(machine.bootstrapDataSecretName == nil)
        }
        #expect(try await secrets.find("demo-worker-0-bootstrap") == nil)

        // The provider provisions the cluster infrastructure.
        _ = try await maasClusters.patch("demo", .merge(["spec": ["controlPlaneEndpoint": ["host": "demo-abc123.maas", "port": 6443]]]))
        _ = try await maasClusters.patchStatus("demo", .merge(["status": ["ready": true, "initialization": ["provisioned": true]]]))
        let provisioned = try await SandboxSupport.eventually("the Cluster provisioned") { () -> Cluster? in
            let cluster = try await clusters.get("demo")
            return cluster.status?.phase == "Provisioned" ? cluster : nil
        }
        #expect(provisioned.infrastructureProvisioned)
        #expect(provisioned.spec?.controlPlaneEndpoint == APIEndpoint(host: "demo-abc123.maas", port: 6443))
        #expect(!provisioned.controlPlaneInitialized)

        // Bootstrap data appears for every Machine; the provider deploys the MAAS machines.
        for (index, (name, hostname)) in hostnames.sorted(by: { $0.key < $1.key }).enumerated() {
            let machine = try await SandboxSupport.eventually("\(name) bootstrap data") { () -> Machine? in
                let machine = try await machines.get(name)
                return machine.bootstrapDataSecretName != nil ? machine : nil
            }
            #expect(machine.bootstrapDataSecretName == "\(name)-bootstrap")
            let secret = try #require(try await secrets.find("\(name)-bootstrap"))
            #expect(secret["type"] == "cluster.x-k8s.io/secret")
            let value = try #require(secret[path: ["data", "value"]]?.stringValue.flatMap { Data(base64Encoded: $0) })
            #expect(String(decoding: value, as: UTF8.self).contains("machine: demo/\(name)"))

            _ = try await maasMachines.patch(name, .merge(["spec": ["providerID": .string("maas:///zone-a/sys\(index)")]]))
            _ = try await maasMachines.patchStatus(name, .merge([
                "status": [
                    "ready": true, "initialization": ["provisioned": true], "hostname": .string(hostname),
                    "addresses": [["type": "InternalIP", "address": .string("10.0.0.\(10 + index)")]],
                ]
            ]))
        }

        // Nodes register; Machines run; the control plane initializes; the kubeconfig is published.
        for (index, (name, hostname)) in hostnames.sorted(by: { $0.key < $1.key }).enumerated() {
            let machine = try await SandboxSupport.eventually("\(name) running") { () -> Machine? in
                let machine = try await machines.get(name)
                return machine.status?.phase == "Running" ? machine : nil
            }
            #expect(machine.spec.providerID == "maas:///zone-a/sys\(index)")
            #expect(machine.status?.nodeRef?.name == hostname.lowercased())
            #expect(machine.status?.addresses == [MachineAddress(type: .internalIP, address: "10.0.0.\(10 + index)")])
            #expect(machine.status?.initialization?.infrastructureProvisioned == true)
            let node = try #require(try await nodes.find(hostname.lowercased()))
            #expect(node[path: ["spec", "providerID"]] == nil)
            #expect(node[path: ["status", "conditions"]]?.arrayValue?.first?["type"] == "Ready")
        }
        _ = try await SandboxSupport.eventually("the control plane initialized") { () -> Bool? in
            try await clusters.get("demo").controlPlaneInitialized ? true : nil
        }
        let kubeconfigSecret = try await SandboxSupport.eventually("the kubeconfig Secret") { try await secrets.find("demo-kubeconfig") }
        #expect(kubeconfigSecret[path: ["metadata", "labels", ClusterAPILabels.clusterName]] == "demo")
        let published = try #require(kubeconfigSecret[path: ["data", "value"]]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(String(decoding: published, as: UTF8.self) == kubeconfig)

        // Deleting the Cluster removes Machines, infrastructure, Nodes and Secrets, then the Cluster.
        try await clusters.delete("demo")
        _ = try await SandboxSupport.eventually("everything deleted", limit: .seconds(60)) { () -> Bool? in
            let remaining = [
                try await clusters.find("demo") != nil,
                try await !machines.list().items.isEmpty,
                try await !maasMachines.list().items.isEmpty,
                try await maasClusters.find("demo") != nil,
                try await !nodes.list().items.isEmpty,
                try await !secrets.list().items.isEmpty,
            ]
            return remaining.contains(true) ? nil : true
        }
    }
}
