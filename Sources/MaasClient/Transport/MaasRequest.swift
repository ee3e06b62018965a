import NIOCore
import NIOHTTP1

/// One MAAS API call: verb, path, parameters and how it may be retried.
public struct MaasRequest: Sendable {
    /// How a failed attempt may be repeated.
    public enum Retry: Sendable, Equatable {
        /// GETs and idempotent ops (release, power ops, DNS update/delete, annotations, update).
        case safe
        /// allocate, deploy, DNS create: an ambiguous failure may have taken effect, so never repeat blindly.
        case never
    }

    /// Metric and log label, e.g. `machines.allocate`.
    public var operation: String
    public var method: HTTPMethod
    /// Relative to `api/2.0/`, e.g. `machines/abc123/`.
    public var path: String
    public var query: MaasParameters
    /// Sent form-encoded; nil = no body.
    public var form: MaasParameters?
    public var retry: Retry
    /// 409 without Retry-After means "no matching machine".
    public var isAllocate: Bool
    /// Send without an Authorization header (`version/`).
    public var anonymous: Bool

    public init(operation: String, method: HTTPMethod, path: String, query: MaasParameters = [:],
                form: MaasParameters? = nil, retry: Retry, isAllocate: Bool = false, anonymous: Bool = false) {
        self.operation = operation
        self.method = method
        self.path = path
        self.query = query
        self.form = form
        self.retry = retry
        self.isAllocate = isAllocate
        self.anonymous = anonymous
    }

    /// `GET path?op=NAME&…` (idempotent op) or a plain GET when `op` is nil.
    static func get(_ operation: String, _ path: String, op: String? = nil, query: MaasParameters = [:]) -> MaasRequest {
        var q = MaasParameters()
        q.add("op", op)
        for item in query.items { q.add(item.name, item.value) }
        return MaasRequest(operation: operation, method: .GET, path: path, query: q, retry: .safe)
    }

    /// `POST path` with `op=NAME` first in the form.
    static func post(_ operation: String, _ path: String, op: String?, form: MaasParameters = [:],
                     retry: Retry) -> MaasRequest {
        var f = MaasParameters()
        f.add("op", op)
        for item in form.items { f.add(item.name, item.value) }
        return MaasRequest(operation: operation, method: .POST, path: path, form: f, retry: retry)
    }
}

/// A raw response.
public struct MaasResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    /// The body as received (not copied: a poll of a thousand machines is several MB).
    public var body: ByteBuffer

    /// A copy of the body's bytes.
    public var bodyBytes: [UInt8] { Array(body.readableBytesView) }
}
