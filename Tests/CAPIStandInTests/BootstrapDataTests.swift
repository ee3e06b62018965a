import CAPIStandIn
import ClusterAPI
import Foundation
import KubeCore
import Testing

@Suite("Bootstrap and kubeconfig Secrets")
struct BootstrapDataTests {
    static func decoded(_ secret: JSONValue, _ key: String) -> String? {
        guard let text = secret[path: ["data", key]]?.stringValue, let data = Data(base64Encoded: text) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func cloudConfigNamesTheMachine() {
        let text = BootstrapData.cloudConfig(machine: "cp-0", namespace: "demo", cluster: "demo")
        #expect(text.hasPrefix("#cloud-config\n"))
        #expect(text.contains("machine: demo/cp-0"))
        #expect(text.contains("cluster: demo"))
    }

    @Test func bootstrapSecretShape() throws {
        let secret = BootstrapData.secret(for: Fixtures.machine())
        #expect(secret["kind"] == "Secret")
        #expect(secret[path: ["metadata", "name"]] == "cp-0-bootstrap")
        #expect(secret[path: ["metadata", "namespace"]] == "demo")
        #expect(secret["type"] == "cluster.x-k8s.io/secret")
        #expect(secret[path: ["metadata", "labels", "cluster.x-k8s.io/cluster-name"]] == "demo")
        #expect(secret[path: ["metadata", "labels", StandInNames.managedByLabel]] == .string(StandInNames.managedByValue))
        let owners = try #require(secret[path: ["metadata", "ownerReferences"]]?.arrayValue)
        #expect(owners.count == 1)
        #expect(owners.first?["kind"] == "Machine")
        #expect(owners.first?["uid"] == "cp-0-uid")
        #expect(owners.first?["controller"] == true)
        #expect(Self.decoded(secret, "format") == "cloud-config")
        #expect(Self.decoded(secret, "value") == BootstrapData.cloudConfig(machine: "cp-0", namespace: "demo", cluster: "demo"))
    }

    @Test func kubeconfigSecretShape() throws {
        let yaml = "apiVersion: v1\nkind: Config\nclusters: []\n"
        let secret = KubeconfigSecret.secret(for: Fixtures.cluster(), kubeconfigYAML: yaml)
        #expect(secret[path: ["metadata", "name"]] == "demo-kubeconfig")
        #expect(secret["type"] == "cluster.x-k8s.io/secret")
        #expect(secret[path: ["metadata", "labels", "cluster.x-k8s.io/cluster-name"]] == "demo")
        #expect(secret[path: ["metadata", "ownerReferences"]]?.arrayValue?.first?["kind"] == "Cluster")
        #expect(Self.decoded(secret, "value") == yaml)
        #expect(secret[path: ["data", "format"]] == nil)
    }

    @Test func secretPresence() {
        #expect(SecretPresence.of(labels: nil, exists: false) == .absent)
        #expect(SecretPresence.of(labels: nil, exists: true) == .foreign)
        #expect(SecretPresence.of(labels: [StandInNames.managedByLabel: StandInNames.managedByValue], exists: true) == .createdByStandIn)
        #expect(SecretPresence.of(labels: [StandInNames.managedByLabel: "kubeadm"], exists: true) == .foreign)
    }

    @Test func workloadNodeHasReadyConditionAndNoProviderID() throws {
        let node = WorkloadNode.object(
            name: "node-cp0", controlPlane: true, addresses: [MachineAddress(type: .internalIP, address: "10.0.0.5")],
            now: Date(timeIntervalSince1970: 1_800_000_000))
        #expect(node[path: ["metadata", "name"]] == "node-cp0")
        #expect(node[path: ["spec", "providerID"]] == nil)
        #expect(node[path: ["metadata", "labels", "node-role.kubernetes.io/control-plane"]] == "")
        let ready = try #require(node[path: ["status", "conditions"]]?.arrayValue?.first)
        #expect(ready["type"] == "Ready")
        #expect(ready["status"] == "True")
        #expect(ready["lastTransitionTime"] == "2027-01-15T08:00:00Z")
        #expect(node[path: ["status", "addresses"]] == [["type": "InternalIP", "address": "10.0.0.5"]])
        let worker = WorkloadNode.object(name: "w", controlPlane: false, addresses: [], now: Date())
        #expect(worker[path: ["metadata", "labels", "node-role.kubernetes.io/control-plane"]] == nil)
        #expect(worker[path: ["status", "addresses"]] == nil)
    }
}
