import KubeCore
/// The result of looking a MAAS machine up (by system ID, or by `agent_name`).
public enum MaasLookup: Hashable, Sendable {
    /// Not looked up yet in this reconcile.
    case notLookedUp
    /// MAAS has no such machine (404, or no machine with the agent name).
    case notFound
    case found(ObservedMaasMachine)
}
