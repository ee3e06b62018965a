import AsyncHTTPClient
import Foundation
import NIOCore
import Testing
@testable import MaasClient
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A closed MAAS port fails at once with a message that says what to check, and is not retried inside the client.
@Suite struct ConnectionRefusedTests {
    /// A 127.0.0.1 port nothing listens on: bound to get a free number, then closed.
    static func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
                bind(fd, raw, length) == 0 && getsockname(fd, raw, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func refusedConnectionIsTypedAndNotRetried() async throws {
        let port = try Self.closedPort()
        var config = try MaasClientConfiguration(endpoint: "http://127.0.0.1:\(port)/MAAS", apiKey: TestKeys.apiKey)
        let metrics = RecordingMetrics()
        config.metricsFactory = metrics
        // AsyncHTTPClient's default re-dials a refused connection until the connect timeout; ours must not wait for it.
        config.connectTimeout = .seconds(60)
        config.retryPolicy = MaasRetryPolicy(maxAttempts: 3)
        let started = ContinuousClock.now
        try await MaasHTTPClient.withClient(config) { client in
            await #expect(throws: MaasError.connectionRefused(endpoint: "127.0.0.1:\(port)")) { try await client.zones() }
        }
        let elapsed = started.duration(to: .now)
        print("refused call took \(elapsed)")
        // Not a performance figure: the behaviour under test is "does not wait for the 60 s connect timeout".
        #expect(elapsed < .seconds(30), "a refused connection was re-dialled until the connect timeout")
        // One attempt only: zones is retry-safe, yet a refusal is left to the caller's backoff.
        let attempts = metrics.counters.filter { $0.key.hasPrefix("maas_api_requests_total") }.values.reduce(0, +)
        #expect(attempts == 1, "\(metrics.counters)")
    }

    @Test func messageNamesTheEndpointAndWhatToCheck() {
        let error = MaasError.connectionRefused(endpoint: "10.0.0.5:5240")
        #expect(error.description == "connection refused by 10.0.0.5:5240: is MAAS running and the endpoint right?")
        #expect(error.message == "connection refused by 10.0.0.5:5240")
        #expect(error.status == nil)
        #expect(error.isTransient)
        #expect(MaasRetryPolicy().delay(afterAttempt: 1, error: error, retry: .safe, jitter: 0) == nil)
    }

    @Test(arguments: [
        (IOError(errnoCode: ECONNREFUSED, reason: "connection reset (error set)") as any Error, true),
        (IOError(errnoCode: ECONNRESET, reason: "read") as any Error, false),
        (CancellationError() as any Error, false),
    ])
    func classifiesRefusal(error: any Error, refused: Bool) {
        #expect(TransportErrorMapping.isConnectionRefused(error) == refused)
        let mapped = TransportErrorMapping.map(error, endpoint: "h:1")
        #expect((mapped == .connectionRefused(endpoint: "h:1")) == refused)
    }

    @Test func transientTransportErrorsNameTheEndpoint() {
        let closed = TransportErrorMapping.map(HTTPClientError.remoteConnectionClosed, endpoint: "10.0.0.5:5240")
        #expect(closed == .retryable(status: nil, retryAfter: nil, message: "10.0.0.5:5240 closed the connection without answering"))
        let timeout = TransportErrorMapping.map(HTTPClientError.connectTimeout, endpoint: "10.0.0.5:5240")
        #expect(timeout.message == "no connection to 10.0.0.5:5240 within the connect timeout")
        let reset = TransportErrorMapping.map(IOError(errnoCode: ECONNRESET, reason: "read(descriptor:pointer:size:)"), endpoint: "10.0.0.5:5240")
        #expect(reset == .retryable(status: nil, retryAfter: nil, message: "10.0.0.5:5240 reset the connection"))
    }

    @Test(arguments: [
        ("http://maas.example.com:5240/MAAS", "maas.example.com:5240"),
        ("http://maas.example.com/MAAS", "maas.example.com:80"),
        ("https://maas.example.com/MAAS/api/2.0/", "maas.example.com:443"),
        ("http://[::1]:5240/MAAS", "[::1]:5240"),
        ("https://[fd00::1]/MAAS", "[fd00::1]:443"),
    ])
    func endpointAuthority(raw: String, authority: String) throws {
        #expect(try MaasEndpoint(raw).authority == authority)
    }
}
