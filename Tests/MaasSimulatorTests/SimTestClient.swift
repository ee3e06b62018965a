import AsyncHTTPClient
import Foundation
import MaasSimulator
import NIOCore
import NIOHTTP1

/// A response as the tests see it.
struct SimTestResponse {
    var status: Int
    var headers: HTTPHeaders
    var body: String

    var contentType: String? { headers.first(name: "Content-Type") }
    func header(_ name: String) -> String? { headers.first(name: name) }
    var json: Any? { try? JSONSerialization.jsonObject(with: Data(body.utf8), options: [.fragmentsAllowed]) }
    var object: [String: Any] { json as? [String: Any] ?? [:] }
    var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
}

/// A tiny MAAS client for tests: OAuth 1.0 PLAINTEXT signer + form encoding, over loopback.
struct SimTestClient {
    let baseURL: String
    let key: String
    static let http = HTTPClient(eventLoopGroupProvider: .singleton)

    /// PLAINTEXT Authorization header for `consumer:token:secret`.
    static func authorization(
        key: String, nonce: String = UUID().uuidString, timestamp: Int = Int(Date().timeIntervalSince1970),
        encodeSignature: Bool = true
    ) -> String {
        let parts = key.split(separator: ":").map(String.init)
        let signature = encodeSignature ? "%26\(parts[2])" : "&\(parts[2])"
        return "OAuth realm=\"\", oauth_version=\"1.0\", oauth_signature_method=\"PLAINTEXT\", "
            + "oauth_consumer_key=\"\(parts[0])\", oauth_token=\"\(parts[1])\", oauth_signature=\"\(signature)\", "
            + "oauth_nonce=\"\(nonce)\", oauth_timestamp=\"\(timestamp)\""
    }

    static func encode(_ pairs: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return pairs.map { k, v in
            "\(k.addingPercentEncoding(withAllowedCharacters: allowed) ?? k)=\(v.addingPercentEncoding(withAllowedCharacters: allowed) ?? v)"
        }.joined(separator: "&")
    }

    func get(_ path: String, _ query: [(String, String)] = []) async throws -> SimTestResponse {
        let q = query.isEmpty ? "" : "?" + Self.encode(query)
        return try await send("GET", path + q)
    }

    func post(_ path: String, _ form: [(String, String)] = []) async throws -> SimTestResponse {
        try await send("POST", path, body: Self.encode(form), contentType: "application/x-www-form-urlencoded")
    }

    func put(_ path: String, _ form: [(String, String)] = []) async throws -> SimTestResponse {
        try await send("PUT", path, body: Self.encode(form), contentType: "application/x-www-form-urlencoded")
    }

    func delete(_ path: String) async throws -> SimTestResponse { try await send("DELETE", path) }

    /// Sends a request; `authorization: nil` signs with `key`, `""` sends none.
    func send(
        _ method: String, _ path: String, body: String? = nil, contentType: String? = nil, authorization: String? = nil
    ) async throws -> SimTestResponse {
        let url = path.hasPrefix("/") ? baseURL.replacingOccurrences(of: "/MAAS", with: "") + path : "\(baseURL)/api/2.0/\(path)"
        var request = HTTPClientRequest(url: url)
        request.method = HTTPMethod(rawValue: method)
        let auth = authorization ?? Self.authorization(key: key)
        if !auth.isEmpty { request.headers.add(name: "Authorization", value: auth) }
        if let contentType { request.headers.add(name: "Content-Type", value: contentType) }
        if let body { request.body = .bytes(ByteBuffer(string: body)) }
        let response = try await Self.http.execute(request, timeout: .seconds(30))
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return SimTestResponse(status: Int(response.status.code), headers: response.headers, body: String(buffer: bytes))
    }
}

extension SimulatorHandle {
    var admin: SimTestClient { SimTestClient(baseURL: baseURL, key: adminKey) }
    var user: SimTestClient { SimTestClient(baseURL: baseURL, key: userKey) }
}

/// A small fixed inventory for tests.
enum TestInventory {
    static let yaml = """
        zones: [zone-a, zone-b]
        pools:
          - name: gpu-pool
            description: GPUs
        tags: [spare]
        domains: [example.com]
        machines:
          - {hostname: small, cpu_count: 2, memory: 4096, tags: [virtual], zone: zone-a, system_id: aaaaa1}
          - {hostname: medium, cpu_count: 4, memory: 8192, tags: [virtual, ssd], zone: zone-a, system_id: bbbbb2}
          - {hostname: large, cpu_count: 16, memory: 65536, tags: [ssd, gpu], zone: zone-b, pool: gpu-pool, system_id: ccccc3, disks: [250, 1000]}
          - {hostname: manual1, cpu_count: 8, memory: 16384, power_type: manual, power_state: unknown, system_id: ddddd4}
          - {hostname: fresh, status: new, system_id: eeeee5}
        """

    static func configuration() throws -> SimulatorConfiguration {
        SimulatorConfiguration(inventory: try SimulatorInventory.load(yaml: yaml))
    }
}
