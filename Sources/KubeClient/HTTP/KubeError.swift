import Foundation
import KubeCore

/// A typed API error, decided from the HTTP status code and `Status.reason` (never the message text).
public enum KubeError: Error, Sendable, CustomStringConvertible {
    case notFound(Status)
    case alreadyExists(Status)
    case conflict(Status)
    /// 410: the resource version is too old (`Expired`/`Gone`); watchers relist.
    case gone(Status)
    /// 422 (or 400 with reason `Invalid`): validation failed; `Status.details.causes` lists the fields.
    case invalid(Status)
    case badRequest(Status)
    case unauthorized(Status)
    case forbidden(Status)
    /// 429 with the server's `Retry-After`, when given.
    case tooManyRequests(retryAfter: Duration?, Status)
    case serverError(code: Int, Status)
    /// Any other unexpected status code.
    case unexpectedStatus(code: Int, Status)
    /// The request never got an HTTP response (connect, TLS, timeout).
    case transport(description: String)
    /// The response could not be decoded.
    case decoding(description: String)

    /// Maps an error response; `body` is decoded as a `Status` when it is one.
    public static func from(statusCode: Int, body: Data, retryAfter: Duration? = nil) -> KubeError {
        var status = (try? KubeJSON.decode(Status.self, from: body)) ?? Status()
        if status.code == nil { status.code = statusCode }
        if status.message == nil {
            let text = String(decoding: body.prefix(512), as: UTF8.self)
            status.message = text.isEmpty ? "HTTP \(statusCode)" : text
        }
        switch statusCode {
        case 400 where status.reason == "Invalid": return .invalid(status)
        case 400: return .badRequest(status)
        case 401: return .unauthorized(status)
        case 403: return .forbidden(status)
        case 404: return .notFound(status)
        case 409 where status.reason == "AlreadyExists": return .alreadyExists(status)
        case 409: return .conflict(status)
        case 410: return .gone(status)
        case 422: return .invalid(status)
        case 429:
            let seconds = status.details?.retryAfterSeconds.map { Duration.seconds($0) }
            return .tooManyRequests(retryAfter: retryAfter ?? seconds, status)
        case 500...599: return .serverError(code: statusCode, status)
        default: return .unexpectedStatus(code: statusCode, status)
        }
    }

    /// The `Status` the server sent, when there was a response.
    public var status: Status? {
        switch self {
        case .notFound(let s), .alreadyExists(let s), .conflict(let s), .gone(let s), .invalid(let s),
            .badRequest(let s), .unauthorized(let s), .forbidden(let s), .tooManyRequests(_, let s),
            .serverError(_, let s), .unexpectedStatus(_, let s):
            return s
        case .transport, .decoding: return nil
        }
    }

    public var isNotFound: Bool { if case .notFound = self { true } else { false } }
    public var isAlreadyExists: Bool { if case .alreadyExists = self { true } else { false } }
    public var isConflict: Bool { if case .conflict = self { true } else { false } }
    public var isGone: Bool { if case .gone = self { true } else { false } }
    public var isInvalid: Bool { if case .invalid = self { true } else { false } }
    public var isForbidden: Bool { if case .forbidden = self { true } else { false } }
    public var isUnauthorized: Bool { if case .unauthorized = self { true } else { false } }
    public var isTooManyRequests: Bool { if case .tooManyRequests = self { true } else { false } }

    public var description: String {
        switch self {
        case .transport(let description): return "transport error: \(description)"
        case .decoding(let description): return "decoding error: \(description)"
        default:
            let status = self.status
            return "\(status?.code ?? 0) \(status?.reason ?? "Error"): \(status?.message ?? "")"
        }
    }
}

extension Error {
    /// True when this is a `KubeError.notFound`.
    public var isKubeNotFound: Bool { (self as? KubeError)?.isNotFound ?? false }
    /// True when this is a `KubeError.conflict`.
    public var isKubeConflict: Bool { (self as? KubeError)?.isConflict ?? false }
}
