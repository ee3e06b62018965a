import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KubeClient
import KubeCore
import KubeRuntime
import KubeTestSupport
import Logging
import Prometheus
import ServiceLifecycle
import Synchronization
import Testing

/// Records reconciled keys; fails the first attempt for keys in `failOnce`.
final class RecordingReconciler: Reconciler, Sendable {
    let seen = Mutex<[String]>([])
    let failOnce: Set<String>
    init(failOnce: Set<String> = []) { self.failOnce = failOnce }

    struct Flaky: Error {}

    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let count = seen.withLock { seen -> Int in
            seen.append(key.description)
            return seen.filter { $0 == key.description }.count
        }
        if failOnce.contains(key.description), count == 1 { throw Flaky() }
        return .done
    }

    func count(_ key: String) -> Int { seen.withLock { $0.filter { $0 == key }.count } }
}

func quietLogger() -> Logger {
    var logger = Logger(label: "test")
    logger.logLevel = .critical
    return logger
}

/// Polls (with real sleeps, bounded) until `condition` holds.
func eventually(_ timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

@Suite struct ControllerLoopbackTests {
    @Test func reflectorRelistsAfterWatchErrorGoneAndDropsMissedDeletes() async throws {
        let lists = Mutex(0)
        let watches = Mutex(0)
        try await FakeAPIServer.withRunning({ request, _ in
            if request.query["watch"] != "true" {
                let n = lists.withLock { $0 += 1; return $0 }
                return n == 1
                    ? .json(200, listJSON([widgetJSON("a", rv: "1"), widgetJSON("b", rv: "2")], rv: "10"))
                    : .json(200, listJSON([widgetJSON("b", rv: "2"), widgetJSON("c", rv: "11")], rv: "20"))
            }
            let n = watches.withLock { $0 += 1; return $0 }
            if n == 1 {
                return .chunks([
                    #"{"type":"ADDED","object":\#(widgetJSON("c", rv: "11"))}"# + "\n",
                    #"{"type":"ERROR","object":\#(statusJSON(410, reason: "Expired"))}"# + "\n",
                ], holdOpen: .seconds(30))
            }
            return .chunks([], holdOpen: .seconds(30))
        }) { base, server in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil))
            let reflector = Reflector(api: client.api(Widget.self, namespace: "default"), logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await reflector.run() }
                await reflector.store.waitUntilReady()
                let relisted = await eventually { lists.withLock { $0 } == 2 && reflector.store.count == 2 && reflector.store.get(namespace: "default", name: "a") == nil }
                #expect(relisted)
                #expect(reflector.store.list().map { $0.metadata.name } == ["b", "c"])
                let secondWatch = await eventually { watches.withLock { $0 } >= 2 }
                #expect(secondWatch)
                let lastWatch = server.requests.last { $0.query["watch"] == "true" }
                #expect(lastWatch?.query["resourceVersion"] == "20")
                group.cancelAll()
            }
            try await client.shutdown()
        }
    }

    @Test func controllerReconcilesRetriesMapsAndShutsDownGracefully() async throws {
        try await FakeAPIServer.withRunning({ request, _ in
            if request.query["watch"] == "true" { return .chunks([], holdOpen: .seconds(30)) }
            if request.path.contains("/namespaces/other/") {
                return .json(200, listJSON([widgetJSON("x", rv: "3", namespace: "other")], rv: "7"))
            }
            return .json(200, listJSON([widgetJSON("a", rv: "1"), widgetJSON("b", rv: "2")], rv: "5"))
        }) { base, _ in
            let client = try KubeClient(config: KubeConfig(server: base, token: "t", caPEM: nil))
            let primary = Reflector(api: client.api(Widget.self, namespace: "default"), logger: quietLogger())
            let related = Reflector(api: client.api(Widget.self, namespace: "other"), logger: quietLogger())
            let reconciler = RecordingReconciler(failOnce: ["default/a"])
            let controller = Controller(
                name: "widgets", primary: primary, reconciler: reconciler,
                options: ControllerOptions(maxConcurrentReconciles: 2), logger: quietLogger()
            )
            .watches(related) { widget in [ObjectKey(namespace: "default", name: "mapped-\(widget.metadata.name ?? "")")] }
            #expect(!controller.hasSynced)
            let group = ServiceGroup(services: [controller], logger: quietLogger())
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                let done = await eventually {
                    reconciler.count("default/a") == 2 && reconciler.count("default/b") == 1 && reconciler.count("default/mapped-x") >= 1
                }
                #expect(done)
                #expect(controller.hasSynced)
                #expect(primary.store.count == 2 && related.store.count == 1)
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            try await client.shutdown()
        }
    }

    @Test func healthServerReportsReadinessAndMetrics() async throws {
        let registry = PrometheusCollectorRegistry()
        registry.makeCounter(name: "controller_runtime_reconcile_total", labels: [("controller", "w"), ("result", "success")]).increment()
        let ready = Mutex(false)
        let server = HealthAndMetricsServer(
            registry: registry, metricsHost: "127.0.0.1", metricsPort: 0, probeHost: "127.0.0.1", probePort: 0,
            readinessChecks: [.init("caches-synced") { ready.withLock { $0 } }], logger: quietLogger())
        let group = ServiceGroup(services: [server], logger: quietLogger())
        try await withThrowingTaskGroup(of: Void.self) { tasks in
            tasks.addTask { try await group.run() }
            let bound = await eventually { server.boundPorts["metrics"] != nil }
            #expect(bound)
            let port = server.boundPorts["metrics"] ?? 0
            let (metricsStatus, metricsBody) = try await Self.fetch("http://127.0.0.1:\(port)/metrics")
            #expect(metricsStatus == 200)
            #expect(metricsBody.contains(#"controller_runtime_reconcile_total{controller="w",result="success"} 1"#))
            #expect(try await Self.fetch("http://127.0.0.1:\(port)/healthz").0 == 200)
            let notReady = try await Self.fetch("http://127.0.0.1:\(port)/readyz")
            #expect(notReady.0 == 503 && notReady.1.contains("caches-synced"))
            ready.withLock { $0 = true }
            #expect(try await Self.fetch("http://127.0.0.1:\(port)/readyz").0 == 200)
            await group.triggerGracefulShutdown()
            try await tasks.waitForAll()
        }
    }

    static func fetch(_ url: String) async throws -> (Int, String) {
        let (data, response) = try await URLSession.shared.data(from: try #require(URL(string: url)))
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }
}
