import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Discovery and tables")
struct DiscoveryAndTableTests {
    static let aggregatedAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"
    static let tableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json"

    @Test func aggregatedDiscoveryWithETag() async throws {
        try await TestCluster.with { cluster in
            let api = try await cluster.request(.GET, "/api?timeout=32s", accept: Self.aggregatedAccept)
            #expect(api.status == 200)
            #expect(api.headers.first(name: "Content-Type") == "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
            #expect(api.json["kind"] == "APIGroupDiscoveryList")
            let resources = api.json["items"]?.arrayValue?.first?["versions"]?.arrayValue?.first?["resources"]?.arrayValue ?? []
            let configmaps = try #require(resources.first { $0["resource"] == "configmaps" })
            #expect(configmaps["singularResource"] == "configmap")
            #expect(configmaps["scope"] == "Namespaced")
            #expect(configmaps["shortNames"] == ["cm"])
            let etag = try #require(api.headers.first(name: "ETag"))
            let cached = try await cluster.request(.GET, "/api?timeout=32s", accept: Self.aggregatedAccept, headers: [("If-None-Match", etag)])
            #expect(cached.status == 304)

            let apis = try await cluster.request(.GET, "/apis", accept: Self.aggregatedAccept)
            let groups = apis.json["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
            #expect(groups.contains("coordination.k8s.io"))
            #expect(groups.contains("apiextensions.k8s.io"))
        }
    }

    @Test func legacyDiscovery() async throws {
        try await TestCluster.with { cluster in
            let api = try await cluster.request(.GET, "/api")
            #expect(api.json["kind"] == "APIVersions")
            let list = try await cluster.request(.GET, "/api/v1")
            #expect(list.json["kind"] == "APIResourceList")
            let names = list.json["resources"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(names.contains("namespaces/status"))
            #expect(names.contains("secrets"))
            let leases = try await cluster.request(.GET, "/apis/coordination.k8s.io/v1")
            #expect(leases.json["groupVersion"] == "coordination.k8s.io/v1")
            let version = try await cluster.request(.GET, "/version")
            #expect(version.json["major"] == "1")
        }
    }

    @Test func openAPIIndexAndFieldValidationParameter() async throws {
        try await TestCluster.with { cluster in
            let index = try await cluster.request(.GET, "/openapi/v3")
            let url = try #require(index.json[path: ["paths", "api/v1", "serverRelativeURL"]]?.stringValue)
            #expect(url.contains("?hash="))
            let document = try await cluster.request(.GET, url)
            #expect(document.status == 200)
            let patch = try #require(document.json[path: ["paths", "/api/v1/namespaces/{namespace}/configmaps/{name}", "patch"]])
            let parameters = patch["parameters"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []
            #expect(parameters.contains("fieldValidation"))
        }
    }

    @Test func tablesForListsAndEvents() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("t1", ns))
                let table = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps?limit=500", accept: Self.tableAccept)
                #expect(table.json["kind"] == "Table")
                #expect(table.json["apiVersion"] == "meta.k8s.io/v1")
                #expect(table.json["columnDefinitions"]?.arrayValue?.first?["name"] == "Name")
                let row = try #require(table.json["rows"]?.arrayValue?.first { $0["cells"]?.arrayValue?.first == "t1" })
                #expect(row[path: ["object", "kind"]] == "PartialObjectMetadata")

                let event: JSONValue = [
                    "apiVersion": "v1", "kind": "Event", "metadata": ["name": "e1", "namespace": .string(ns)],
                    "involvedObject": ["kind": "ConfigMap", "name": "t1", "namespace": .string(ns)], "reason": "Tested",
                    "message": "hello", "type": "Normal", "source": ["component": "tests"], "count": 1,
                ]
                #expect(try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/events", json: event).status == 201)
                let events = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/events", accept: Self.tableAccept)
                let columns = events.json["columnDefinitions"]?.arrayValue?.compactMap { $0["name"]?.stringValue }
                #expect(columns == ["Last Seen", "Type", "Reason", "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name"])
                let cells = events.json["rows"]?.arrayValue?.first?["cells"]?.arrayValue ?? []
                #expect(cells.count == 10)
                #expect(cells.dropFirst().first == "Normal")
                #expect(cells.dropFirst(3).first == "configmap/t1")
                let selected = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/events?fieldSelector=involvedObject.name%3Dt1%2CinvolvedObject.kind%3DConfigMap")
                #expect(selected.json["items"]?.arrayValue?.count == 1)
            }
        }
    }
}
