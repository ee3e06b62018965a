import ClusterAPI
import Logging
import MaasClient

extension MaasErrorKind {
    /// Classifies a MAAS client error for the decisions layer (the only place `MaasError` cases are mapped).
    public init(_ error: MaasError) {
        switch error {
        case .noMatchingMachine(let message):
            self = .noCapacity(message: message)
        case .stateConflict(let message):
            self = .conflict(message: message)
        case .retryable(_, let retryAfter, let message):
            self = .transient(message: error.description.isEmpty ? message : error.description, retryAfter: retryAfter)
        case .badRequest:
            self = .badRequest(message: error.description)
        case .unauthorized(let reason, _):
            // A reused nonce is fixed by re-signing: transient. Everything else needs new credentials (or a clock fix).
            self = reason == .nonceReused
                ? .transient(message: error.description, retryAfter: nil)
                : .unauthorized(message: error.description)
        case .forbidden:
            self = .forbidden(message: error.description)
        case .notFound:
            self = .notFound(message: error.description)
        case .serverError(let status, _):
            self = status >= 500
                ? .transient(message: error.description, retryAfter: nil)
                : .badRequest(message: error.description)
        case .invalidResponse:
            self = .transient(message: error.description, retryAfter: nil)
        case .transport(let description):
            self = .unreachable(message: description)  // the policy says "MAAS is not reachable: …" once
        case .connectionRefused:
            self = .unreachable(message: error.description)
        }
    }

    /// Classifies any error thrown by a `MaasAPI` call; non-MAAS errors (cancellation aside) count as unreachable.
    public static func classify(_ error: any Error) -> MaasErrorKind {
        if let maas = error as? MaasError { return MaasErrorKind(maas) }
        return .unreachable(message: "\(error)")
    }

    /// Whether the failure says the machine no longer exists.
    public var isNotFound: Bool { if case .notFound = self { true } else { false } }

    /// The user-facing text.
    public var message: String {
        switch self {
        case .noCapacity(let m), .badRequest(let m), .unauthorized(let m), .forbidden(let m), .notFound(let m),
            .conflict(let m), .unreachable(let m):
            m
        case .transient(let m, _):
            m
        }
    }
}
