import KubeCore

/// Whether MAAS may hold machines for a MaasMachine that its `spec.providerID` does not record. Kept in the
/// annotation ``annotationKey`` so that the common path needs no `agent_name` search: the search is needed only
/// after an allocate whose outcome was never recorded (a crash, a lost reply, a failed call) or a replacement whose
/// release may not have happened.
///
/// The invariant that makes it safe: an allocate is only ever sent after ``unsettled`` (with the finalizer) was
/// written under the resourceVersion the pass read, so a pass that starts from ``unallocated`` or ``recorded``
/// knows no allocate of an earlier pass (or of another manager) is outstanding.
public enum AllocationLedger: String, Hashable, Sendable, CaseIterable {
    /// Nothing was ever allocated for this object (a new object: no annotation, no finalizer, no providerID).
    case unallocated
    /// Every allocate sent for this object has its machine in `spec.providerID` (or released by a recorded release).
    case recorded
    /// An allocate or release may have been sent whose outcome is not recorded: search MAAS by agent name before
    /// allocating and when deleting. Sticky: a late allocate of a crashed pass may still land after a search.
    case unsettled

    /// The annotation holding the ledger on a MaasMachine.
    public static let annotationKey = "infrastructure.cluster.x-k8s.io/maas-allocation"
    /// The annotation holding the MAAS `agent_name` the object allocates under, written with the first
    /// ``unsettled``: the UID at that time. A move to another management cluster (`clusterctl move`) changes the
    /// UID but keeps annotations, so an unrecorded allocation is still found after the move.
    public static let agentNameKey = "infrastructure.cluster.x-k8s.io/maas-agent-name"

    /// The `agent_name` of an object's MAAS allocations: the recorded one, else its UID.
    public static func agentName(of metadata: ObjectMeta) -> String? {
        if let recorded = metadata.annotation(agentNameKey), !recorded.isEmpty { return recorded }
        return metadata.uid
    }

    /// The ledger of an object. Without the annotation (objects written by an older provider) only a new object
    /// (no finalizer, no providerID) is known to hold nothing; anything else, or an unknown value, is unsettled.
    public static func of(_ metadata: ObjectMeta, finalizer: String, providerID: String?) -> AllocationLedger {
        if let value = metadata.annotation(annotationKey) { return AllocationLedger(rawValue: value) ?? .unsettled }
        let untouched = !metadata.hasFinalizer(finalizer) && (providerID ?? "").isEmpty
        return untouched ? .unallocated : .unsettled
    }

    /// Whether machines with this object's agent name may exist beyond `spec.providerID`.
    public var needsAgentSearch: Bool { self == .unsettled }
}
