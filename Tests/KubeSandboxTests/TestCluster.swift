import AsyncHTTPClient
import Foundation
import KubeClient
import KubeCore
import KubeSandbox
import NIOCore
import NIOHTTP1
import NIOSSL
import Yams

/// Where conformance tests run: an in-process sandbox by default, or the cluster of `CAPMAAS_TEST_KUBECONFIG`.
/// Test bodies only create namespaced objects in a fresh namespace and clean up.
struct TestCluster: Sendable {
    var baseURL: String
    var token: String
    var caCertificatePEM: String?
    var http: HTTPClient
    var sandbox: SandboxHandle?

    struct Reply: Sendable {
        var status: Int
        var headers: HTTPHeaders
        var data: Data
        var json: JSONValue { (try? JSONValue.parse(data)) ?? .null }
        var text: String { String(decoding: data, as: UTF8.self) }
    }

    static var isSandbox: Bool { ProcessInfo.processInfo.environment["CAPMAAS_TEST_KUBECONFIG"] == nil }

    /// Runs `body` against the configured cluster.
    static func with<T: Sendable>(_ configuration: SandboxConfiguration = .init(), _ body: (TestCluster) async throws -> T) async throws -> T {
        if let path = ProcessInfo.processInfo.environment["CAPMAAS_TEST_KUBECONFIG"] {
            let (server, token, ca) = try parseKubeconfig(path)
            return try await withClient(baseURL: server, token: token, ca: ca, sandbox: nil, body)
        }
        return try await Sandbox.withRunning(configuration) { handle in
            try await withClient(baseURL: handle.baseURL, token: handle.token, ca: handle.caCertificatePEM, sandbox: handle, body)
        }
    }

    private static func withClient<T: Sendable>(baseURL: String, token: String, ca: String?, sandbox: SandboxHandle?,
                                                _ body: (TestCluster) async throws -> T) async throws -> T {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let ca { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMBytes(Array(ca.utf8))) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool = .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 64)
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        let cluster = TestCluster(baseURL: baseURL, token: token, caCertificatePEM: ca, http: http, sandbox: sandbox)
        do {
            let result = try await body(cluster)
            try await http.shutdown()
            return result
        } catch {
            try? await http.shutdown()
            throw error
        }
    }

    /// Server, bearer token and CA of a kubeconfig, read by the client's own loader (so `certificate-authority`
    /// files, `certificate-authority-data`, contexts and token files all count as they do for the product).
    private static func parseKubeconfig(_ path: String) throws -> (String, String, String?) {
        let config = try KubeConfig.fromKubeconfig(path: path)
        guard case .bearerToken(let token) = config.authentication else {
            throw Status(message: "unsupported kubeconfig \(path): the conformance suites need a bearer token")
        }
        return (config.server, token, config.certificateAuthorityPEM)
    }

    func request(_ method: HTTPMethod, _ path: String, json: JSONValue? = nil, body: Data? = nil, contentType: String = "application/json",
                 accept: String = "application/json", token: String? = nil, headers extra: [(String, String)] = []) async throws -> Reply {
        var request = HTTPClientRequest(url: baseURL + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(token ?? self.token)")
        request.headers.add(name: "Accept", value: accept)
        for (name, value) in extra { request.headers.add(name: name, value: value) }
        if let payload = body ?? json.map({ $0.serialized() }) {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: payload))
        }
        let response = try await http.execute(request, timeout: .seconds(30))
        let buffer = try await response.body.collect(upTo: 32 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, data: Data(buffer.readableBytesView))
    }

    /// Reads a watch until `stop` says so (or the server ends it); returns the events read.
    func watch(_ path: String, accept: String = "application/json", timeout: TimeAmount = .seconds(20),
               stop: @Sendable ([JSONValue]) -> Bool = { _ in false }) async throws -> [JSONValue] {
        var request = HTTPClientRequest(url: baseURL + path)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Accept", value: accept)
        let response = try await http.execute(request, timeout: timeout)
        var events: [JSONValue] = []
        var pending = Data()
        for try await chunk in response.body {
            pending.append(contentsOf: chunk.readableBytesView)
            while let newline = pending.firstIndex(of: 0x0A) {
                let line = pending[pending.startIndex..<newline]
                pending = Data(pending[(newline + 1)...])
                if let event = try? JSONValue.parse(Data(line)) { events.append(event) }
            }
            if stop(events) { break }
        }
        return events
    }

    /// Creates a fresh namespace for the body and deletes it afterwards.
    func withNamespace<T: Sendable>(_ body: (String) async throws -> T) async throws -> T {
        let name = "t-" + UUID().uuidString.lowercased().prefix(8)
        let created = try await request(.POST, "/api/v1/namespaces", json: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name)]])
        guard created.status == 201 else { throw Status(message: "namespace create failed: \(created.text)") }
        do {
            let result = try await body(name)
            _ = try? await request(.DELETE, "/api/v1/namespaces/\(name)")
            return result
        } catch {
            _ = try? await request(.DELETE, "/api/v1/namespaces/\(name)")
            throw error
        }
    }

    /// Polls until `condition` holds (for asynchronous effects such as garbage collection on a real cluster).
    func eventually(_ attempts: Int = 100, _ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<attempts {
            if try await condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }
}

func configMap(_ name: String, _ namespace: String, labels: [String: String] = [:], data: [String: String] = ["k": "v"]) -> JSONValue {
    var metadata: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
    if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues(JSONValue.string)) }
    return ["apiVersion": "v1", "kind": "ConfigMap", "metadata": metadata, "data": .object(data.mapValues(JSONValue.string))]
}
