/// A failed MAAS API call, classified from status code, headers and body shape (see `MaasErrorClassifier`).
///
/// `description` is short and user-facing (suitable for a Kubernetes condition message) and never contains the API key.
public enum MaasError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Allocate found no machine matching the constraints (409 on allocate, no Retry-After). Requeue with backoff.
    case noMatchingMachine(message: String)
    /// The machine is in the wrong state for the operation (409 without Retry-After). Re-read and reconcile.
    case stateConflict(message: String)
    /// A transient failure: 409/503 with Retry-After, 502, 504, connection errors and timeouts (`status` nil).
    case retryable(status: Int?, retryAfter: Duration?, message: String)
    /// 400: `fieldErrors` holds MAAS's JSON field errors (`{"tags": ["No such tag(s): 'x'."]}`), empty for text bodies.
    case badRequest(fieldErrors: [String: [String]], message: String)
    /// 401: the credentials were rejected.
    case unauthorized(reason: UnauthorizedReason, message: String)
    /// 403: not permitted (admin-only op, another user's machine, locked machine).
    case forbidden(message: String)
    /// 404: the object does not exist (for a dnsresources list: the domain does not exist).
    case notFound(message: String)
    /// Any other 4xx/5xx (500, 503 without Retry-After, 405, …).
    case serverError(status: Int, message: String)
    /// A 2xx response the client could not decode.
    case invalidResponse(description: String)
    /// The request could not be made at all and retrying will not help (TLS failure, bad URL, bad client input).
    case transport(description: String)
    /// Nothing listens at `endpoint` (`host:port`): MAAS is down or the endpoint is wrong. Never retried inside the
    /// client (a refused connection fails in milliseconds; the caller's backoff decides when to try again).
    case connectionRefused(endpoint: String)

    /// Why MAAS refused the credentials.
    public enum UnauthorizedReason: Sendable, Equatable {
        /// Unknown consumer key, bad token or bad signature.
        case invalidKey
        /// The OAuth timestamp was more than 300 s old: the controller's clock is behind.
        case expiredTimestamp
        /// The nonce was already used; a re-signed request may succeed.
        case nonceReused
        case other
    }

    /// The HTTP status, if a response was received.
    public var status: Int? {
        switch self {
        case .noMatchingMachine, .stateConflict: 409
        case .retryable(let status, _, _): status
        case .badRequest: 400
        case .unauthorized: 401
        case .forbidden: 403
        case .notFound: 404
        case .serverError(let status, _): status
        case .invalidResponse, .transport, .connectionRefused: nil
        }
    }

    /// The server's `Retry-After`, when it sent one.
    public var retryAfter: Duration? {
        if case .retryable(_, let after, _) = self { return after }
        return nil
    }

    /// MAAS's own message (or the client's description) without the prefix `description` adds.
    public var message: String {
        switch self {
        case .noMatchingMachine(let m), .stateConflict(let m), .forbidden(let m), .notFound(let m): m
        case .retryable(_, _, let m), .badRequest(_, let m), .unauthorized(_, let m), .serverError(_, let m): m
        case .invalidResponse(let d), .transport(let d): d
        case .connectionRefused(let endpoint): "connection refused by \(endpoint)"
        }
    }

    /// True when the same request may succeed later without any change (transient).
    public var isTransient: Bool {
        switch self {
        case .retryable, .connectionRefused: true
        case .serverError(let status, _): status >= 500
        case .unauthorized(let reason, _): reason == .nonceReused
        default: false
        }
    }

    public var description: String {
        switch self {
        case .noMatchingMachine(let m): "no MAAS machine matches the constraints: \(m)"
        case .stateConflict(let m): "MAAS state conflict: \(m)"
        case .retryable(let status, let after, let m):
            "MAAS temporarily unavailable (\(status.map { "HTTP \($0)" } ?? "connection error")"
                + (after.map { ", retry after \($0.components.seconds)s" } ?? "") + "): \(m)"
        case .badRequest(let fields, let m):
            fields.isEmpty
                ? "MAAS rejected the request: \(m)"
                : "MAAS rejected the request: " + fields.keys.sorted().map { "\($0): \(fields[$0, default: []].joined(separator: " "))" }.joined(separator: "; ")
        case .unauthorized(let reason, let m):
            switch reason {
            case .invalidKey: "MAAS rejected the API key: \(m)"
            case .expiredTimestamp: "MAAS rejected the request timestamp (check clock sync): \(m)"
            case .nonceReused: "MAAS rejected a reused OAuth nonce: \(m)"
            case .other: "MAAS authorization failed: \(m)"
            }
        case .forbidden(let m): "MAAS refused the operation (forbidden)" + (m.isEmpty ? "" : ": \(m)")
        case .notFound(let m): "MAAS object not found: \(m)"
        case .serverError(let status, let m): "MAAS server error (HTTP \(status)): \(m)"
        case .invalidResponse(let d): "unexpected MAAS response: \(d)"
        case .transport(let d): "cannot reach MAAS: \(d)"
        case .connectionRefused(let endpoint): "connection refused by \(endpoint): is MAAS running and the endpoint right?"
        }
    }
}
