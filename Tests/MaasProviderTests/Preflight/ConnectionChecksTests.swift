import MaasClient
import Testing
@testable import MaasProvider

@Suite struct ConnectionChecksTests {
    @Test(arguments: [
        ("3.4.10", PreflightStatus.pass), ("3.7.3", .pass), ("3.3.5", .fail), ("2.9.2", .fail), ("3.8.0~alpha1", .warn),
        ("4.0.0", .warn), ("None", .warn), ("", .warn),
    ])
    func version(_ text: String, _ status: PreflightStatus) {
        #expect(ConnectionChecks.version(text).status == status)
    }

    @Test(arguments: [
        ("https://maas.example.com:5240/MAAS", PreflightStatus.pass, "https://maas.example.com:5240/MAAS/api/2.0/"),
        ("http://10.0.0.2:5240/MAAS/api/2.0", .warn, "http://10.0.0.2:5240/MAAS/api/2.0/: credentials sent in clear (http://)"),
        ("maas.example.com", .fail, "MAAS endpoint must start with http:// or https:// (got \"maas.example.com\")"),
        ("", .fail, "no MAAS endpoint given"),
    ])
    func endpoint(_ raw: String, _ status: PreflightStatus, _ detail: String) {
        let (result, _) = ConnectionChecks.endpoint(raw)
        #expect(result.status == status)
        #expect(result.detail == detail)
    }

    @Test func keyShapeNeverEchoesTheSecret() {
        let (bad, _) = ConnectionChecks.apiKey("abc:def")
        #expect(bad.status == .fail && !bad.detail.contains("def"))
        let (good, credentials) = ConnectionChecks.apiKey("ck:tk:supersecret\n")
        #expect(good.status == .pass && credentials != nil && !good.detail.contains("supersecret"))
        #expect(ConnectionChecks.apiKey(nil).0.fix == "set MAAS_API_KEY or pass --maas-api-key-file PATH")
    }

    @Test(arguments: [
        (MaasError.retryable(status: nil, retryAfter: nil, message: "connect(descriptor:addr:size:): Connection refused (errno: 111)"),
         "connection refused by maas:5240: nothing is listening there"),
        (.transport(description: "TLS error: handshakeFailed(NIOSSL.BoringSSLError.sslError([Error: 268435581 error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED]))"),
         "TLS certificate of maas:5240 not trusted (certificate verify failed)"),
        (.transport(description: "TLS error: unable to get local issuer certificate"), "TLS certificate of maas:5240 not trusted: "),
        (.invalidResponse(description: "version: cannot decode MaasVersion"),
         "http://maas:5240/MAAS/api/2.0/version/ answered, but not like MAAS: version: cannot decode MaasVersion"),
        (.retryable(status: nil, retryAfter: nil, message: "NIOConnectionError(host: \"nohost\", dnsAError: Optional(NIOPosix.SocketAddressError.unknown))"),
         "cannot resolve the host name of maas:5240"),
        (.retryable(status: nil, retryAfter: nil, message: "connectTimeout"), "no answer from maas:5240 in time"),
        (.notFound(message: "Not Found"), "HTTP 404 from http://maas:5240/MAAS/api/2.0/version/"),
    ])
    func transportExplanations(_ error: MaasError, _ prefix: String) throws {
        let endpoint = try MaasEndpoint("http://maas:5240/MAAS")
        let result = ConnectionChecks.reachability(error, endpoint: endpoint)
        #expect(result.status == .fail)
        #expect(result.detail.hasPrefix(prefix), "\(result.detail)")
        if prefix.hasPrefix("TLS certificate") { #expect(result.fix?.contains("--maas-ca-file") == true) }
    }

    @Test func credentialReasons() {
        let expired = ConnectionChecks.credentials(
            user: nil, error: MaasError.unauthorized(reason: .expiredTimestamp, message: "Expired timestamp: given 1"))
        #expect(expired.fix?.contains("clock") == true)
        let invalid = ConnectionChecks.credentials(
            user: nil, error: MaasError.unauthorized(reason: .invalidKey, message: "Authorization Error: Invalid API key."))
        #expect(invalid.detail == "MAAS rejected the API key (invalid key): Authorization Error: Invalid API key.")
        let other = ConnectionChecks.credentials(user: nil, error: MaasError.unauthorized(reason: .other, message: "Forbidden"))
        #expect(other.detail == "MAAS rejected the credentials: Forbidden")
        #expect(ConnectionChecks.credentials(user: MaasUser(username: "u", isSuperuser: false), error: nil).status == .pass)
    }
}
