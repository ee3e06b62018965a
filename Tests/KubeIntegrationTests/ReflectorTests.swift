import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeSandbox
import Testing

/// Reflector + Store converging with the server across watch cuts and forced 410s (sandbox faults).
@Suite struct ReflectorTests {
    /// Whether the store holds exactly the server's objects at the server's resourceVersions.
    static func converged(_ store: Store<ConfigMap>, _ cluster: IntegrationCluster) async throws -> Bool {
        let server = try await cluster.configMaps.listAll()
        let expected = Dictionary(uniqueKeysWithValues: server.items.map { ($0.metadata.name ?? "", $0.metadata.resourceVersion) })
        let cached = Dictionary(uniqueKeysWithValues: store.list(namespace: cluster.namespace).map { ($0.metadata.name ?? "", $0.metadata.resourceVersion) })
        return expected == cached
    }

    @Test func syncsAndFollowsChanges() async throws {
        try await IntegrationCluster.with { cluster in
            for i in 0..<10 { _ = try await cluster.configMaps.create(ConfigMap("r\(i)", namespace: cluster.namespace)) }
            let reflector = Reflector(api: cluster.configMaps, logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                // Real clusters add kube-root-ca.crt to every namespace; count only ours.
                #expect(reflector.store.list().filter { $0.metadata.name?.hasPrefix("r") == true }.count == 10)
                try await cluster.configMaps.delete("r0")
                _ = try await cluster.configMaps.patch("r1", .merge(["data": ["k": "changed"]]))
                _ = try await cluster.configMaps.create(ConfigMap("r10", namespace: cluster.namespace, labels: ["new": "yes"]))
                #expect(try await cluster.eventually { try await Self.converged(reflector.store, cluster) })
                #expect(reflector.store.get(namespace: cluster.namespace, name: "r1")?.data == ["k": "changed"])
                #expect(reflector.store.list(labelSelector: try LabelSelector(parsing: "new=yes")).map(\.metadata.name) == ["r10"])
                group.cancelAll()
            }
        }
    }

    @Test(.enabled(if: IntegrationCluster.isSandbox, "sandbox fault injection"))
    func convergesAcrossWatchCuts() async throws {
        try await IntegrationCluster.with(SandboxConfiguration(faults: SandboxFaults(cutWatchesEverySeconds: 0.3))) { cluster in
            let reflector = Reflector(api: cluster.configMaps, logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                // Writes spread over several cut intervals.
                for i in 0..<30 {
                    _ = try await cluster.configMaps.create(ConfigMap("cut-\(i)", namespace: cluster.namespace))
                    if i % 3 == 0 { try await cluster.configMaps.delete("cut-\(i)") }
                    if i % 5 == 0 { try await Task.sleep(for: .milliseconds(100)) }
                }
                #expect(try await cluster.eventually { try await Self.converged(reflector.store, cluster) })
                #expect(reflector.store.count == 20)
                group.cancelAll()
            }
        }
    }

    @Test(.enabled(if: IntegrationCluster.isSandbox, "sandbox fault injection"))
    func forcedGoneRelistDropsDeletesMadeWhileDisconnected() async throws {
        try await IntegrationCluster.with { cluster in
            guard let sandbox = cluster.sandbox else { return }
            for i in 0..<20 { _ = try await cluster.configMaps.create(ConfigMap("g\(i)", namespace: cluster.namespace)) }
            let reflector = Reflector(api: cluster.configMaps, logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                #expect(reflector.store.count == 20)
                // Cut the current watch soon and answer the next reconnects with 410 Expired: the reflector must relist.
                sandbox.setFaults(SandboxFaults(cutWatchesEverySeconds: 0.2, expireNextWatches: 3))
                for i in 0..<10 { try await cluster.configMaps.delete("g\(i)") }
                _ = try await cluster.configMaps.create(ConfigMap("g-new", namespace: cluster.namespace))
                let consumed = try await cluster.eventually { sandbox.faults.expireNextWatches == 0 }
                #expect(consumed, "the reflector never re-watched into the forced 410s")
                sandbox.setFaults(SandboxFaults())
                #expect(try await cluster.eventually { try await Self.converged(reflector.store, cluster) })
                #expect(reflector.store.count == 11)
                #expect((0..<10).allSatisfy { reflector.store.get(namespace: cluster.namespace, name: "g\($0)") == nil })
                group.cancelAll()
            }
        }
    }
}
