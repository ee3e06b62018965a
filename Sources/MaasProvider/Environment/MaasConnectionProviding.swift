import Logging
import KubeCore
import MaasClient

/// Resolves the MAAS API to use for objects in a namespace: the per-namespace credentials
/// Secret when present, else the manager's credentials Secret, else the environment.
public protocol MaasConnectionProviding: Sendable {
    /// The MAAS API for objects in `namespace`.
    /// - Throws: `MaasConnectionError` when no usable credentials exist.
    func connection(forNamespace namespace: String) async throws(MaasConnectionError) -> any MaasAPI

    /// MAAS rejected, refused or never answered a call made with `namespace`'s credentials: the next
    /// ``connection(forNamespace:)`` reads them again instead of reusing a cached read (the fix an operator applies
    /// counts at once, not after a cache lifetime).
    func recheckCredentials(forNamespace namespace: String) async
}

extension MaasConnectionProviding {
    /// Fixed connections have nothing to read again.
    public func recheckCredentials(forNamespace namespace: String) async {}
}

/// Why no MAAS connection could be made; each case becomes a condition message.
public enum MaasConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No endpoint or key anywhere (Secret, flags, environment).
    case missingCredentials(String)
    /// Credentials exist but are malformed (wrong key shape, bad URL, unreadable CA file).
    case invalidCredentials(String)
    /// The caller's task was cancelled (or the manager is stopping) while credentials were read: not a
    /// credentials problem, so never a condition or an event.
    case cancelled

    public var description: String {
        switch self {
        case .missingCredentials(let detail): return "no MAAS credentials: \(detail)"
        case .invalidCredentials(let detail): return "invalid MAAS credentials: \(detail)"
        case .cancelled: return "cancelled while resolving MAAS credentials"
        }
    }
}
