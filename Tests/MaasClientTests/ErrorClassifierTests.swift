import Testing
@testable import MaasClient

@Suite struct ErrorClassifierTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var status: Int
        var retryAfter: String? = nil
        var contentType: String = "text/plain; charset=utf-8"
        var body: String
        var allocate = false
        var expected: MaasError
        var testDescription: String { "\(status) RA=\(retryAfter ?? "-") alloc=\(allocate)" }
    }

    static let cases: [Case] = [
        Case(status: 409, body: "No machine available.", allocate: true, expected: .noMatchingMachine(message: "No machine available.")),
        Case(status: 409, body: "Cannot abort in current state: node X is in state Allocated.",
             expected: .stateConflict(message: "Cannot abort in current state: node X is in state Allocated.")),
        Case(status: 409, retryAfter: "5", contentType: "text/html",
             body: "<html><head><title>409 Conflict</title></head><body>\n<h1>Conflict</h1></body></html>",
             allocate: true, expected: .retryable(status: 409, retryAfter: .seconds(5), message: "409 Conflict")),
        Case(status: 503, retryAfter: "10", body: "No connections available",
             expected: .retryable(status: 503, retryAfter: .seconds(10), message: "No connections available")),
        Case(status: 503, body: "No rack controllers can access the BMC of node n1",
             expected: .serverError(status: 503, message: "No rack controllers can access the BMC of node n1")),
        Case(status: 504, body: "Timed out", expected: .retryable(status: 504, retryAfter: nil, message: "Timed out")),
        Case(status: 502, body: "Bad Gateway", expected: .retryable(status: 502, retryAfter: nil, message: "Bad Gateway")),
        Case(status: 400, contentType: "application/json", body: #"{"tags": ["No such tag(s): 'nope'."]}"#,
             allocate: true,
             expected: .badRequest(fieldErrors: ["tags": ["No such tag(s): 'nope'."]], message: #"{"tags": ["No such tag(s): 'nope'."]}"#)),
        Case(status: 400, body: "Unrecognised signature: method=GET op=None",
             expected: .badRequest(fieldErrors: [:], message: "Unrecognised signature: method=GET op=None")),
        Case(status: 401, body: "Authorization Error: Invalid API key.",
             expected: .unauthorized(reason: .invalidKey, message: "Authorization Error: Invalid API key.")),
        Case(status: 401, body: "Authorization Error: 'Expired timestamp: given 1700000000 and now 1700000400 has a greater difference than threshold 300'",
             expected: .unauthorized(reason: .expiredTimestamp, message: "Authorization Error: 'Expired timestamp: given 1700000000 and now 1700000400 has a greater difference than threshold 300'")),
        Case(status: 401, body: "Authorization Error: 'Nonce already used: abc'",
             expected: .unauthorized(reason: .nonceReused, message: "Authorization Error: 'Nonce already used: abc'")),
        Case(status: 401, body: "Forbidden", expected: .unauthorized(reason: .other, message: "Forbidden")),
        Case(status: 403, body: "", expected: .forbidden(message: "")),
        Case(status: 403, body: "This method is reserved for admin users.",
             expected: .forbidden(message: "This method is reserved for admin users.")),
        Case(status: 404, body: "No Machine matches the given query.",
             expected: .notFound(message: "No Machine matches the given query.")),
        Case(status: 500, body: "'dict' object has no attribute 'lists'",
             expected: .serverError(status: 500, message: "'dict' object has no attribute 'lists'")),
        Case(status: 405, body: "", expected: .serverError(status: 405, message: "")),
    ]

    @Test(arguments: cases)
    func classifies(_ c: Case) {
        let error = MaasErrorClassifier.classify(status: c.status, retryAfter: c.retryAfter, contentType: c.contentType,
                                                 body: Array(c.body.utf8), isAllocate: c.allocate)
        #expect(error == c.expected)
    }

    @Test func redactsEchoedSecretAndKeepsItOutOfDescriptions() {
        let secret = TestKeys.secret
        let body = "Authorization Error: 'Invalid signature. Expected signature base string: &\(secret)'"
        let error = MaasErrorClassifier.classify(status: 401, retryAfter: nil, contentType: "text/plain",
                                                 body: Array(body.utf8), isAllocate: false, secrets: [secret])
        #expect(!error.description.contains(secret))
        #expect(error.description.contains("<redacted>"))
        guard case .unauthorized(.invalidKey, _) = error else {
            Issue.record("expected invalidKey, got \(error)")
            return
        }
    }

    @Test func redactsTheExpectedSecretPistonEchoes() {
        let body = "Authorization Error: 'Invalid signature. Expected signature base string: &AVLXNsXXBbKqwbq2HkCQgcqH9CGA7GJr'"
        let error = MaasErrorClassifier.classify(status: 401, retryAfter: nil, contentType: "text/plain",
                                                 body: Array(body.utf8), isAllocate: false, secrets: ["unrelated"])
        #expect(!error.description.contains("AVLXNsXXBbKqwbq2HkCQgcqH9CGA7GJr"))
        #expect(error == .unauthorized(reason: .invalidKey,
                                       message: "Authorization Error: 'Invalid signature. Expected signature base string: <redacted>"))
        #expect(MaasErrorClassifier.redactEchoedSignature("bad: &abc%26def rest") == "bad: &<redacted> rest")
    }

    @Test func capsLongBodies() {
        let error = MaasErrorClassifier.classify(status: 500, retryAfter: nil, contentType: "text/plain",
                                                 body: Array(String(repeating: "x", count: 5000).utf8), isAllocate: false)
        #expect(error.description.count < 400)
    }

    @Test func accessors() {
        let busy = MaasError.retryable(status: 409, retryAfter: .seconds(5), message: "busy")
        #expect(busy.retryAfter == .seconds(5) && busy.message == "busy" && busy.status == 409 && busy.isTransient)
        #expect(MaasError.noMatchingMachine(message: "none").status == 409)
        #expect(MaasError.serverError(status: 503, message: "bmc").isTransient)
        #expect(!MaasError.badRequest(fieldErrors: [:], message: "x").isTransient)
        #expect(MaasError.transport(description: "tls").retryAfter == nil)
    }

    @Test func descriptionsAreShortAndSpecific() {
        let bad = MaasError.badRequest(fieldErrors: ["zone": ["No such zone(s): nozone."], "tags": ["No such tag(s): 'x'."]], message: "{}")
        #expect(bad.description == "MAAS rejected the request: tags: No such tag(s): 'x'.; zone: No such zone(s): nozone.")
        #expect(MaasError.retryable(status: 503, retryAfter: .seconds(10), message: "busy").description
            == "MAAS temporarily unavailable (HTTP 503, retry after 10s): busy")
        #expect(MaasError.unauthorized(reason: .expiredTimestamp, message: "m").description.contains("clock"))
    }
}

@Suite struct RetryPolicyTests {
    let policy = MaasRetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(200), maxDelay: .seconds(5),
                                 maxRetryAfter: .seconds(30))

    @Test func honoursRetryAfterForSafeCalls() {
        let e = MaasError.retryable(status: 409, retryAfter: .seconds(5), message: "")
        #expect(policy.delay(afterAttempt: 1, error: e, retry: .safe, jitter: 0.9) == .seconds(5))
        #expect(policy.delay(afterAttempt: 1, error: e, retry: .never, jitter: 0.9) == nil)
        #expect(policy.delay(afterAttempt: 1, error: .retryable(status: 503, retryAfter: .seconds(60), message: ""),
                             retry: .safe, jitter: 0) == nil)
    }

    @Test func jitteredExponentialBackoffWithCap() {
        let e = MaasError.retryable(status: nil, retryAfter: nil, message: "reset")
        #expect(policy.delay(afterAttempt: 1, error: e, retry: .safe, jitter: 0) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 1, error: e, retry: .safe, jitter: 1) == .milliseconds(200))
        #expect(policy.delay(afterAttempt: 3, error: e, retry: .safe, jitter: 1) == .milliseconds(800))
        #expect(policy.delay(afterAttempt: 4, error: e, retry: .safe, jitter: 1) == nil)
        let long = MaasRetryPolicy(maxAttempts: 50)
        #expect(long.delay(afterAttempt: 40, error: e, retry: .safe, jitter: 1) == long.maxDelay)
    }

    @Test(arguments: [
        MaasError.noMatchingMachine(message: ""), .stateConflict(message: ""), .badRequest(fieldErrors: [:], message: ""),
        .unauthorized(reason: .invalidKey, message: ""), .forbidden(message: ""), .notFound(message: ""),
        .serverError(status: 500, message: ""), .invalidResponse(description: ""), .transport(description: ""),
    ])
    func permanentErrorsAreNotRetried(_ error: MaasError) {
        #expect(policy.delay(afterAttempt: 1, error: error, retry: .safe, jitter: 0.5) == nil)
    }

    @Test func reusedNonceIsRetriedEvenForAllocate() {
        #expect(policy.delay(afterAttempt: 1, error: .unauthorized(reason: .nonceReused, message: ""), retry: .never,
                             jitter: 1) == .milliseconds(200))
    }
}
