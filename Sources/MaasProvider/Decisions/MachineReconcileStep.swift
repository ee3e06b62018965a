import KubeCore
import ClusterAPI

/// The next thing a MaasMachine reconcile (not deleting) does. The reconciler executes the step, updates the
/// ``MachineReconcileFacts`` and asks again, until a step ends the pass (`isTerminal`).
public enum MachineReconcileStep: Hashable, Sendable {
    /// `MachineDeployed=False/WaitingForClusterInfrastructure`; no requeue (the Cluster watch wakes us).
    case waitForClusterInfrastructure
    /// `MachineDeployed=False/WaitingForBootstrapData`; no requeue (the Machine watch wakes us).
    case waitForBootstrapData
    /// `GET /machines/<systemID>/` → facts.machine.
    case fetchMachine(systemID: String)
    /// `GET /machines/?agent_name=<agentName>`, then ``AdoptionChoice`` → facts.machine (release the extras).
    case findByAgentName(agentName: String)
    /// `GET /machines/?id=<systemID>&agent_name=<agentName>` → facts.ownershipConfirmed (and facts.machine):
    /// the recorded machine is Allocated without annotations, so it may be another MaasMachine's allocation.
    case confirmOwnership(systemID: String, agentName: String)
    /// A previous allocation or deployment failed: wait until `status.retryAfter` before allocating again.
    case waitForRetryBackoff(requeueAfter: Duration)
    /// Write ``AllocationLedger/unsettled`` (with the finalizer) under the resourceVersion read, before allocating;
    /// then facts.ledger = .unsettled and facts.ledgerMarkedThisPass = true.
    case markAllocationUnsettled
    /// `POST /machines/ op=allocate` → facts.machine = .found(allocated).
    case allocate(AllocationRequest)
    /// `POST /machines/<id>/ op=set_workload_annotations`; then facts.workloadAnnotationsApplied = true.
    case setWorkloadAnnotations(systemID: String, annotations: [String: String])
    /// Patch `spec.providerID`, `spec.systemID`, `spec.failureDomain` (and status) before anything else happens;
    /// with `settlesLedger` also ``AllocationLedger/recorded`` (this pass's allocate is the only one outstanding).
    case persistProviderID(ProviderID, settlesLedger: Bool)
    /// `PUT /machines/<id>/ swap_size=0`; then facts.swapDisabled = true.
    case disableSwap(systemID: String)
    /// `POST /machines/<id>/ op=deploy` with the bootstrap user data (base64), `osystem`, `distro_series`,
    /// `ephemeral_deploy`; then requeue after ``MaasRequeue/deploying`` (the batched poll wakes it sooner).
    case deploy(systemID: String, image: MaasImage, inMemory: Bool)
    /// MAAS is deploying: requeue.
    case waitForDeployment(systemID: String, message: String, requeueAfter: Duration)
    /// `POST /machines/<id>/ op=power_on`, requeue.
    case powerOn(systemID: String, requeueAfter: Duration)
    /// Release the machine (409/invalid transition counts as released), clear providerID/systemID, increment
    /// `status.failedAttempts`, `MachineDeployFailed`, requeue after the backoff.
    case replace(systemID: String, message: String, requeueAfter: Duration)
    /// Clear providerID/systemID (nothing to release) and continue with adoption/allocation.
    case forgetMachine(message: String)
    /// Deployed and on: `ready`, `initialization.provisioned`, addresses, DNS attachment, Node providerID.
    case ready(ObservedMaasMachine)
    /// The machine left us: `MachineTerminated`, Warning event, deprecated failure fields; no requeue.
    case unexpectedTermination(message: String)
    /// `MachineDeployed=Unknown/MachineStateUndefined`, Warning event, requeue after ``MaasRequeue/workloadNotReachable``.
    case undefinedState(message: String)

    /// Whether the step ends this reconcile pass.
    public var isTerminal: Bool {
        switch self {
        case .fetchMachine, .findByAgentName, .confirmOwnership, .markAllocationUnsettled, .allocate, .setWorkloadAnnotations,
            .persistProviderID, .disableSwap, .forgetMachine:
            false
        case .waitForClusterInfrastructure, .waitForBootstrapData, .waitForRetryBackoff, .deploy, .waitForDeployment, .powerOn, .replace,
            .ready, .unexpectedTermination, .undefinedState:
            true
        }
    }

    /// The next step for `facts` (ordered: infrastructure → bootstrap data → adopt (only with an unsettled ledger) →
    /// mark the ledger → allocate → annotations → providerID → swap → deploy → poll → ready).
    public static func next(_ facts: MachineReconcileFacts) -> MachineReconcileStep {
        guard facts.clusterInfrastructureProvisioned else { return .waitForClusterInfrastructure }
        guard facts.bootstrapDataSecretName != nil || facts.previouslyProvisioned else { return .waitForBootstrapData }

        guard let providerID = facts.providerID else {
            switch facts.machine {
            case .notLookedUp where facts.ledger.needsAgentSearch && !facts.ledgerMarkedThisPass:
                return .findByAgentName(agentName: facts.allocation.agentName)
            case .notLookedUp, .notFound:
                if let remaining = facts.retryBackoffRemaining, remaining > .zero {
                    return .waitForRetryBackoff(requeueAfter: remaining)
                }
                return facts.ledger == .unsettled ? .allocate(facts.allocation) : .markAllocationUnsettled
            case .found(let machine):
                if needsAnnotations(facts, machine) {
                    return .setWorkloadAnnotations(systemID: machine.systemID, annotations: facts.workloadAnnotations)
                }
                do {
                    return .persistProviderID(
                        try ProviderID(zone: machine.zone ?? "", systemID: machine.systemID), settlesLedger: facts.ledgerMarkedThisPass)
                } catch {
                    return .undefinedState(message: "MAAS machine cannot be recorded: \(error)")
                }
            }
        }

        switch facts.machine {
        case .notLookedUp:
            return .fetchMachine(systemID: providerID.systemID)
        case .notFound:
            let message = "MAAS machine \(providerID.systemID) no longer exists"
            return facts.previouslyProvisioned
                ? .unexpectedTermination(message: message)
                : .forgetMachine(message: message + "; allocating another")
        case .found(let machine):
            if let notOurs = ownershipProblem(facts, machine) {
                return facts.previouslyProvisioned
                    ? .unexpectedTermination(message: notOurs)
                    : .forgetMachine(message: notOurs + "; allocating another")
            }
            if facts.ownershipConfirmed == nil, case .unconfirmed = ownership(facts, machine) {
                return .confirmOwnership(systemID: machine.systemID, agentName: facts.allocation.agentName)
            }
            switch MaasMachineOutcome.evaluate(machine, previouslyProvisioned: facts.previouslyProvisioned) {
            case .deploy:
                if needsAnnotations(facts, machine) {
                    return .setWorkloadAnnotations(systemID: machine.systemID, annotations: facts.workloadAnnotations)
                }
                if facts.disableSwap && !facts.swapDisabled && machine.swapSize != 0 {
                    return .disableSwap(systemID: machine.systemID)
                }
                return .deploy(systemID: machine.systemID, image: facts.image, inMemory: facts.deployInMemory)
            case .waitForDeployment(let message):
                return .waitForDeployment(systemID: machine.systemID, message: message, requeueAfter: MaasRequeue.deploying)
            case .ready:
                return .ready(machine)
            case .powerOn:
                return .powerOn(systemID: machine.systemID, requeueAfter: MaasRequeue.powerOn)
            case .replace(let message):
                return .replace(
                    systemID: machine.systemID, message: message,
                    requeueAfter: MaasRequeue.replacementBackoff(attempt: facts.failedAttempts))
            case .allocationLost(let message):
                return .forgetMachine(message: message)
            case .unexpectedTermination(let message):
                return .unexpectedTermination(message: message)
            case .undefined(let message):
                return .undefinedState(message: message)
            }
        }
    }

    /// Why the recorded machine is no longer this MaasMachine's (released and allocated again: never deploy,
    /// annotate or adopt it), nil while it may be ours.
    private static func ownershipProblem(_ facts: MachineReconcileFacts, _ machine: ObservedMaasMachine) -> String? {
        if facts.ownershipConfirmed == true { return nil }
        switch ownership(facts, machine) {
        case .foreign(let owner):
            return "MAAS machine \(machine.systemID) now belongs to \(owner)"
        case .unconfirmed where facts.ownershipConfirmed == false:
            return "MAAS machine \(machine.systemID) was allocated again by someone else (it no longer carries this MaasMachine's agent name)"
        case .ours, .unconfirmed:
            return nil
        }
    }

    private static func ownership(_ facts: MachineReconcileFacts, _ machine: ObservedMaasMachine) -> MachineOwnership {
        MachineOwnership.of(machine, expected: facts.workloadAnnotations, annotatedByUs: facts.ledger == .recorded)
    }

    private static func needsAnnotations(_ facts: MachineReconcileFacts, _ machine: ObservedMaasMachine) -> Bool {
        !facts.workloadAnnotationsApplied
            && !WorkloadAnnotations.applied(facts.workloadAnnotations, observed: machine.workloadAnnotations)
    }
}
