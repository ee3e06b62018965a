import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Object semantics")
struct ObjectSemanticsTests {
    @Test func createGetAndErrorBodies() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c1", ns))
                #expect(created.status == 201)
                #expect(created.json[path: ["metadata", "uid"]]?.stringValue?.isEmpty == false)
                #expect(created.json[path: ["metadata", "resourceVersion"]]?.stringValue != nil)
                #expect(created.json[path: ["metadata", "creationTimestamp"]]?.stringValue != nil)

                let again = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c1", ns))
                #expect(again.status == 409)
                #expect(again.json["reason"] == "AlreadyExists")
                #expect(again.json["message"] == "configmaps \"c1\" already exists")
                #expect(again.json[path: ["details", "kind"]] == "configmaps")

                let missing = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps/nosuch")
                #expect(missing.status == 404)
                #expect(missing.json["kind"] == "Status")
                #expect(missing.json["reason"] == "NotFound")
                #expect(missing.json["message"] == "configmaps \"nosuch\" not found")

                let unknown = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/nosuchresources")
                #expect(unknown.status == 404)
                #expect(unknown.text == "404 page not found\n")
            }
        }
    }

    @Test func generateNameAndNameRequired() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                var body = configMap("", ns)
                body[path: ["metadata", "name"]] = nil
                let invalid = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: body)
                #expect(invalid.status == 422)
                #expect(invalid.json[path: ["details", "causes"]]?.arrayValue?.first?["field"] == "metadata.name")
                body[path: ["metadata", "generateName"]] = "gen-"
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: body)
                #expect(created.status == 201)
                let name = try #require(created.json[path: ["metadata", "name"]]?.stringValue)
                #expect(name.hasPrefix("gen-") && name.count == 9)
            }
        }
    }

    @Test func optimisticConcurrencyConflict() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c1", ns))
                var stale = created.json
                stale["data"] = ["k": "v2"]
                let first = try await cluster.request(.PUT, "/api/v1/namespaces/\(ns)/configmaps/c1", json: stale)
                #expect(first.status == 200)
                #expect(first.json[path: ["metadata", "resourceVersion"]] != created.json[path: ["metadata", "resourceVersion"]])
                stale["data"] = ["k": "v3"]
                let second = try await cluster.request(.PUT, "/api/v1/namespaces/\(ns)/configmaps/c1", json: stale)
                #expect(second.status == 409)
                #expect(second.json["reason"] == "Conflict")
                #expect(second.json["message"] == "Operation cannot be fulfilled on configmaps \"c1\": the object has been modified; please apply your changes to the latest version and try again")
            }
        }
    }

    @Test func finalizersAndDeletionTimestamp() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                var body = configMap("f1", ns)
                body[path: ["metadata", "finalizers"]] = ["example.com/hold"]
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: body)
                let deleted = try await cluster.request(.DELETE, "/api/v1/namespaces/\(ns)/configmaps/f1")
                #expect(deleted.status == 200)
                #expect(deleted.json["kind"] == "ConfigMap")
                #expect(deleted.json[path: ["metadata", "deletionTimestamp"]] != nil)

                let add = try await cluster.request(.PATCH, "/api/v1/namespaces/\(ns)/configmaps/f1",
                                                    json: ["metadata": ["finalizers": ["example.com/hold", "example.com/new"]]],
                                                    contentType: "application/merge-patch+json")
                #expect(add.status == 422)
                #expect(add.json[path: ["details", "causes"]]?.arrayValue?.first?["message"]
                        == "Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{\"example.com/new\"}")

                let release = try await cluster.request(.PATCH, "/api/v1/namespaces/\(ns)/configmaps/f1",
                                                        json: ["metadata": ["finalizers": .null]], contentType: "application/merge-patch+json")
                #expect(release.status == 200)
                #expect(try await cluster.eventually { try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps/f1").status == 404 })
            }
        }
    }

    @Test func deleteWithoutFinalizersReturnsSuccessStatus() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("d1", ns))
                let deleted = try await cluster.request(.DELETE, "/api/v1/namespaces/\(ns)/configmaps/d1", json: ["propagationPolicy": "Background"])
                #expect(deleted.status == 200)
                #expect(deleted.json["kind"] == "Status")
                #expect(deleted.json["status"] == "Success")
                #expect(deleted.json[path: ["details", "uid"]] == created.json[path: ["metadata", "uid"]])
            }
        }
    }

    @Test func ownerReferenceGarbageCollection() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let owner = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("owner", ns))
                let uid = try #require(owner.json[path: ["metadata", "uid"]])
                var dependent = configMap("dependent", ns)
                dependent[path: ["metadata", "ownerReferences"]] = [["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": uid]]
                #expect(try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: dependent).status == 201)
                _ = try await cluster.request(.DELETE, "/api/v1/namespaces/\(ns)/configmaps/owner")
                let collected = try await cluster.eventually(300) {
                    try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps/dependent").status == 404
                }
                #expect(collected)
            }
        }
    }

    @Test func selectorsAndPaging() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                for index in 0..<5 {
                    let labels = ["tier": index % 2 == 0 ? "even" : "odd"]
                    _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c\(index)", ns, labels: labels))
                }
                let even = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps?labelSelector=tier%3Deven")
                #expect(even.json["items"]?.arrayValue?.count == 3)
                let notEven = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps?labelSelector=tier!%3Deven")
                #expect(notEven.json["items"]?.arrayValue?.count == 2)
                let byName = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps?fieldSelector=metadata.name%3Dc3")
                #expect(byName.json["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["c3"])

                var names: [String] = []
                var token = ""
                var pages = 0
                repeat {
                    let page = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps?limit=2" + (token.isEmpty ? "" : "&continue=\(token)"))
                    names += page.json["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
                    token = page.json[path: ["metadata", "continue"]]?.stringValue?.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                    pages += 1
                } while !token.isEmpty && pages < 10
                #expect(names.filter { $0.hasPrefix("c") && $0.count == 2 } == ["c0", "c1", "c2", "c3", "c4"])
                #expect(pages == 3)
            }
        }
    }

    @Test func secretStringDataBecomesData() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let secret: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": "s1", "namespace": .string(ns)], "stringData": ["value": "abc"]]
                let created = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/secrets", json: secret)
                #expect(created.status == 201)
                #expect(created.json[path: ["data", "value"]] == "YWJj")
                #expect(created.json["stringData"] == nil)
                #expect(created.json["type"] == "Opaque")
            }
        }
    }

    @Test func defaultNamespaceMayNotBeDeleted() async throws {
        try await TestCluster.with { cluster in
            let reply = try await cluster.request(.DELETE, "/api/v1/namespaces/default")
            #expect(reply.status == 403)
            #expect(reply.json["message"] == "namespaces \"default\" is forbidden: this namespace may not be deleted")
        }
    }

    @Test func namespaceDeletionRemovesContents() async throws {
        try await TestCluster.with { cluster in
            let name = "t-del-" + UUID().uuidString.lowercased().prefix(6)
            _ = try await cluster.request(.POST, "/api/v1/namespaces", json: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
            _ = try await cluster.request(.POST, "/api/v1/namespaces/\(name)/configmaps", json: configMap("c", name))
            let deleted = try await cluster.request(.DELETE, "/api/v1/namespaces/\(name)")
            #expect(deleted.status == 200)
            #expect(deleted.json[path: ["status", "phase"]] == "Terminating")
            #expect(try await cluster.eventually(300) { try await cluster.request(.GET, "/api/v1/namespaces/\(name)").status == 404 })
        }
    }
}
