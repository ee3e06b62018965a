import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle
import Synchronization
import Testing

/// A reconciler that records every call, tracks concurrency per key and overall, requeues one key a few times
/// and fails another a few times.
final class CountingReconciler: Reconciler, Sendable {
    struct Flaky: Error {}
    struct State {
        var calls: [String: Int] = [:]
        var seenVersions: [String: [String]] = [:]
        var inFlight: [String: Int] = [:]
        var maxInFlightPerKey = 0
        var running = 0
        var maxRunning = 0
    }
    let state = Mutex(State())
    let store: Store<ConfigMap>
    let requeueKey: String
    let failingKey: String
    let requeues = 3
    let failures = 2

    init(store: Store<ConfigMap>, requeueKey: String, failingKey: String) {
        self.store = store
        self.requeueKey = requeueKey
        self.failingKey = failingKey
    }

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let name = key.name
        let version = store.get(key)?.metadata.resourceVersion ?? "deleted"
        let call = state.withLock { state -> Int in
            state.calls[name, default: 0] += 1
            state.seenVersions[name, default: []].append(version)
            state.inFlight[name, default: 0] += 1
            state.maxInFlightPerKey = max(state.maxInFlightPerKey, state.inFlight[name] ?? 0)
            state.running += 1
            state.maxRunning = max(state.maxRunning, state.running)
            return state.calls[name] ?? 0
        }
        // Hold the key long enough that overlapping reconciles of one key would be observed.
        try? await Task.sleep(for: .milliseconds(20))
        state.withLock { state in
            state.inFlight[name, default: 1] -= 1
            state.running -= 1
        }
        if name == failingKey, call <= failures { throw Flaky() }
        if name == requeueKey, call <= requeues { return .requeue(after: .milliseconds(50)) }
        return .done
    }

    func calls(_ name: String) -> Int { state.withLock { $0.calls[name] ?? 0 } }
}

@Suite struct ControllerTests {
    @Test func reconcilesEveryChangeNeverConcurrentlyPerKey() async throws {
        try await IntegrationCluster.with { cluster in
            let names = (0..<15).map { "c\($0)" }
            for name in names { _ = try await cluster.configMaps.create(ConfigMap(name, namespace: cluster.namespace)) }
            let reflector = Reflector(api: cluster.configMaps, logger: quietLogger())
            let reconciler = CountingReconciler(store: reflector.store, requeueKey: "c1", failingKey: "c2")
            let controller = Controller(
                name: "it-configmaps", primary: reflector, reconciler: reconciler,
                options: ControllerOptions(maxConcurrentReconciles: 4, gracefulShutdownTimeout: .seconds(5), queueQPS: 1000, queueBurst: 1000),
                logger: quietLogger())
            let group = ServiceGroup(services: [controller], logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                #expect(try await cluster.eventually { names.allSatisfy { reconciler.calls($0) >= 1 } })

                // Bursts of changes on the same keys while workers run.
                for round in 0..<3 {
                    for name in names.prefix(8) {
                        _ = try await cluster.configMaps.patch(name, .merge(["data": ["round": .string("\(round)")]]))
                    }
                }
                try await cluster.configMaps.delete("c14")

                // Every object's latest version is reconciled; the deleted key is reconciled as gone.
                let latest = try await cluster.configMaps.listAll()
                let caughtUp = try await cluster.eventually {
                    let seen = reconciler.state.withLock { $0.seenVersions }
                    return latest.items.allSatisfy { item in
                        seen[item.metadata.name ?? ""]?.contains(item.metadata.resourceVersion ?? "") == true
                    } && seen["c14"]?.last == "deleted"
                }
                #expect(caughtUp)
                // Requeue and error backoff ran to completion.
                #expect(try await cluster.eventually { reconciler.calls("c1") >= reconciler.requeues + 1 })
                #expect(try await cluster.eventually { reconciler.calls("c2") >= reconciler.failures + 1 })

                let settled = reconciler.state.withLock { $0 }
                // Deduplication: an untouched key is reconciled for the initial sync only (the initial list event and
                // the start-up enqueue may land on either side of a worker picking it up: at most twice).
                for name in ["c10", "c11", "c12", "c13"] {
                    #expect((1...2).contains(settled.calls[name] ?? 0), "\(name) reconciled \(settled.calls[name] ?? 0) times")
                }
                // Changed keys: at most once per change on top of that.
                for name in names.prefix(8) where name != "c1" && name != "c2" {
                    #expect((settled.calls[name] ?? 0) <= 2 + 3, "\(name) reconciled \(settled.calls[name] ?? 0) times")
                }
                #expect(settled.maxInFlightPerKey == 1)
                #expect(settled.maxRunning <= 4)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
        }
    }
}
