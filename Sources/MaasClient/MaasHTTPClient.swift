import AsyncHTTPClient
import Foundation
import Logging
import Metrics
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// The MAAS REST API 2.0 client over AsyncHTTPClient.
///
/// Every attempt is signed anew (fresh OAuth nonce and timestamp). Retry-safe calls are retried with jittered
/// exponential backoff honouring `Retry-After`; allocate and deploy never are. After an ambiguous allocate
/// failure (timeout, connection reset, 5xx) the caller must look its machine up with `machines(agentName:)`
/// before allocating again, or it may leak a machine.
///
/// Owns an `HTTPClient`: call `shutdown()` when done, or use `withClient(_:_:)`.
public struct MaasHTTPClient: MaasAPI {
    public let configuration: MaasClientConfiguration
    let httpClient: HTTPClient
    let signer: OAuthSigner

    /// Endpoint and OAuth consumer/token keys (never the secret): clients with equal identities talk to MAAS as the
    /// same user, so their calls may be shared or batched.
    public var connectionIdentity: String {
        let credentials = configuration.credentials
        return "\(configuration.endpoint.apiBaseURL)|\(credentials.consumerKey):\(credentials.tokenKey)"
    }

    /// Builds the HTTP client. Throws `MaasError.transport` if the CA file cannot be read.
    public init(configuration: MaasClientConfiguration) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let path = configuration.caFilePath {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(path))
            } catch {
                throw MaasError.transport(description: "cannot load MAAS CA file \(path): \(error)")
            }
        }
        if configuration.insecureSkipTLSVerify { tls.certificateVerification = .none }
        var http = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: Self.timeAmount(configuration.connectTimeout)))
        http.httpVersion = .http1Only
        // A refused connection fails the request at once instead of being re-dialled until the connect timeout
        // (AsyncHTTPClient's default): against a down MAAS each call took the whole timeout, times our retries.
        // Safe calls are still retried by `MaasRetryPolicy` on other connect failures; refusals go to the caller.
        http.connectionPool.retryConnectionEstablishment = false
        self.configuration = configuration
        self.httpClient = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: http)
        self.signer = OAuthSigner(credentials: configuration.credentials, time: configuration.time)
    }

    /// Runs `body` with a client and shuts it down afterwards.
    public static func withClient<T: Sendable>(
        _ configuration: MaasClientConfiguration, _ body: (MaasHTTPClient) async throws -> T
    ) async throws -> T {
        let client = try MaasHTTPClient(configuration: configuration)
        let result: T
        do {
            result = try await body(client)
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
        return result
    }

    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    /// Sends `request`, retrying per the policy; returns the 2xx response or throws `MaasError`.
    public func send(_ request: MaasRequest) async throws -> MaasResponse {
        var attempt = 1
        while true {
            do {
                return try await sendOnce(request, attempt: attempt)
            } catch let error as MaasError {
                guard let delay = configuration.retryPolicy.delay(
                    afterAttempt: attempt, error: error, retry: request.retry, jitter: configuration.jitter())
                else { throw error }
                configuration.logger.debug("MAAS request will be retried", metadata: [
                    "op": "\(request.operation)", "attempt": "\(attempt)", "delay": "\(delay)",
                ])
                try await Self.sleep(configuration.clock, delay)
                attempt += 1
            }
        }
    }

    func sendOnce(_ request: MaasRequest, attempt: Int) async throws -> MaasResponse {
        var http = HTTPClientRequest(url: configuration.endpoint.url(path: request.path, query: request.query))
        http.method = request.method
        http.headers.add(name: "Accept", value: "application/json")
        http.headers.add(name: "User-Agent", value: "capmaas-maas-client")
        if !request.anonymous {
            http.headers.add(name: "Authorization", value: signer.authorizationHeader())
        }
        if let form = request.form {
            http.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
            http.body = .bytes(ByteBuffer(string: form.encoded()))
        }
        let started = ContinuousClock.now
        let result: Result<MaasResponse, MaasError>
        do {
            let response = try await httpClient.execute(http, timeout: Self.timeAmount(configuration.requestTimeout))
            let body = try await response.body.collect(upTo: configuration.maxResponseBytes)
            let status = Int(response.status.code)
            if (200..<300).contains(status) {
                result = .success(MaasResponse(status: status, headers: response.headers, body: body))
            } else {
                result = .failure(MaasErrorClassifier.classify(
                    status: status, retryAfter: response.headers.first(name: "Retry-After"),
                    contentType: response.headers.first(name: "Content-Type"), body: Array(body.readableBytesView),
                    isAllocate: request.isAllocate, secrets: configuration.credentials.secrets))
            }
        } catch where TransportErrorMapping.isCancellation(error) {
            throw CancellationError()  // the caller's task was cancelled (or the client shut down): not a MAAS failure
        } catch {
            result = .failure(TransportErrorMapping.map(error, endpoint: configuration.endpoint.authority))
        }
        record(request, attempt: attempt, started: started, result: result)
        return try result.get()
    }

    private func record(_ request: MaasRequest, attempt: Int, started: ContinuousClock.Instant,
                        result: Result<MaasResponse, MaasError>) {
        let elapsed = started.duration(to: .now)
        let code: String
        switch result {
        case .success(let r): code = String(r.status)
        case .failure(let e): code = e.status.map(String.init) ?? "error"
        }
        let factory = configuration.metricsFactory ?? MetricsSystem.factory
        Counter(label: "maas_api_requests_total", dimensions: [("op", request.operation), ("code", code)],
                factory: factory).increment()
        Metrics.Timer(label: "maas_api_request_duration_seconds", dimensions: [("op", request.operation)],
                      preferredDisplayUnit: .seconds, factory: factory).record(duration: elapsed)
        configuration.logger.debug("MAAS request", metadata: [
            "op": "\(request.operation)", "method": "\(request.method.rawValue)", "path": "\(request.path)",
            "status": "\(code)", "attempt": "\(attempt)",
            "duration_ms": "\(elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)",
        ])
    }

    /// Decodes a 2xx JSON body.
    func decode<T: Decodable>(_ type: T.Type, _ response: MaasResponse, _ request: MaasRequest) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: response.body)
        } catch {
            throw MaasError.invalidResponse(description: "\(request.operation): cannot decode \(T.self): \(Self.short(error))")
        }
    }

    func call<T: Decodable>(_ request: MaasRequest, as type: T.Type) async throws -> T {
        try decode(T.self, try await send(request), request)
    }

    static func short(_ error: any Error) -> String {
        if let d = error as? DecodingError {
            switch d {
            case .keyNotFound(let key, _): return "missing \(key.stringValue)"
            case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
                let path = c.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? c.debugDescription : c.debugDescription + " at " + path  // no dangling "at"
            @unknown default: return "\(d)"
            }
        }
        return "\(error)"
    }

    static func sleep<C: Clock<Duration>>(_ clock: C, _ duration: Duration) async throws {
        try await clock.sleep(for: duration)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, atto) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + atto / 1_000_000_000)
    }
}
