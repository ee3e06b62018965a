import KubeCore
/// What a MaasMachine should do about the MAAS state of its machine (the improved §2.3 state table).
public enum MaasMachineOutcome: Hashable, Sendable {
    /// Allocated: deploy it.
    case deploy
    /// Deploying: wait (MAAS is installing the OS).
    case waitForDeployment(message: String)
    /// Deployed and not powered off: Ready.
    case ready
    /// Deployed but powered off: power it on, then check again.
    case powerOn
    /// Failed deployment or broken: release it and allocate another after a backoff.
    case replace(message: String)
    /// Ready (after it had been provisioned), Releasing, Disk erasing, New...: the machine left us.
    case unexpectedTermination(message: String)
    /// Ready before it was ever provisioned: the allocation was lost; forget it and allocate again.
    case allocationLost(message: String)
    /// A state the provider does not handle (rescue mode, testing, unknown names).
    case undefined(message: String)

    /// The outcome for `machine`. `previouslyProvisioned` is `status.initialization.provisioned`.
    public static func evaluate(_ machine: ObservedMaasMachine, previouslyProvisioned: Bool) -> MaasMachineOutcome {
        let detail = machine.statusMessage.map { ": \($0)" } ?? ""
        guard let state = machine.state else {
            return .undefined(message: "MAAS machine \(machine.systemID) is in unhandled state \"\(machine.statusName)\"")
        }
        switch state {
        case .allocated:
            return .deploy
        case .deploying:
            return .waitForDeployment(message: "MAAS is deploying machine \(machine.systemID)\(detail)")
        case .deployed:
            return machine.isPoweredOff ? .powerOn : .ready
        case .failedDeployment, .broken:
            return .replace(message: "MAAS machine \(machine.systemID) is \"\(state.statusName)\"\(detail); releasing it and allocating another")
        case .ready where !previouslyProvisioned:
            return .allocationLost(message: "MAAS machine \(machine.systemID) is Ready (no longer allocated to this cluster); allocating another")
        case .ready, .new, .releasing, .diskErasing, .failedReleasing, .failedDiskErasing, .retired, .missing:
            return .unexpectedTermination(message: "MAAS machine \(machine.systemID) state \"\(state.statusName)\" is unexpected: it was released or removed outside the cluster")
        case .commissioning, .failedCommissioning, .reserved, .rescueMode, .enteringRescueMode,
            .failedEnteringRescueMode, .exitingRescueMode, .failedExitingRescueMode, .testing, .failedTesting:
            return .undefined(message: "MAAS machine \(machine.systemID) is in unhandled state \"\(state.statusName)\"\(detail)")
        }
    }

    /// The `MachineDeployed` condition this outcome implies.
    public var deployedCondition: ConditionUpdate {
        switch self {
        case .deploy:
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machineDeployStarted, message: "Deploying the allocated MAAS machine")
        case .waitForDeployment(let message):
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machineDeploying, message: message)
        case .ready:
            ConditionUpdate(status: .true, reason: MaasConditionReasons.machineDeployed, message: "")
        case .powerOn:
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machinePoweringOn, message: "The deployed MAAS machine is powered off; powering it on")
        case .replace(let message):
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machineDeployFailed, message: message)
        case .unexpectedTermination(let message):
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machineTerminated, message: message)
        case .allocationLost(let message):
            ConditionUpdate(status: .false, reason: MaasConditionReasons.machineNotFound, message: message)
        case .undefined(let message):
            ConditionUpdate(status: .unknown, reason: MaasConditionReasons.machineStateUndefined, message: message)
        }
    }

    /// Whether `status.ready` is true.
    public var isReady: Bool { self == .ready }
}
