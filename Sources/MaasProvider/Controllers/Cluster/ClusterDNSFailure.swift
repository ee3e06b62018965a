import Logging
import KubeRuntime
import KubeCore
import MaasClient

/// Maps a failed MAAS DNS call to the `LoadBalancerReady` condition and a retry delay.
///
/// The reason says what went wrong, like on MaasMachines: `MaasUnreachable` (MAAS down, timeouts, 5xx),
/// `MaasCredentialsInvalid` (rejected key, missing or malformed credentials Secret), `MaasPermissionDenied` (DNS
/// writes need an administrator key); `LoadBalancerFailed` only for refusals about the DNS resource itself
/// (unknown domain, duplicate records, rejected values).
enum ClusterDNSFailure {
    /// The policy for `error` while managing `fqdn`; `attempt` counts earlier consecutive failures.
    /// A 403 says plainly that MAAS DNS writes need an administrator's API key.
    static func policy(for error: any Error, fqdn: String, attempt: Int) -> MaasErrorPolicy {
        let kind: MaasErrorKind
        switch error {
        case let maas as MaasError:
            if case .forbidden(let message) = maas {
                kind = .forbidden(
                    message: "creating or updating MAAS DNS resources needs an administrator API key; use an admin "
                        + "key in the credentials Secret or set Cluster.spec.controlPlaneEndpoint to your own endpoint"
                        + (message.isEmpty ? "" : " (MAAS said: \(message))"))
            } else {
                kind = MaasErrorKind(maas)  // the one MaasError mapping (Adapters)
            }
        case let connection as MaasConnectionError:
            kind = .unauthorized(message: connection.description)
        default:
            kind = .transient(message: String(describing: error), retryAfter: nil)
        }
        var policy = MaasErrorPolicy.policy(for: kind, during: .dns(fqdn: fqdn), attempt: attempt)
        if let reason = reason(for: kind) { policy.condition.reason = reason }
        policy.eventReason = eventReason
        return policy
    }

    /// Warning event reason of every DNS failure (the condition reason says which kind).
    static let eventReason = "DNSFailed"

    /// The condition reason for `kind`, nil to keep the policy's (the MAAS-wide reasons MaasMachines use too).
    static func reason(for kind: MaasErrorKind) -> String? {
        switch kind {
        case .transient, .unreachable, .unauthorized, .forbidden: nil
        case .badRequest, .notFound, .conflict, .noCapacity: MaasConditionReasons.loadBalancerFailed
        }
    }

    /// The requeue delay of a policy (a spec change retries a `waitForSpecChange` failure; the sync period bounds it).
    /// - Parameter jitter: applied to exponential backoffs (`spreadsRetries`), not to fixed waits or Retry-After.
    static func delay(of policy: MaasErrorPolicy, jitter: (Duration) -> Duration = { $0 }) -> Duration {
        switch policy.retry {
        case .after(let delay): policy.spreadsRetries ? jitter(delay) : delay
        case .waitForSpecChange: MaasRequeue.syncPeriod
        }
    }
}
