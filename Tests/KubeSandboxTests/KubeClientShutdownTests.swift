import KubeClient
import KubeCore
import KubeSandbox
import Testing

/// `capmaas sandbox` crashed on SIGTERM in debug builds: a cached workload-cluster KubeClient was released without
/// `shutdown()`, and AsyncHTTPClient's deinit traps on that. These run in the debug test build, where it would trap.
@Suite("KubeClient shutdown against the sandbox")
struct KubeClientShutdownTests {
    @Test func clientReleasedWithoutShutdownClosesItself() async throws {
        try await Sandbox.withRunning { handle in
            var client: KubeClient? = try KubeClient(server: handle.baseURL, token: handle.token, caPEM: handle.caCertificatePEM)
            let namespace = try await client?.dynamic(.namespace).get("default")
            #expect(namespace?[path: ["metadata", "name"]] == "default")
            client = nil  // a pooled TLS connection is open; releasing must not trap
            #expect(client == nil)
            // A later client still works (the shared event loop group is untouched).
            let next = try KubeClient(server: handle.baseURL, token: handle.token, caPEM: handle.caCertificatePEM)
            _ = try await next.dynamic(.namespace).get("default")
            try await next.shutdown()
        }
    }

    @Test func shutdownTwiceIsHarmless() async throws {
        try await Sandbox.withRunning { handle in
            let client = try KubeClient(server: handle.baseURL, token: handle.token, caPEM: handle.caCertificatePEM)
            _ = try await client.dynamic(.namespace).get("default")
            try await client.shutdown()
            try await client.shutdown()
        }
    }
}
