import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeSandbox
import Testing

/// Informer benchmark against the sandbox (run by `hack/bench-sandbox-informer.sh`, skipped unless CAPMAAS_BENCH=1):
/// loads 1000 MaasMachines, measures the Reflector's initial sync, then the watch events per second the Reflector
/// applies for 5000 updates (end to end, bound by the 16 concurrent writers), the client's watch decode rate on a
/// replay of those 5000 events from the server's history, and peak RSS. Asserts correctness only, never timing.
@Suite struct SandboxInformerBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["CAPMAAS_BENCH"] == "1" && IntegrationCluster.isSandbox

    @Test(.enabled(if: enabled)) func maasMachineInformer() async throws {
        let objects = 1000
        let updates = 5000
        let writers = 16
        let unthrottled = ClientConfiguration(qps: 100_000, burst: 100_000, requestTimeout: .seconds(120))
        try await IntegrationCluster.with(clientConfiguration: unthrottled) { cluster in
            guard try await MaasMachineCRD.ensureInstalled(cluster) else { return }
            let api = cluster.client.api(MaasMachine.self, namespace: cluster.namespace)
            let loadStart = ContinuousClock.now
            try await Self.concurrently(objects, writers) { i in
                _ = try await api.create(MaasMachine("m\(i)", namespace: cluster.namespace))
            }
            let loaded = ContinuousClock.now - loadStart

            let reflector = Reflector(api: api, logger: quietLogger())
            let changes = reflector.subscribe()
            let syncStart = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                let synced = ContinuousClock.now - syncStart
                #expect(reflector.store.count == objects)

                let counted = Task {
                    var seen = 0
                    for await change in changes {
                        if case .applied(let machine, let old?) = change,
                            machine.metadata.annotations?["bench"] != old.metadata.annotations?["bench"]
                        {
                            seen += 1
                            if seen == updates { break }
                        }
                    }
                    return ContinuousClock.now
                }
                let before = try await api.list(ListOptions(limit: 1)).metadata.resourceVersion
                let updateStart = ContinuousClock.now
                try await Self.concurrently(updates, writers) { i in
                    _ = try await api.patch("m\(i % objects)", .merge(["metadata": ["annotations": ["bench": .string("\(i)")]]]))
                }
                let written = ContinuousClock.now - updateStart
                let finished = await counted.value
                let watchSeconds = Self.seconds(finished - updateStart)
                // Client-side decode rate alone: replay the same 5000 events from the server's watch history.
                let replayStart = ContinuousClock.now
                var replayed = 0
                for try await event in try await api.watch(ListOptions(resourceVersion: before), timeoutSeconds: 120) {
                    if case .modified = event { replayed += 1 }
                    if replayed == updates { break }
                }
                let replaySeconds = Self.seconds(ContinuousClock.now - replayStart)
                #expect(replayed == updates)
                print("bench-sandbox-informer: objects=\(objects) load=\(loaded) initial_sync=\(synced) updates=\(updates) "
                    + "write_time=\(written) reflector_events_per_second=\(Int(Double(updates) / watchSeconds)) "
                    + "watch_replay_events_per_second=\(Int(Double(replayed) / replaySeconds)) "
                    + "peak_rss_kib=\(Self.peakRSSKiB())")
                group.cancelAll()
            }
        }
    }

    /// Runs `count` operations with at most `width` in flight.
    static func concurrently(_ count: Int, _ width: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            var next = 0
            while next < min(width, count) {
                let i = next
                group.addTask { try await operation(i) }
                next += 1
            }
            while try await group.next() != nil, next < count {
                let i = next
                group.addTask { try await operation(i) }
                next += 1
            }
            try await group.waitForAll()
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func peakRSSKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? -1
    }
}
