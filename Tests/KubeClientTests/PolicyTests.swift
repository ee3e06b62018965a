import Foundation
import KubeClient
import KubeCore
import Testing

@Suite struct RetryPolicyTests {
    struct Case: Sendable {
        var method: String
        var status: Int?
        var attempt: Int
        var retryAfter: Duration?
        var expected: Duration?
    }

    static let policy = RetryPolicy(maximumRetries: 3, initialDelay: .milliseconds(100), maximumDelay: .seconds(10))

    @Test(arguments: [
        Case(method: "GET", status: 503, attempt: 0, retryAfter: nil, expected: .milliseconds(100)),
        Case(method: "GET", status: 500, attempt: 2, retryAfter: nil, expected: .milliseconds(400)),
        Case(method: "GET", status: 503, attempt: 3, retryAfter: nil, expected: nil),
        Case(method: "POST", status: 503, attempt: 0, retryAfter: nil, expected: nil),
        Case(method: "POST", status: 429, attempt: 0, retryAfter: .seconds(2), expected: .seconds(2)),
        Case(method: "PATCH", status: 429, attempt: 1, retryAfter: nil, expected: .milliseconds(200)),
        Case(method: "GET", status: 429, attempt: 0, retryAfter: .seconds(100), expected: .seconds(10)),
        Case(method: "GET", status: 404, attempt: 0, retryAfter: nil, expected: nil),
        Case(method: "GET", status: 409, attempt: 0, retryAfter: nil, expected: nil),
        Case(method: "GET", status: nil, attempt: 0, retryAfter: nil, expected: .milliseconds(100)),
        Case(method: "PUT", status: nil, attempt: 0, retryAfter: nil, expected: nil),
    ])
    func decision(_ c: Case) {
        #expect(Self.policy.delay(method: c.method, statusCode: c.status, attempt: c.attempt, retryAfter: c.retryAfter) == c.expected)
    }

    @Test func retryAfterParsing() {
        #expect(RetryPolicy.parseRetryAfter("3") == .seconds(3))
        #expect(RetryPolicy.parseRetryAfter(" 0 ") == .seconds(0))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT") == nil)
        #expect(RetryPolicy.parseRetryAfter(nil) == nil)
    }
}

@Suite struct TokenBucketTests {
    @Test func burstThenRate() {
        var bucket = TokenBucket(ratePerSecond: 10, burst: 3)
        #expect(bucket.reserve(now: .zero) == .zero)
        #expect(bucket.reserve(now: .zero) == .zero)
        #expect(bucket.reserve(now: .zero) == .zero)
        #expect(bucket.reserve(now: .zero) == .milliseconds(100))
        #expect(bucket.reserve(now: .zero) == .milliseconds(200))
        // After a second the bucket has refilled (capped at burst).
        #expect(bucket.reserve(now: .seconds(10)) == .zero)
    }
}

@Suite struct KubeErrorTests {
    static func body(_ reason: String?, code: Int) -> Data {
        (try? KubeJSON.encode(Status(message: "some text that must not matter", reason: reason, code: code))) ?? Data()
    }

    @Test func mapping() {
        #expect(KubeError.from(statusCode: 404, body: Self.body("NotFound", code: 404)).isNotFound)
        #expect(KubeError.from(statusCode: 409, body: Self.body("AlreadyExists", code: 409)).isAlreadyExists)
        #expect(KubeError.from(statusCode: 409, body: Self.body("Conflict", code: 409)).isConflict)
        #expect(KubeError.from(statusCode: 410, body: Self.body("Expired", code: 410)).isGone)
        #expect(KubeError.from(statusCode: 422, body: Self.body("Invalid", code: 422)).isInvalid)
        #expect(KubeError.from(statusCode: 400, body: Self.body("Invalid", code: 400)).isInvalid)
        #expect(KubeError.from(statusCode: 401, body: Data()).isUnauthorized)
        #expect(KubeError.from(statusCode: 403, body: Self.body("Forbidden", code: 403)).isForbidden)
        if case .tooManyRequests(let after, _) = KubeError.from(statusCode: 429, body: Data(), retryAfter: .seconds(5)) {
            #expect(after == .seconds(5))
        } else {
            Issue.record("expected tooManyRequests")
        }
        if case .serverError(let code, let status) = KubeError.from(statusCode: 503, body: Data("oops".utf8)) {
            #expect(code == 503)
            #expect(status.message == "oops")
        } else {
            Issue.record("expected serverError")
        }
    }

    @Test func invalidCarriesCauses() {
        let status = Status(reason: "Invalid", details: StatusDetails(causes: [StatusCause(reason: "FieldValueRequired", field: "spec.x")]), code: 422)
        let error = KubeError.from(statusCode: 422, body: (try? KubeJSON.encode(status)) ?? Data())
        #expect(error.status?.details?.causes?.first?.field == "spec.x")
    }
}
