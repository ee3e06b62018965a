import Foundation
import KubeCore

/// Requeue delays and backoffs of the provider, in one place (upstream values in capmaas-behavior.md §2.7).
public enum MaasRequeue {
    // MARK: MaasCluster
    /// The DNS name is not known yet.
    public static let clusterWaitForDNSName: Duration = .seconds(15)
    /// Deletion waits for the cluster's MaasMachines to go.
    public static let clusterDeleteWaitForMachines: Duration = .seconds(10)
    /// First and longest interval between workload API server checks (bounded polling).
    public static let apiServerPollInitial: Duration = .seconds(2)
    public static let apiServerPollMaximum: Duration = .seconds(30)

    // MARK: MaasMachine
    /// A control-plane machine's IP is not yet in (or still in) the DNS record.
    public static let dnsAttachPending: Duration = .seconds(10)
    /// Longest a deleting control-plane machine waits for DNS detach before releasing anyway.
    public static let dnsDetachMaximumWait: Duration = .seconds(300)
    /// A Ready control-plane machine is looked at again this often (one MAAS read each): its power and addresses
    /// back the cluster's DNS record and API server, so a machine powered off in MAAS is noticed and powered on
    /// within this time. Workers wait for the periodic resync (or any change).
    public static let readyControlPlane: Duration = .seconds(20)
    /// A deployed machine is powered off: after power-on, check again.
    public static let powerOn: Duration = .seconds(30)
    /// Polling MAAS while machines are Deploying or Releasing (one batched list call per interval).
    public static let maasPollInterval: Duration = .seconds(5)
    /// Fallback requeue for a single deploying machine (the batched poll normally wakes it sooner).
    public static let deploying: Duration = .seconds(15)
    /// The workload API server is not reachable yet (Node providerID).
    public static let workloadNotReachable: Duration = .seconds(60)
    /// Setting the Node providerID failed.
    public static let nodeProviderIDRetry: Duration = .seconds(30)
    /// Rejected or missing MAAS credentials.
    public static let credentialsRetry: Duration = .seconds(120)
    /// The MAAS user lacks permission.
    public static let permissionRetry: Duration = .seconds(300)
    /// Periodic resync of every object (`--sync-period` default).
    public static let syncPeriod: Duration = .seconds(600)

    // MARK: Backoffs
    /// No MAAS machine matches: 1 min doubling to 10 min.
    public static func capacityBackoff(attempt: Int) -> Duration {
        exponential(base: .seconds(60), attempt: attempt, cap: .seconds(600))
    }

    /// Failed deployment or broken machine, before allocating a replacement: 30 s doubling to 10 min.
    public static func replacementBackoff(attempt: Int) -> Duration {
        exponential(base: .seconds(30), attempt: attempt, cap: .seconds(600))
    }

    /// Transient MAAS errors without Retry-After: 5 s doubling to 5 min.
    public static func transientBackoff(attempt: Int) -> Duration {
        exponential(base: .seconds(5), attempt: attempt, cap: .seconds(300))
    }

    /// A server-provided Retry-After, kept within 1 s ... 10 min.
    public static func retryAfter(_ value: Duration) -> Duration {
        min(max(value, .seconds(1)), .seconds(600))
    }

    /// Time left until `deadline` (e.g. `status.retryAfter`), nil when there is none or it has passed.
    public static func remaining(until deadline: Timestamp?, now: Date) -> Duration? {
        guard let deadline else { return nil }
        let seconds = deadline.date.timeIntervalSince(now)
        guard seconds > 0 else { return nil }
        return .milliseconds(Int64((seconds * 1000).rounded(.up)))
    }

    /// `base · 2^attempt`, at most `cap`; attempt counts from 0 (negative counts as 0).
    public static func exponential(base: Duration, attempt: Int, cap: Duration) -> Duration {
        var delay = base
        for _ in 0..<min(max(attempt, 0), 32) {
            delay = delay * 2
            if delay >= cap { return cap }
        }
        return min(delay, cap)
    }
}
