import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

/// CRD behaviour. Creating CRDs is cluster-scoped, so these run against the sandbox only.
@Suite("Custom resources", .enabled(if: TestCluster.isSandbox))
struct CustomResourceTests {
    static let crd: JSONValue = [
        "apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
        "metadata": ["name": "widgets.example.com"],
        "spec": [
            "group": "example.com", "scope": "Namespaced",
            "names": ["kind": "Widget", "listKind": "WidgetList", "plural": "widgets", "singular": "widget", "shortNames": ["wd"], "categories": ["all-widgets"]],
            "versions": [[
                "name": "v1", "served": true, "storage": true, "subresources": ["status": .emptyObject],
                "additionalPrinterColumns": [["name": "Size", "type": "integer", "jsonPath": ".spec.size"]],
                "schema": ["openAPIV3Schema": [
                    "type": "object",
                    "properties": [
                        "spec": ["type": "object", "properties": [
                            "size": ["type": "integer", "minimum": 0],
                            "image": ["type": "string", "x-kubernetes-validations": [["rule": "self == oldSelf", "message": "image is immutable"]]],
                        ]],
                        "status": ["type": "object", "properties": ["phase": ["type": "string"]]],
                    ],
                ]],
            ]],
        ],
    ]

    static func widget(_ name: String, size: Int64 = 1, extra: [String: JSONValue] = [:]) -> JSONValue {
        var spec: [String: JSONValue] = ["size": .int(size), "image": "a"]
        for (key, value) in extra { spec[key] = value }
        return ["apiVersion": "example.com/v1", "kind": "Widget", "metadata": ["name": .string(name), "namespace": "default"], "spec": .object(spec)]
    }

    static let path = "/apis/example.com/v1/namespaces/default/widgets"

    @Test func crdIsServedEstablishedAndStatusIsolated() async throws {
        try await TestCluster.with { cluster in
            let created = try await cluster.request(.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: Self.crd)
            #expect(created.status == 201)
            let conditions = created.json[path: ["status", "conditions"]]?.arrayValue?.compactMap { $0["type"]?.stringValue }
            #expect(conditions == ["NamesAccepted", "Established"])
            #expect(created.json[path: ["status", "storedVersions"]] == ["v1"])

            var body = Self.widget("w1")
            body["status"] = ["phase": "Ignored"]
            let w1 = try await cluster.request(.POST, Self.path, json: body)
            #expect(w1.status == 201)
            #expect(w1.json["status"] == nil)
            #expect(w1.json[path: ["metadata", "generation"]] == 1)

            let status = try await cluster.request(.PATCH, "\(Self.path)/w1/status", json: ["status": ["phase": "Ready"], "spec": ["size": 5]],
                                                   contentType: "application/merge-patch+json")
            #expect(status.json[path: ["status", "phase"]] == "Ready")
            #expect(status.json[path: ["spec", "size"]] == 1)
            #expect(status.json[path: ["metadata", "generation"]] == 1)

            let spec = try await cluster.request(.PATCH, "\(Self.path)/w1", json: ["spec": ["size": 2], "status": ["phase": "Nope"]],
                                                 contentType: "application/merge-patch+json")
            #expect(spec.json[path: ["metadata", "generation"]] == 2)
            #expect(spec.json[path: ["status", "phase"]] == "Ready")

            let labels = try await cluster.request(.PATCH, "\(Self.path)/w1", json: ["metadata": ["labels": ["a": "b"]]],
                                                   contentType: "application/merge-patch+json")
            #expect(labels.json[path: ["metadata", "generation"]] == 2)

            let table = try await cluster.request(.GET, Self.path, accept: DiscoveryAndTableTests.tableAccept)
            #expect(table.json["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }.contains("Size") == true)

            let put = try await cluster.request(.PUT, "\(Self.path)/w1", json: Self.widget("w1", size: 3))
            #expect(put.status == 422)
            #expect(put.json[path: ["details", "causes"]]?.arrayValue?.first?["message"] == "Invalid value: 0x0: must be specified for an update")
        }
    }

    @Test func validationAndStrictFieldErrorsMatchKube() async throws {
        try await TestCluster.with { cluster in
            _ = try await cluster.request(.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: Self.crd)
            let negative = try await cluster.request(.POST, Self.path, json: Self.widget("bad", size: -1))
            #expect(negative.status == 422)
            #expect(negative.json["message"] == "Widget.example.com \"bad\" is invalid: spec.size: Invalid value: -1: spec.size in body should be greater than or equal to 0")
            #expect(negative.json[path: ["details", "kind"]] == "Widget")

            let unknown = try await cluster.request(.POST, Self.path + "?fieldValidation=Strict", json: Self.widget("u", extra: ["foo": "bar"]))
            #expect(unknown.status == 400)
            #expect(unknown.json["message"] == "Widget in version \"v1\" cannot be handled as a Widget: strict decoding error: unknown field \"spec.foo\"")

            let pruned = try await cluster.request(.POST, Self.path, json: Self.widget("p", extra: ["foo": "bar"]))
            #expect(pruned.status == 201)
            #expect(pruned.json[path: ["spec", "foo"]] == nil)

            let patchUnknown = try await cluster.request(.PATCH, "\(Self.path)/p?fieldValidation=Strict", json: ["spec": ["foo": "bar"]],
                                                         contentType: "application/merge-patch+json")
            #expect(patchUnknown.status == 422)
            #expect(patchUnknown.json[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "patch")

            let immutable = try await cluster.request(.PATCH, "\(Self.path)/p", json: ["spec": ["image": "b"]], contentType: "application/merge-patch+json")
            #expect(immutable.status == 422)
            #expect(immutable.json["message"] == "Widget.example.com \"p\" is invalid: spec.image: Invalid value: \"b\": image is immutable")
        }
    }

    @Test func deletingTheCRDDeletesItsObjectsAndStopsServing() async throws {
        try await TestCluster.with { cluster in
            _ = try await cluster.request(.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: Self.crd)
            _ = try await cluster.request(.POST, Self.path, json: Self.widget("w"))
            let deleted = try await cluster.request(.DELETE, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
            #expect(deleted.status == 200)
            #expect(deleted.json[path: ["metadata", "deletionTimestamp"]] != nil)
            #expect(deleted.json[path: ["metadata", "finalizers"]] == ["customresourcecleanup.apiextensions.k8s.io"])
            let gone = try await cluster.request(.GET, Self.path)
            #expect(gone.status == 404)
            #expect(gone.text == "404 page not found\n")
            let crd = try await cluster.request(.GET, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com")
            #expect(crd.status == 404)
        }
    }

    @Test func installFromDirectory() async throws {
        try await TestCluster.with { cluster in
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("crds-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            try Self.crd.serialized().write(to: directory.appendingPathComponent("widgets.json"))
            let names = try #require(cluster.sandbox).installCustomResourceDefinitions(fromDirectory: directory.path)
            #expect(names == ["widgets.example.com"])
            #expect(try await cluster.request(.POST, Self.path, json: Self.widget("w")).status == 201)
        }
    }

    @Test func invalidCRDIsRefused() async throws {
        try await TestCluster.with { cluster in
            var bad = Self.crd
            bad[path: ["metadata", "name"]] = "wrong.example.com"
            let reply = try await cluster.request(.POST, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", json: bad)
            #expect(reply.status == 422)
            #expect(reply.json["reason"] == "Invalid")
        }
    }
}
