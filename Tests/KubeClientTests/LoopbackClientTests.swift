import Foundation
import KubeClient
import KubeCore
import KubeTestSupport
import Testing

struct Widget: KubeResource, Equatable {
    static let resourceType = ResourceType(group: "test.io", version: "v1", kind: "Widget", plural: "widgets", namespaced: true)
    var apiVersion = "test.io/v1"
    var kind = "Widget"
    var metadata: ObjectMeta
    var spec: [String: String]?
}

@Suite struct LoopbackClientTests {
    static func client(_ base: String, retry: RetryPolicy = RetryPolicy(initialDelay: .milliseconds(1))) throws -> KubeClient {
        try KubeClient(config: KubeConfig(server: base, token: "secret-token", caPEM: nil), configuration: ClientConfiguration(retryPolicy: retry))
    }

    @Test func listAllFollowsContinueTokens() async throws {
        try await FakeAPIServer.withRunning({ request, _ in
            if request.query["continue"] == nil {
                return .json(200, listJSON([widgetJSON("a", rv: "1"), widgetJSON("b", rv: "2")], rv: "5", continue: "c1"))
            }
            return .json(200, listJSON([widgetJSON("c", rv: "3")], rv: "6"))
        }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let list = try await client.api(Widget.self, namespace: "default").listAll(ListOptions(labelSelector: "x=y"), pageSize: 2)
            #expect(list.items.map { $0.metadata.name } == ["a", "b", "c"])
            #expect(list.metadata.resourceVersion == "6")
            let requests = server.requests
            #expect(requests.count == 2)
            #expect(requests[0].path == "/apis/test.io/v1/namespaces/default/widgets")
            #expect(requests[0].query["limit"] == "2" && requests[0].query["labelSelector"] == "x=y")
            #expect(requests[1].query["continue"] == "c1")
            #expect(requests[0].headers["authorization"] == "Bearer secret-token")
        }
    }

    @Test func tooManyRequestsIsRetriedAfterRetryAfterForAnyVerb() async throws {
        try await FakeAPIServer.withRunning({ _, index in
            index == 0 ? .json(429, statusJSON(429, reason: "TooManyRequests"), headers: ["Retry-After": "0"])
                : .json(201, widgetJSON("a", rv: "1"))
        }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let created = try await client.api(Widget.self, namespace: "default").create(Widget(metadata: ObjectMeta(name: "a", namespace: "default")))
            #expect(created.metadata.resourceVersion == "1")
            #expect(server.requests.map(\.method) == ["POST", "POST"])
            #expect(!server.requests[0].body.contains("null"))  // encoders omit nil fields
        }
    }

    @Test func serverErrorsRetriedForReadsOnly() async throws {
        try await FakeAPIServer.withRunning({ request, index in
            request.method == "GET" && index >= 2 ? .json(200, widgetJSON("a", rv: "1")) : .json(503, statusJSON(503, reason: "ServiceUnavailable"))
        }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let api = client.api(Widget.self, namespace: "default")
            let error = await #expect(throws: KubeError.self) { try await api.create(Widget(metadata: ObjectMeta(name: "a"))) }
            if case .serverError(let code, _)? = error { #expect(code == 503) } else { Issue.record("expected serverError") }
            #expect(server.requests.count == 1)
            let widget = try await api.get("a")
            #expect(widget.metadata.name == "a")
            #expect(server.requests.count == 3)
        }
    }

    @Test func typedErrorsFromStatus() async throws {
        try await FakeAPIServer.withRunning({ request, _ in
            switch request.method {
            case "PUT": return .json(409, statusJSON(409, reason: "Conflict"))
            case "GET": return .json(404, statusJSON(404, reason: "NotFound"))
            default:
                return .json(422, statusJSON(422, reason: "Invalid", causes: #","details":{"causes":[{"reason":"FieldValueRequired","field":"spec.x"}]}"#))
            }
        }) { base, _ in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let api = client.api(Widget.self, namespace: "default")
            var stale = Widget(metadata: ObjectMeta(name: "a", namespace: "default"))
            stale.metadata.resourceVersion = "1"
            await #expect { _ = try await api.update(stale) } throws: { ($0 as? KubeError)?.isConflict == true }
            await #expect { _ = try await api.get("zzz") } throws: { ($0 as? KubeError)?.isNotFound == true }
            let invalid = await #expect(throws: KubeError.self) { _ = try await api.create(stale) }
            #expect(invalid?.isInvalid == true)
            #expect(invalid?.status?.details?.causes?.first?.field == "spec.x")
        }
    }

    @Test func patchSendsContentTypeAndApplyOptions() async throws {
        try await FakeAPIServer.withRunning({ _, _ in .json(200, widgetJSON("a", rv: "2")) }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let api = client.api(Widget.self, namespace: "default")
            _ = try await api.patch("a", .apply(["spec": ["k": "v"]]), options: PatchOptions(fieldManager: "capmaas", force: true))
            _ = try await api.patchStatus("a", .json([.test("/metadata/finalizers", ["f"]), .remove("/metadata/finalizers/0")]))
            _ = try await api.patch("a", .merge(["metadata": ["labels": ["gone": .null]]]))
            let requests = server.requests
            #expect(requests[0].headers["content-type"] == "application/apply-patch+yaml")
            #expect(requests[0].query["fieldManager"] == "capmaas" && requests[0].query["force"] == "true")
            #expect(requests[1].path.hasSuffix("/widgets/a/status"))
            #expect(requests[1].headers["content-type"] == "application/json-patch+json")
            #expect(requests[1].body.contains(#""op":"test""#))
            #expect(requests[2].body == #"{"metadata":{"labels":{"gone":null}}}"#)
        }
    }

    @Test func deleteReportsGoneOrPending() async throws {
        try await FakeAPIServer.withRunning({ request, _ in
            request.path.hasSuffix("/a")
                ? .json(200, #"{"kind":"Status","apiVersion":"v1","status":"Success","code":200}"#)
                : .json(200, widgetJSON("b", rv: "9"))
        }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let api = client.api(Widget.self, namespace: "default")
            #expect(try await api.delete("a").isGone)
            let pending = try await api.delete("b", options: DeleteOptions(propagationPolicy: "Foreground", preconditions: .init(uid: "u1")))
            #expect(!pending.isGone)
            #expect(server.requests[1].body.contains(#""propagationPolicy":"Foreground""#))
            #expect(server.requests[1].body.contains(#""uid":"u1""#))
        }
    }

    @Test func watchFramesChunksSplitMidLine() async throws {
        let line1 = #"{"type":"ADDED","object":\#(widgetJSON("a", rv: "11"))}"# + "\n"
        let line2 = #"{"type":"BOOKMARK","object":{"kind":"Widget","apiVersion":"test.io/v1","metadata":{"resourceVersion":"12"}}}"# + "\n"
        let line3 = #"{"type":"DELETED","object":\#(widgetJSON("a", rv: "13"))}"#
        let body = line1 + line2 + line3
        let chunks = [String(body.prefix(20)), String(body.dropFirst(20).prefix(100)), String(body.dropFirst(120))]
        try await FakeAPIServer.withRunning({ _, _ in .chunks(chunks) }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let stream = try await client.api(Widget.self, namespace: "default").watch(ListOptions(resourceVersion: "10"), timeoutSeconds: 300)
            var seen: [String] = []
            for try await event in stream {
                switch event {
                case .added(let w): seen.append("added:\(w.metadata.name ?? ""):\(w.metadata.resourceVersion ?? "")")
                case .deleted(let w): seen.append("deleted:\(w.metadata.name ?? "")")
                case .bookmark(let rv, _): seen.append("bookmark:\(rv)")
                default: seen.append("other")
                }
            }
            #expect(seen == ["added:a:11", "bookmark:12", "deleted:a"])
            let query = server.requests[0].query
            #expect(query["watch"] == "true" && query["allowWatchBookmarks"] == "true")
            #expect(query["timeoutSeconds"] == "300" && query["resourceVersion"] == "10")
        }
    }

    @Test func watchHTTPGoneIsTyped() async throws {
        try await FakeAPIServer.withRunning({ _, _ in .json(410, statusJSON(410, reason: "Expired")) }) { base, _ in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            await #expect { _ = try await client.api(Widget.self).watch(ListOptions(resourceVersion: "1")) } throws: {
                ($0 as? KubeError)?.isGone == true
            }
        }
    }

    @Test func dynamicApiWorksOverJSON() async throws {
        try await FakeAPIServer.withRunning({ _, _ in .json(200, widgetJSON("a", rv: "3")) }) { base, server in
            let client = try Self.client(base)
            defer { Task { try? await client.shutdown() } }
            let object = try await client.dynamic(Widget.resourceType, namespace: "ns").get("a")
            #expect(object[path: ["metadata", "resourceVersion"]]?.stringValue == "3")
            #expect(server.requests[0].path == "/apis/test.io/v1/namespaces/ns/widgets/a")
        }
    }
}
