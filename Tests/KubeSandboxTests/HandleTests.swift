import Foundation
import KubeCore
import KubeSandbox
import NIOHTTP1
import Testing

@Suite("Sandbox handle", .enabled(if: TestCluster.isSandbox))
struct HandleTests {
    @Test func kubeconfigCarriesServerCAAndToken() async throws {
        try await Sandbox.withRunning(SandboxConfiguration(token: "tok-1")) { handle in
            #expect(handle.baseURL.hasPrefix("https://127.0.0.1:"))
            let pem = try #require(handle.caCertificatePEM)
            let yaml = handle.kubeconfigYAML(context: "sbx")
            #expect(yaml.contains("server: \(handle.baseURL)"))
            #expect(yaml.contains("certificate-authority-data: \(Data(pem.utf8).base64EncodedString())"))
            #expect(yaml.contains("token: tok-1"))
            #expect(yaml.contains("current-context: sbx"))
        }
    }

    @Test func plainHTTPOnlyWhenAskedFor() async throws {
        try await TestCluster.with(SandboxConfiguration(useTLS: false)) { cluster in
            #expect(cluster.baseURL.hasPrefix("http://127.0.0.1:"))
            #expect(cluster.caCertificatePEM == nil)
            let reply = try await cluster.request(.GET, "/api/v1/namespaces/default")
            #expect(reply.status == 200)
        }
    }
}
