import KubeRuntime
import ClusterAPI
import MaasSimulator
import KubeSandbox
import Foundation
import KubeClient
import KubeCore
@testable import MaasProvider
import Testing

@Suite struct SecretWorkloadClustersTests {
    static func secret(_ value: String?) -> JSONValue {
        var data: [String: JSONValue] = [:]
        if let value { data["value"] = .string(Data(value.utf8).base64EncodedString()) }
        return ["metadata": ["name": "c1-kubeconfig", "namespace": "ns", "resourceVersion": "3"], "data": .object(data)]
    }

    static let validKubeconfig = """
        apiVersion: v1
        kind: Config
        clusters:
        - name: c1
          cluster:
            server: https://10.0.0.1:6443
        users:
        - name: admin
          user:
            token: abc
        contexts:
        - name: c1
          context: {cluster: c1, user: admin}
        current-context: c1
        """

    @Test func missingValueIsAClearError() {
        #expect(throws: WorkloadClusterError.missingKubeconfig(secret: "ns/c1-kubeconfig")) {
            try SecretWorkloadClusters.makeClient(secret: Self.secret(nil), label: "ns/c1-kubeconfig", configuration: .init())
        }
    }

    @Test func brokenYAMLNamesTheSecret() {
        #expect {
            try SecretWorkloadClusters.makeClient(secret: Self.secret("{not: [yaml"), label: "ns/c1-kubeconfig", configuration: .init())
        } throws: { error in
            guard case .invalidKubeconfig(let secret, let detail)? = error as? WorkloadClusterError else { return false }
            return secret == "ns/c1-kubeconfig" && detail.contains("Secret ns/c1-kubeconfig")
        }
    }

    @Test func kubeconfigWithoutServerNamesTheField() {
        let noServer = Self.validKubeconfig.replacingOccurrences(of: "    server: https://10.0.0.1:6443\n", with: "    insecure-skip-tls-verify: false\n")
        #expect {
            try SecretWorkloadClusters.makeClient(secret: Self.secret(noServer), label: "ns/c1-kubeconfig", configuration: .init())
        } throws: { error in
            guard case .invalidKubeconfig(_, let detail)? = error as? WorkloadClusterError else { return false }
            return detail.contains("server")
        }
    }

    @Test func badTLSMaterialIsAnErrorNotACrash() {
        let badCA = Self.validKubeconfig.replacingOccurrences(
            of: "    server: https://10.0.0.1:6443",
            with: "    server: https://10.0.0.1:6443\n    certificate-authority-data: \(Data("garbage".utf8).base64EncodedString())")
        #expect(throws: WorkloadClusterError.self) {
            try SecretWorkloadClusters.makeClient(secret: Self.secret(badCA), label: "ns/c1-kubeconfig", configuration: .init())
        }
    }

    @Test func validKubeconfigBuildsAClient() async throws {
        let client = try SecretWorkloadClusters.makeClient(
            secret: Self.secret(Self.validKubeconfig), label: "ns/c1-kubeconfig", configuration: .init())
        #expect(client.config.server == "https://10.0.0.1:6443")
        try await client.shutdown()
    }
}
