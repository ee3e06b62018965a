import Foundation

/// Lease-based leader election (client-go `leaderelection`) as a pure value type.
///
/// Expiry is judged on the local monotonic clock from when the lease record was last *observed to
/// change*, never from the timestamps in the Lease, so clock skew between nodes does not matter.
/// `now` is monotonic time since any fixed epoch; `wallClock` only fills the Lease's timestamps.
public struct LeaderElectionStateMachine: Sendable {
    public struct Configuration: Sendable, Equatable {
        public var identity: String
        public var leaseDuration: Duration
        public var renewDeadline: Duration
        public var retryPeriod: Duration

        public init(identity: String, leaseDuration: Duration = .seconds(15), renewDeadline: Duration = .seconds(10), retryPeriod: Duration = .seconds(2)) {
            self.identity = identity
            self.leaseDuration = leaseDuration
            self.renewDeadline = renewDeadline
            self.retryPeriod = retryPeriod
        }

        /// `hostname_uuid`, as controller-runtime builds it.
        public static func defaultIdentity() -> String {
            "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
        }
    }

    /// What to do with the Lease.
    public enum Action: Sendable, Equatable {
        /// The Lease does not exist: create it with this spec.
        case create(Lease.Spec)
        /// Write this spec (PUT with the observed resourceVersion).
        case update(Lease.Spec)
        /// Another holder's lease is still valid: try again after the retry period.
        case wait
    }

    public let configuration: Configuration
    public private(set) var isLeader = false
    private var observed: Lease.Spec?
    private var observedAt: Duration?
    private var lastRenewal: Duration?

    public init(configuration: Configuration) { self.configuration = configuration }

    /// Decides from the current Lease spec (`nil` when the Lease does not exist).
    public mutating func decide(current: Lease.Spec?, exists: Bool, now: Duration, wallClock: Date) -> Action {
        let seconds = Int(configuration.leaseDuration.components.seconds)
        guard exists else {
            return .create(Lease.Spec(
                holderIdentity: configuration.identity, leaseDurationSeconds: seconds, acquireTime: MicroTime(wallClock),
                renewTime: MicroTime(wallClock), leaseTransitions: 0))
        }
        let current = current ?? Lease.Spec()
        if observed != current || observedAt == nil {
            observed = current
            observedAt = now
        }
        let holder = current.holderIdentity ?? ""
        let heldByOther = !holder.isEmpty && holder != configuration.identity
        if heldByOther {
            let duration = current.leaseDurationSeconds.map { Duration.seconds($0) } ?? configuration.leaseDuration
            if let observedAt, now - observedAt < duration {
                isLeader = false
                return .wait
            }
        }
        var spec = current
        if holder == configuration.identity {
            spec.acquireTime = current.acquireTime ?? MicroTime(wallClock)
        } else {
            spec.acquireTime = MicroTime(wallClock)
            spec.leaseTransitions = (current.leaseTransitions ?? 0) + 1
        }
        spec.holderIdentity = configuration.identity
        spec.leaseDurationSeconds = seconds
        spec.renewTime = MicroTime(wallClock)
        return .update(spec)
    }

    /// The write of `spec` succeeded. Returns true when this made us leader (newly elected).
    public mutating func writeSucceeded(_ spec: Lease.Spec, now: Duration) -> Bool {
        observed = spec
        observedAt = now
        lastRenewal = now
        defer { isLeader = true }
        return !isLeader
    }

    /// A read or write failed (or the lease is held elsewhere). Returns true when leadership is now lost:
    /// a leader that could not renew within the renew deadline.
    public mutating func attemptFailed(now: Duration) -> Bool {
        guard isLeader else { return false }
        if let lastRenewal, now - lastRenewal < configuration.renewDeadline { return false }
        isLeader = false
        return true
    }


    /// The spec that releases the lease on shutdown (empty holder, 1 s duration), or nil when not leader.
    /// Leadership ends here: a released (or releasing) elector never reports itself leader.
    public mutating func releaseSpec(wallClock: Date) -> Lease.Spec? {
        guard isLeader, var spec = observed else { return nil }
        isLeader = false
        spec.holderIdentity = ""
        spec.leaseDurationSeconds = 1
        spec.renewTime = MicroTime(wallClock)
        return spec
    }
}
