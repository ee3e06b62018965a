import Foundation
import KubeClient
import KubeCore
import ProviderTestSupport
import Logging
import MaasProvider
import Testing

/// Invalid custom resources are refused at admission (CRD schema and CEL rules) with a message naming the field.
@Suite struct CustomResourceRefusalTests {
    /// A client and a namespace of its own on the sandbox or the cluster of `CAPMAAS_TEST_KUBECONFIG`.
    static func withClient(_ body: (KubeClient, String) async throws -> Void) async throws {
        try await TestKube.with { kube in try await body(kube.client, kube.namespace) }
    }

    static func maasMachine(_ name: String, namespace: String, spec: JSONValue) -> JSONValue {
        ["apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasMachine",
         "metadata": ["name": .string(name), "namespace": .string(namespace)], "spec": spec]
    }

    /// The refusal's message, or nil when the write was accepted.
    static func refusal(_ write: () async throws -> JSONValue) async -> String? {
        do {
            _ = try await write()
            return nil
        } catch let error as KubeError {
            guard case .invalid(let status) = error else { return "unexpected \(error)" }
            return status.message ?? ""
        } catch {
            return "unexpected \(error)"
        }
    }

    struct CreateCase: Sendable, CustomTestStringConvertible {
        var label: String
        var spec: JSONValue
        var expected: String
        var testDescription: String { label }
    }

    static let createCases: [CreateCase] = [
        .init(label: "negative minCPU", spec: ["image": "ubuntu/jammy", "minCPU": -1, "minMemory": 4096], expected: "minCPU"),
        .init(label: "negative minMemory", spec: ["image": "ubuntu/jammy", "minCPU": 2, "minMemory": -5], expected: "minMemory"),
        .init(label: "empty image", spec: ["image": "", "minCPU": 2, "minMemory": 4096], expected: "image"),
        .init(label: "missing minCPU", spec: ["image": "ubuntu/jammy", "minMemory": 4096], expected: "minCPU"),
        .init(label: "lxd.enabled true", spec: ["image": "ubuntu/jammy", "minCPU": 2, "minMemory": 4096, "lxd": ["enabled": true]],
              expected: "LXD VM hosts (spec.lxd.enabled) are not supported"),
    ]

    @Test(arguments: createCases)
    func invalidMaasMachineIsRefused(_ testCase: CreateCase) async throws {
        try await Self.withClient { client, namespace in
            let machines = client.dynamic(MaasMachine.resourceType, namespace: namespace)
            let message = await Self.refusal { try await machines.create(Self.maasMachine("m", namespace: namespace, spec: testCase.spec)) }
            #expect(message?.contains(testCase.expected) == true, "\(testCase.label): \(message ?? "accepted")")
        }
    }

    @Test func imageChangeIsRefused() async throws {
        try await Self.withClient { client, namespace in
            let machines = client.dynamic(MaasMachine.resourceType, namespace: namespace)
            _ = try await machines.create(Self.maasMachine("m", namespace: namespace, spec: ["image": "ubuntu/jammy", "minCPU": 2, "minMemory": 4096]))
            let message = await Self.refusal { try await machines.patch("m", .merge(["spec": ["image": "ubuntu/noble"]])) }
            #expect(message?.contains("image is immutable") == true, "\(message ?? "accepted")")
        }
    }

    @Test func dnsDomainChangeIsRefused() async throws {
        try await Self.withClient { client, namespace in
            let clusters = client.dynamic(MaasCluster.resourceType, namespace: namespace)
            _ = try await clusters.create([
                "apiVersion": "infrastructure.cluster.x-k8s.io/v1beta1", "kind": "MaasCluster",
                "metadata": ["name": "c", "namespace": .string(namespace)], "spec": ["dnsDomain": "maas"],
            ])
            let message = await Self.refusal { try await clusters.patch("c", .merge(["spec": ["dnsDomain": "other"]])) }
            #expect(message?.contains("dnsDomain is immutable") == true, "\(message ?? "accepted")")
        }
    }
}
