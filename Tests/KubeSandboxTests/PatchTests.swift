import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Patches")
struct PatchTests {
    @Test func mergeJSONStrategicAndApply() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/api/v1/namespaces/\(ns)/configmaps"
                _ = try await cluster.request(.POST, path, json: configMap("p", ns, data: ["a": "1", "b": "2"]))

                let merged = try await cluster.request(.PATCH, "\(path)/p", json: ["data": ["b": .null, "c": "3"]], contentType: "application/merge-patch+json")
                #expect(merged.status == 200)
                #expect(merged.json["data"] == ["a": "1", "c": "3"])

                let jsonPatched = try await cluster.request(.PATCH, "\(path)/p", json: [["op": "replace", "path": "/data/a", "value": "9"]],
                                                            contentType: "application/json-patch+json")
                #expect(jsonPatched.json[path: ["data", "a"]] == "9")

                let failedTest = try await cluster.request(.PATCH, "\(path)/p", json: [["op": "test", "path": "/data/a", "value": "nope"]],
                                                           contentType: "application/json-patch+json")
                #expect(failedTest.status == 422)
                #expect(failedTest.json["reason"] == "Invalid")

                let strategic = try await cluster.request(.PATCH, "\(path)/p", json: ["metadata": ["labels": ["x": "y"]], "data": ["d": "4"]],
                                                          contentType: "application/strategic-merge-patch+json")
                #expect(strategic.status == 200)
                #expect(strategic.json[path: ["metadata", "labels", "x"]] == "y")
                #expect(strategic.json[path: ["data", "d"]] == "4")

                let applyYAML = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied\n  namespace: \(ns)\ndata:\n  k: v\n"
                let created = try await cluster.request(.PATCH, "\(path)/applied?fieldManager=test", body: Data(applyYAML.utf8),
                                                        contentType: "application/apply-patch+yaml")
                #expect(created.status == 201)
                #expect(created.json[path: ["data", "k"]] == "v")
                let updated = try await cluster.request(.PATCH, "\(path)/applied?fieldManager=test&force=true",
                                                        body: Data(applyYAML.replacingOccurrences(of: "k: v", with: "k: w").utf8),
                                                        contentType: "application/apply-patch+yaml")
                #expect(updated.status == 200)
                #expect(updated.json[path: ["data", "k"]] == "w")

                let missing = try await cluster.request(.PATCH, "\(path)/nosuch", json: ["data": ["a": "b"]], contentType: "application/merge-patch+json")
                #expect(missing.status == 404)
            }
        }
    }

    @Test func serverDryRunStoresNothing() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let path = "/api/v1/namespaces/\(ns)/configmaps"
                let dry = try await cluster.request(.POST, path + "?dryRun=All", json: configMap("dry", ns))
                #expect(dry.status == 201)
                #expect(dry.json[path: ["metadata", "name"]] == "dry")
                #expect(try await cluster.request(.GET, "\(path)/dry").status == 404)
            }
        }
    }
}
