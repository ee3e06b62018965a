import Logging
import KubeRuntime
import KubeCore
import MaasClient

/// Maps a failed MAAS DNS call to the `LoadBalancerReady` condition and a retry delay.
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
        policy.condition.reason = MaasConditionReasons.loadBalancerFailed
        return policy
    }

    /// The requeue delay of a policy (a spec change retries a `waitForSpecChange` failure; the sync period bounds it).
    static func delay(of policy: MaasErrorPolicy) -> Duration {
        switch policy.retry {
        case .after(let delay): delay
        case .waitForSpecChange: MaasRequeue.syncPeriod
        }
    }
}
