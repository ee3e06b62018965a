import KubeCore

/// Level-based reconciliation of one object, identified only by its key (read the object from a store).
///
/// ```swift
/// struct MaasMachineReconciler: Reconciler {
///     let client: KubeClient
///     let maasMachines: Store<MaasMachine>
///     func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
///         guard let machine = maasMachines.get(key) else { return .done }   // deleted
///         ...
///         return .requeue(after: .seconds(30))
///     }
/// }
/// ```
public protocol Reconciler: Sendable {
    /// Brings the object at `key` towards its desired state. Thrown errors are retried with per-key
    /// backoff; wrap in `TerminalError` to stop retrying.
    func reconcile(_ key: ObjectKey) async throws -> ReconcileResult
}

/// What a reconcile asks of the queue.
public enum ReconcileResult: Sendable, Hashable {
    /// Finished; the key runs again only when something changes (or on resync).
    case done
    /// Run again after the delay (the failure count is reset).
    case requeue(after: Duration)
}

/// An error that retrying cannot fix: the key is not requeued (controller-runtime `TerminalError`).
public struct TerminalError: Error, Sendable, CustomStringConvertible {
    public let underlying: any Error
    public init(_ underlying: any Error) { self.underlying = underlying }
    public var description: String { "terminal error: \(underlying)" }
}

/// A reconciler from a closure.
public struct ReconcilerFunction: Reconciler {
    let body: @Sendable (ObjectKey) async throws -> ReconcileResult
    public init(_ body: @escaping @Sendable (ObjectKey) async throws -> ReconcileResult) { self.body = body }
    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult { try await body(key) }
}
