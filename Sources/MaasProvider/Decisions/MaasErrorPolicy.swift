import KubeCore
import Foundation

/// When to try again after a failure.
public enum RetryPolicy: Hashable, Sendable {
    /// Requeue after this delay (also recorded in `status.retryAfter` for allocation failures).
    case after(Duration)
    /// Do not requeue; a spec change (new generation) or a watch event retries.
    case waitForSpecChange
}

/// What to show and when to retry after a MAAS failure: never a hot loop, MAAS's own message kept.
public struct MaasErrorPolicy: Hashable, Sendable {
    /// Condition type to set (`MachineDeployed` for machine operations, `LoadBalancerReady` for DNS).
    public var conditionType: String
    public var condition: ConditionUpdate
    public var retry: RetryPolicy
    /// Whether the failure counts toward `status.failedAttempts` (allocation/deployment backoff).
    public var countsAsFailedAttempt: Bool
    /// Event type for the failure (`Warning`).
    public var eventReason: String

    public init(conditionType: String, condition: ConditionUpdate, retry: RetryPolicy, countsAsFailedAttempt: Bool, eventReason: String) {
        self.conditionType = conditionType
        self.condition = condition
        self.retry = retry
        self.countsAsFailedAttempt = countsAsFailedAttempt
        self.eventReason = eventReason
    }

    /// Longest MAAS message kept in a condition.
    public static let maximumMessageLength = 1024

    /// The policy for `error` during `operation`; `attempt` is the number of earlier consecutive failures.
    public static func policy(for error: MaasErrorKind, during operation: MaasOperation, attempt: Int) -> MaasErrorPolicy {
        let conditionType: String
        if case .dns = operation { conditionType = MaasConditions.loadBalancerReady } else { conditionType = MaasConditions.machineDeployed }
        func make(_ reason: String, _ text: String, _ retry: RetryPolicy, counts: Bool) -> MaasErrorPolicy {
            let message = "\(operation) failed: \(truncated(text))"
            return MaasErrorPolicy(
                conditionType: conditionType, condition: ConditionUpdate(status: .false, reason: reason, message: message),
                retry: retry, countsAsFailedAttempt: counts, eventReason: reason)
        }
        switch error {
        case .noCapacity(let text):
            return make(MaasConditionReasons.insufficientCapacity, "no MAAS machine available: \(text)",
                        .after(MaasRequeue.capacityBackoff(attempt: attempt)), counts: true)
        case .badRequest(let text):
            // The text already says what failed ("MAAS rejected the request: …"); a second prefix only repeated it.
            return make(MaasConditionReasons.invalidMachineSpec, text, .waitForSpecChange, counts: false)
        case .unauthorized(let text):
            // The text is "MAAS rejected the API key: …" or a missing/malformed credentials Secret: say what to fix
            // without repeating "rejected".
            return make(MaasConditionReasons.maasCredentialsInvalid, "check the MAAS credentials: \(text)",
                        .after(MaasRequeue.credentialsRetry), counts: false)
        case .forbidden(let text):
            return make(MaasConditionReasons.maasPermissionDenied, "the MAAS user may not do this: \(text)",
                        .after(MaasRequeue.permissionRetry), counts: false)
        case .notFound(let text):
            return make(MaasConditionReasons.machineNotFound, text, .after(MaasRequeue.transientBackoff(attempt: attempt)), counts: false)
        case .conflict(let text):
            let reason: String
            if case .deploy = operation { reason = MaasConditionReasons.machineDeployFailed } else { reason = MaasConditionReasons.maasStateConflict }
            return make(reason, text, .after(MaasRequeue.transientBackoff(attempt: attempt)), counts: false)
        case .transient(let text, let retryAfter):
            let delay = retryAfter.map(MaasRequeue.retryAfter) ?? MaasRequeue.transientBackoff(attempt: attempt)
            return make(MaasConditionReasons.maasUnreachable, text, .after(delay), counts: false)
        case .unreachable(let text):
            return make(MaasConditionReasons.maasUnreachable, "MAAS is not reachable: \(text)",
                        .after(MaasRequeue.transientBackoff(attempt: attempt)), counts: false)
        }
    }

    private static func truncated(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count > maximumMessageLength else { return trimmed }
        return String(trimmed.prefix(maximumMessageLength)) + "…"
    }
}
