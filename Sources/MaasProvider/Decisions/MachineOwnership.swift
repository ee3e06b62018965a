import KubeCore
/// Whether the MAAS machine a MaasMachine points at (`spec.providerID`) is still the one it allocated.
///
/// MAAS never returns `agent_name`, and a machine released by one MaasMachine (then a crash before its
/// providerID was cleared, or a release by hand) may already be allocated to another. The workload annotations
/// are the cheap evidence: this provider writes them right after allocating, before it persists the providerID
/// or deploys, and MAAS clears them on release. An unannotated *Allocated* machine may be someone's allocation
/// that is not annotated yet, so it is confirmed with an `agent_name` search (one call, rare).
public enum MachineOwnership: Hashable, Sendable {
    /// Annotated for this MaasMachine, or deploying/deployed without annotations (machines deployed before
    /// annotations existed, or by an older provider) unless this provider is known to have annotated it.
    case ours
    /// Annotated for another object (`owner` is its namespace/name).
    case foreign(owner: String)
    /// Allocated and not annotated: confirm with `GET machines/?id=<id>&agent_name=<uid>`.
    case unconfirmed

    /// The identity keys compared (the `managed-by` key is the same for every MaasMachine).
    static let identityKeys = [WorkloadAnnotations.clusterKey, WorkloadAnnotations.namespaceKey, WorkloadAnnotations.nameKey]

    /// The ownership of `machine` for a MaasMachine whose workload annotations are `expected`. Expected values that
    /// are empty (an orphaned MaasMachine may not know its cluster) are not compared. With `annotatedByUs` (the
    /// ledger is ``AllocationLedger/recorded``: this provider annotated the machine before recording it) a held
    /// machine without annotations was released since, and whoever holds it now must be confirmed.
    public static func of(_ machine: ObservedMaasMachine, expected: [String: String], annotatedByUs: Bool = false) -> MachineOwnership {
        let observed = machine.workloadAnnotations ?? [:]
        var annotated = false
        for key in identityKeys {
            guard let value = observed[key], !value.isEmpty else { continue }
            annotated = true
            if let mine = expected[key], !mine.isEmpty, mine != value {
                let owner = [observed[WorkloadAnnotations.namespaceKey], observed[WorkloadAnnotations.nameKey]]
                    .compactMap { $0 }.joined(separator: "/")
                return .foreign(owner: owner.isEmpty ? "\(key)=\(value)" : owner)
            }
        }
        if annotated { return .ours }
        // Only a machine held by a user keeps its annotations (release, and marking broken, clear the owner): the
        // caller's state handling deals with the others.
        let held = machine.state.map([MaasMachineState.allocated, .deploying, .deployed].contains) ?? false
        return machine.state == .allocated || (annotatedByUs && held) ? .unconfirmed : .ours
    }
}
