import KubeCore
/// A MAAS failure, classified for the provider (adapted from the MAAS client's typed error).
public enum MaasErrorKind: Hashable, Sendable {
    /// Allocate 409 without Retry-After: no machine matches the constraints right now.
    case noCapacity(message: String)
    /// 400: the request is invalid (unknown tag, zone, pool, image...).
    case badRequest(message: String)
    /// 401, or no credentials configured.
    case unauthorized(message: String)
    /// 403.
    case forbidden(message: String)
    /// 404.
    case notFound(message: String)
    /// 409 without Retry-After on a machine operation: the machine is in the wrong state.
    case conflict(message: String)
    /// 409/503 with Retry-After, other 5xx, timeouts: try again.
    case transient(message: String, retryAfter: Duration?)
    /// Connection refused, DNS or TLS failure: MAAS is not reachable.
    case unreachable(message: String)

    /// Whether the credentials in use (key, endpoint, CA) may be what is wrong: rejected, refused, no answer or a
    /// broken one (a wrong endpoint may well answer 5xx or close the connection). Such a failure has the credentials
    /// read again at the next attempt, which an operator's fix may be waiting on.
    public var mayBeCredentials: Bool {
        switch self {
        case .unauthorized, .forbidden, .unreachable, .transient: true
        case .noCapacity, .badRequest, .notFound, .conflict: false
        }
    }
}

/// The MAAS operation that failed, for messages.
public enum MaasOperation: Hashable, Sendable, CustomStringConvertible {
    case allocate(AllocationRequest)
    case deploy(systemID: String)
    case release(systemID: String)
    case powerOn(systemID: String)
    case read(systemID: String)
    case list
    case setWorkloadAnnotations(systemID: String)
    case disableSwap(systemID: String)
    case dns(fqdn: String)

    public var description: String {
        switch self {
        case .allocate(let request): "allocating a machine (\(request.constraintsSummary))"
        case .deploy(let id): "deploying machine \(id)"
        case .release(let id): "releasing machine \(id)"
        case .powerOn(let id): "powering on machine \(id)"
        case .read(let id): "reading machine \(id)"
        case .list: "listing machines"
        case .setWorkloadAnnotations(let id): "annotating machine \(id)"
        case .disableSwap(let id): "disabling swap on machine \(id)"
        case .dns(let fqdn): "updating DNS resource \(fqdn)"
        }
    }
}
