import KubeCore
import ClusterAPI

/// What a deleting MaasMachine reconcile knows so far.
public struct MachineDeletionFacts: Hashable, Sendable {
    public var isControlPlane: Bool
    /// The machine's IPs are still in the API DNS record (false for a custom endpoint or no record).
    public var dnsAttached: Bool
    /// How long ago deletion was requested (`now - deletionTimestamp`).
    public var deletionAge: Duration
    public var providerID: ProviderID?
    /// The MaasMachine UID (the MAAS `agent_name`); nil when missing.
    public var agentName: String?
    /// By system ID with a provider ID, else the ``AdoptionChoice`` among the `agent_name` matches.
    public var machine: MaasLookup
    /// Set by the reconciler once MAAS answered 200 to `op=release` in this pass.
    public var releaseAccepted: Bool

    public init(
        isControlPlane: Bool, dnsAttached: Bool, deletionAge: Duration, providerID: ProviderID?, agentName: String?,
        machine: MaasLookup = .notLookedUp, releaseAccepted: Bool = false
    ) {
        self.isControlPlane = isControlPlane
        self.dnsAttached = dnsAttached
        self.deletionAge = deletionAge
        self.providerID = providerID
        self.agentName = agentName
        self.machine = machine
        self.releaseAccepted = releaseAccepted
    }
}

/// The next thing a deleting MaasMachine reconcile does: DNS detach wait (control plane) → release → wait for
/// MAAS to accept it (or the machine to be gone) → remove the finalizer.
public enum MachineDeletionStep: Hashable, Sendable {
    /// `DNSAttached=False/DNSDetachPending`; the MaasCluster controller removes the IP. Requeue.
    case waitForDNSDetach(requeueAfter: Duration)
    case fetchMachine(systemID: String)
    /// Without a provider ID a crash may have left an allocation behind: look for it by `agent_name`.
    case findByAgentName(agentName: String)
    /// `POST /machines/<id>/ op=release` (Event `SuccessfulRelease`); then facts.releaseAccepted = true.
    case release(systemID: String)
    /// `MachineDeployed=False/Deleted`, then remove the finalizer.
    case removeFinalizer(message: String)

    public var isTerminal: Bool {
        switch self {
        case .waitForDNSDetach, .removeFinalizer: true
        case .fetchMachine, .findByAgentName, .release: false
        }
    }

    public static func next(_ facts: MachineDeletionFacts) -> MachineDeletionStep {
        // Bounded: a MaasCluster that is gone or stuck must not keep the machine forever.
        if facts.isControlPlane && facts.dnsAttached && facts.deletionAge < MaasRequeue.dnsDetachMaximumWait {
            return .waitForDNSDetach(requeueAfter: MaasRequeue.dnsAttachPending)
        }
        if facts.releaseAccepted {
            return .removeFinalizer(message: "MAAS accepted the release of the machine")
        }
        switch facts.machine {
        case .notLookedUp:
            if let providerID = facts.providerID { return .fetchMachine(systemID: providerID.systemID) }
            if let agentName = facts.agentName, !agentName.isEmpty { return .findByAgentName(agentName: agentName) }
            return .removeFinalizer(message: "No MAAS machine was allocated")
        case .notFound:
            return .removeFinalizer(message: "The MAAS machine no longer exists")
        case .found(let machine):
            if let state = machine.state, MaasMachineState.released.contains(state) {
                return .removeFinalizer(message: "MAAS machine \(machine.systemID) is \(state.statusName)")
            }
            return .release(systemID: machine.systemID)
        }
    }
}
