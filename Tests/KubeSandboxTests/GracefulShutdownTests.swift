import AsyncHTTPClient
import Foundation
import KubeCore
import KubeSandbox
import Logging
import NIOCore
import NIOHTTP1
import ServiceLifecycle
import Testing

@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    /// An open watch used to keep the HTTP server's graceful shutdown waiting until the watch timed out.
    @Test func gracefulShutdownEndsOpenWatches() async throws {
        let server = try SandboxAPIServer(configuration: SandboxConfiguration(useTLS: false))
        let group = ServiceGroup(configuration: .init(services: [server], logger: Logger(label: "test")))
        try await withThrowingTaskGroup(of: String.self) { tasks in
            tasks.addTask { try await group.run(); return "stopped" }
            let handle = try await server.handle()
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            var request = HTTPClientRequest(url: handle.baseURL + "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=600")
            request.headers.add(name: "Authorization", value: "Bearer \(handle.token)")
            let watching = Task {
                let response = try await http.execute(request, timeout: .seconds(120))
                var bytes = 0
                for try await chunk in response.body { bytes += chunk.readableBytes }
                return bytes
            }
            while handle.openWatchCount == 0 { try await Task.sleep(for: .milliseconds(20)) }
            await group.triggerGracefulShutdown()
            // Bounded so a regression fails instead of hanging: the watch would otherwise last 600 s.
            tasks.addTask { try await Task.sleep(for: .seconds(60)); return "timed out" }
            let first = try await tasks.next()
            tasks.cancelAll()
            #expect(first == "stopped")
            _ = try? await watching.value
            try await http.shutdown()
        }
    }
}
