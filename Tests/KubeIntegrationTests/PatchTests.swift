import Foundation
import KubeClient
import KubeCore
import Testing

/// Every patch type over real HTTPS, through the dynamic API.
@Suite struct PatchTests {
    @Test func mergePatchAddsAndNullDeletes() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.client.dynamic(.configMap, namespace: cluster.namespace)
            _ = try await cluster.configMaps.create(ConfigMap("merge", namespace: cluster.namespace, data: ["a": "1", "b": "2"]))
            let patched = try await api.patch("merge", .merge(["data": ["b": .null, "c": "3"]]))
            #expect(patched["data"] == ["a": "1", "c": "3"])
        }
    }

    @Test func jsonPatchAndFailedTestOperation() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.client.dynamic(.configMap, namespace: cluster.namespace)
            _ = try await cluster.configMaps.create(ConfigMap("json", namespace: cluster.namespace, data: ["a": "1"]))
            let patched = try await api.patch("json", .json([
                JSONPatchOperation(op: .test, path: "/data/a", value: "1"),
                JSONPatchOperation(op: .replace, path: "/data/a", value: "10"),
                JSONPatchOperation(op: .add, path: "/data/b", value: "2"),
            ]))
            #expect(patched["data"] == ["a": "10", "b": "2"])

            let failed = await kubeError {
                _ = try await api.patch("json", .json([
                    JSONPatchOperation(op: .test, path: "/data/a", value: "1"),
                    JSONPatchOperation(op: .replace, path: "/data/a", value: "99"),
                ]))
            }
            // kube-apiserver answers a failed `test` with 422 Invalid.
            #expect(failed?.isInvalid == true)
            #expect(try await api.get("json")["data"]?["a"] == "10")
        }
    }

    @Test func strategicMergePatchOnBuiltInKind() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.client.dynamic(.configMap, namespace: cluster.namespace)
            _ = try await cluster.configMaps.create(ConfigMap("strategic", namespace: cluster.namespace, labels: ["x": "1"]))
            let patched = try await api.patch("strategic", .strategic(["metadata": ["labels": ["y": "2"]]]))
            #expect(patched[path: ["metadata", "labels"]] == ["x": "1", "y": "2"])
        }
    }

    @Test func serverSideApplyWithFieldManager() async throws {
        try await IntegrationCluster.with { cluster in
            let api = cluster.client.dynamic(.configMap, namespace: cluster.namespace)
            let body: JSONValue = [
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": ["name": "applied", "namespace": .string(cluster.namespace)], "data": ["owner": "it"],
            ]
            let created = try await api.patch("applied", .apply(body), options: PatchOptions(fieldManager: "capmaas-it", force: true))
            #expect(created["data"] == ["owner": "it"])
            let managers = created[path: ["metadata", "managedFields"]]?.arrayValue?.compactMap { $0["manager"]?.stringValue } ?? []
            #expect(managers.contains("capmaas-it"))

            var second = body
            second["data"] = ["owner": "it", "extra": "1"]
            let merged = try await api.patch("applied", .apply(second), options: PatchOptions(fieldManager: "capmaas-it", force: true))
            #expect(merged["data"] == ["owner": "it", "extra": "1"])
        }
    }
}
