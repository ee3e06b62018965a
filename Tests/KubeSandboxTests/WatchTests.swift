import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Watch")
struct WatchTests {
    @Test func watchFromResourceVersionSeesLaterChanges() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("before", ns))
                let list = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps")
                let rv = try #require(list.json[path: ["metadata", "resourceVersion"]]?.stringValue)
                async let events = cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&resourceVersion=\(rv)") { $0.count >= 3 }
                try await Task.sleep(for: .milliseconds(200))
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("after", ns))
                _ = try await cluster.request(.PATCH, "/api/v1/namespaces/\(ns)/configmaps/after", json: ["data": ["k": "v2"]],
                                              contentType: "application/merge-patch+json")
                _ = try await cluster.request(.DELETE, "/api/v1/namespaces/\(ns)/configmaps/after")
                let seen = try await events
                #expect(seen.compactMap { $0["type"]?.stringValue } == ["ADDED", "MODIFIED", "DELETED"])
                #expect(seen.allSatisfy { $0[path: ["object", "metadata", "name"]] == "after" })
            }
        }
    }

    @Test func watchWithoutResourceVersionSendsInitialEventsAndBookmark() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("a", ns))
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("b", ns))
                let events = try await cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&allowWatchBookmarks=true&fieldSelector=metadata.name%21%3Dkube-root-ca.crt") {
                    $0.contains { $0["type"] == "BOOKMARK" }
                }
                #expect(events.prefix(2).compactMap { $0["type"]?.stringValue } == ["ADDED", "ADDED"])
                let bookmark = try #require(events.last)
                #expect(bookmark["type"] == "BOOKMARK")
                #expect(bookmark[path: ["object", "metadata", "annotations", "k8s.io/initial-events-end"]] == "true")
            }
        }
    }

    @Test func timeoutSecondsEndsTheStream() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let start = ContinuousClock.now
                let events = try await cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&resourceVersion=\(Int.max / 2)&timeoutSeconds=1")
                #expect(ContinuousClock.now - start < .seconds(15))
                #expect(events.allSatisfy { $0["type"] != "ERROR" })
            }
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func tooOldResourceVersionGivesExpiredErrorEvent() async throws {
        try await TestCluster.with(SandboxConfiguration(watchHistoryLimit: 3)) { cluster in
            try await cluster.withNamespace { ns in
                for index in 0..<6 { _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c\(index)", ns)) }
                let events = try await cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&resourceVersion=1")
                #expect(events.count == 1)
                #expect(events.first?["type"] == "ERROR")
                #expect(events.first?[path: ["object", "code"]] == 410)
                #expect(events.first?[path: ["object", "reason"]] == "Expired")
                #expect(events.first?[path: ["object", "message"]]?.stringValue?.hasPrefix("too old resource version: 1 (") == true)
            }
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func labelSelectorWatchTurnsLeavingIntoDeleted() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let list = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps")
                let rv = try #require(list.json[path: ["metadata", "resourceVersion"]]?.stringValue)
                async let events = cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&resourceVersion=\(rv)&labelSelector=app%3Dx") { $0.count >= 2 }
                try await Task.sleep(for: .milliseconds(200))
                _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("m", ns, labels: ["app": "x"]))
                _ = try await cluster.request(.PATCH, "/api/v1/namespaces/\(ns)/configmaps/m", json: ["metadata": ["labels": ["app": "y"]]],
                                              contentType: "application/merge-patch+json")
                #expect(try await events.compactMap { $0["type"]?.stringValue } == ["ADDED", "DELETED"])
            }
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func periodicBookmarksWhenAllowed() async throws {
        try await TestCluster.with(SandboxConfiguration(bookmarkInterval: .milliseconds(200))) { cluster in
            let list = try await cluster.request(.GET, "/api/v1/namespaces/default/configmaps")
            let rv = try #require(list.json[path: ["metadata", "resourceVersion"]]?.stringValue)
            let events = try await cluster.watch("/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&resourceVersion=\(rv)") {
                $0.filter { $0["type"] == "BOOKMARK" }.count >= 2
            }
            let bookmark = try #require(events.first)
            #expect(bookmark["type"] == "BOOKMARK")
            #expect(bookmark["object"] == ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["resourceVersion": .string(rv)]])
        }
    }

    @Test(.enabled(if: TestCluster.isSandbox)) func fanOutToManyWatchers() async throws {
        try await TestCluster.with { cluster in
            try await cluster.withNamespace { ns in
                let list = try await cluster.request(.GET, "/api/v1/namespaces/\(ns)/configmaps")
                let rv = try #require(list.json[path: ["metadata", "resourceVersion"]]?.stringValue)
                let counts = try await withThrowingTaskGroup(of: Int.self) { group in
                    for _ in 0..<10 {
                        group.addTask { try await cluster.watch("/api/v1/namespaces/\(ns)/configmaps?watch=true&resourceVersion=\(rv)") { $0.count >= 20 }.count }
                    }
                    try await Task.sleep(for: .milliseconds(300))
                    for index in 0..<20 { _ = try await cluster.request(.POST, "/api/v1/namespaces/\(ns)/configmaps", json: configMap("c\(index)", ns)) }
                    var counts: [Int] = []
                    for try await count in group { counts.append(count) }
                    return counts
                }
                #expect(counts == Array(repeating: 20, count: 10))
            }
        }
    }
}
