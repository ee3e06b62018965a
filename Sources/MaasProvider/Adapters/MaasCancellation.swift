import MaasClient

/// The one place that decides whether a failure is cancellation (the reconcile's task was cancelled, e.g. by the
/// manager's task group at shutdown) rather than a MAAS or credentials problem. Cancellation is never reported:
/// no event, no condition change, no status write; the reconcile ends by throwing `CancellationError`.
public enum MaasCancellation {
    /// Whether `error` means "cancelled": `CancellationError`, `MaasConnectionError.cancelled`, or any error
    /// thrown while the current task is cancelled (an HTTP client surfaces cancellation in its own error types).
    public static func isCancellation(_ error: any Error) -> Bool {
        if error is CancellationError { return true }
        if let connection = error as? MaasConnectionError, connection == .cancelled { return true }
        return Task.isCancelled
    }
}
