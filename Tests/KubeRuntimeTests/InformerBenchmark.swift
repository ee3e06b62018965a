import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestSupport
import Synchronization
import Testing

/// Informer benchmark (run by `hack/bench-informer.sh`, skipped unless CAPMAAS_BENCH=1): serves 1000
/// custom objects (paged 500) and a watch of 20 000 MODIFIED events over loopback, and prints initial
/// sync time, watch events per second and peak RSS. It asserts correctness only, never timing.
@Suite struct InformerBenchmark {
    static let enabled = ProcessInfo.processInfo.environment["CAPMAAS_BENCH"] == "1"

    @Test(.enabled(if: enabled)) func informerThroughput() async throws {
        let objects = 1000
        let events = 20_000
        let items = (0..<objects).map { widgetJSON("w\($0)", rv: "\($0 + 1)") }
        let watchChunks: [String] = stride(from: 0, to: events, by: 500).map { start in
            (start..<min(start + 500, events)).map { i in
                #"{"type":"MODIFIED","object":\#(widgetJSON("w\(i % objects)", rv: "\(objects + i + 1)"))}"# + "\n"
            }.joined()
        }
        try await FakeAPIServer.withRunning({ request, _ in
            if request.query["watch"] == "true" {
                return request.query["resourceVersion"] == "\(objects)" ? .chunks(watchChunks, holdOpen: .seconds(60)) : .chunks([], holdOpen: .seconds(60))
            }
            let limit = Int(request.query["limit"] ?? "") ?? objects
            let start = Int(request.query["continue"] ?? "") ?? 0
            let end = min(start + limit, objects)
            return .json(200, listJSON(Array(items[start..<end]), rv: "\(objects)", continue: end < objects ? "\(end)" : nil))
        }) { base, _ in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil), configuration: ClientConfiguration(qps: 1000, burst: 1000))
            let reflector = Reflector(api: client.api(Widget.self, namespace: "default"), logger: quietLogger())
            let changes = reflector.subscribe()
            let start = ContinuousClock.now
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                let synced = ContinuousClock.now
                var applied = 0
                for await change in changes {
                    if case .applied(let widget, let old) = change, old != nil,
                        Int(widget.metadata.resourceVersion ?? "") ?? 0 > objects
                    {
                        applied += 1
                        if applied == events { break }
                    }
                }
                let finished = ContinuousClock.now
                #expect(reflector.store.count == objects)
                let watchSeconds = Double((finished - synced).components.attoseconds) / 1e18 + Double((finished - synced).components.seconds)
                print("bench-informer: objects=\(objects) initial_sync=\(synced - start) watch_events=\(events) "
                    + "events_per_second=\(Int(Double(events) / watchSeconds)) peak_rss_kib=\(Self.peakRSSKiB())")
                group.cancelAll()
            }
            try await client.shutdown()
        }
    }

    static func peakRSSKiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }
        return line.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? -1
    }
}
