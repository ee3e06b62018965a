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
    /// What MAAS may hold beyond `providerID`: the agent name is searched only when ``AllocationLedger/unsettled``
    /// (or when the providerID machine lost our annotations and must be confirmed).
    public var ledger: AllocationLedger
    /// The workload annotations this MaasMachine writes (identity for ``MachineOwnership``).
    public var workloadAnnotations: [String: String]
    /// The MAAS machines carrying `agentName` (nil until searched). MAAS clears `agent_name` on release, so this
    /// lists exactly what is still ours, including extra allocations a crash left behind.
    public var agentMachines: [ObservedMaasMachine]?
    /// The providerID machine by system ID; fetched only when the `agent_name` search did not list it.
    public var machine: MaasLookup
    /// System IDs whose release MAAS accepted (or that were already gone) in this pass.
    public var released: Set<String>

    public init(
        isControlPlane: Bool, dnsAttached: Bool, deletionAge: Duration, providerID: ProviderID?, agentName: String?,
        ledger: AllocationLedger = .unsettled, workloadAnnotations: [String: String] = [:], agentMachines: [ObservedMaasMachine]? = nil,
        machine: MaasLookup = .notLookedUp, released: Set<String> = []
    ) {
        self.isControlPlane = isControlPlane
        self.dnsAttached = dnsAttached
        self.deletionAge = deletionAge
        self.providerID = providerID
        self.agentName = agentName
        self.ledger = ledger
        self.workloadAnnotations = workloadAnnotations
        self.agentMachines = agentMachines
        self.machine = machine
        self.released = released
    }
}

/// The next thing a deleting MaasMachine reconcile does: DNS detach wait (control plane) → find what is ours →
/// release each → remove the finalizer.
///
/// Crash safety: "ours" is decided from MAAS, never from the providerID alone. A release followed by a crash
/// before the finalizer is removed leaves a providerID that may name a machine already allocated to another
/// MaasMachine; the `agent_name` search no longer lists it (MAAS clears the agent name on release), and the
/// providerID machine is fetched and released only when it carries our annotations (or, unannotated, when the
/// search lists it). With a settled ``AllocationLedger`` nothing but the providerID machine can be ours, so the
/// search is skipped unless that machine lost our annotations.
public enum MachineDeletionStep: Hashable, Sendable {
    /// `DNSAttached=False/DNSDetachPending`; the MaasCluster controller removes the IP. Requeue.
    case waitForDNSDetach(requeueAfter: Duration)
    /// `GET /machines/?agent_name=<uid>` → facts.agentMachines.
    case findByAgentName(agentName: String)
    /// `GET /machines/<id>/` → facts.machine (a providerID machine the agent search did not list).
    case fetchMachine(systemID: String)
    /// `POST /machines/<id>/ op=release` (Event `SuccessfulRelease`); then insert into facts.released.
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
        let agentName = facts.agentName.flatMap { $0.isEmpty ? nil : $0 }
        if let agentName, facts.agentMachines == nil, facts.ledger.needsAgentSearch {
            return .findByAgentName(agentName: agentName)
        }
        let searched = agentName != nil && facts.agentMachines != nil
        let listed = facts.agentMachines ?? []
        if let providerID = facts.providerID, !listed.contains(where: { $0.systemID == providerID.systemID }),
            facts.machine == .notLookedUp {
            return .fetchMachine(systemID: providerID.systemID)
        }
        // A Broken machine is quarantined (MAAS cleared its owner): releasing it would put it back in the pool.
        var ours = listed.filter { !isReleased($0) && $0.state != .broken }
        var note = ""
        if let providerID = facts.providerID, case .found(let machine) = facts.machine, machine.systemID == providerID.systemID,
            !listed.contains(where: { $0.systemID == machine.systemID }) {
            switch MachineOwnership.of(machine, expected: facts.workloadAnnotations, annotatedByUs: facts.ledger == .recorded) {
            case _ where isReleased(machine):
                note = "MAAS machine \(machine.systemID) is \(machine.statusName)"
            case _ where machine.state == .broken:
                note = "MAAS machine \(machine.systemID) is Broken: left for an operator, not released"
            case .foreign(let owner):
                note = "MAAS machine \(machine.systemID) now belongs to \(owner); not released"
            case .unconfirmed where searched:
                note = "MAAS machine \(machine.systemID) was allocated again by someone else; not released"
            case .unconfirmed:
                // Not annotated for us: only the agent-name search can tell (nil agent name: nothing to ask with).
                if let agentName { return .findByAgentName(agentName: agentName) }
                ours.append(machine)
            case .ours:
                ours.append(machine)
            }
        } else if facts.providerID != nil, facts.machine == .notFound {
            note = "The MAAS machine no longer exists"
        }
        if let next = ours.first(where: { !facts.released.contains($0.systemID) }) {
            return .release(systemID: next.systemID)
        }
        if !facts.released.isEmpty {
            return .removeFinalizer(message: "MAAS accepted the release of \(facts.released.sorted().joined(separator: ", "))")
        }
        return .removeFinalizer(message: note.isEmpty ? "No MAAS machine is allocated to this MaasMachine" : note)
    }

    /// MAAS accepted a release already (or the machine left us some other way).
    static func isReleased(_ machine: ObservedMaasMachine) -> Bool {
        machine.state.map(MaasMachineState.released.contains) ?? false
    }
}
