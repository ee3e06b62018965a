/// The mutable, owner-related state of one machine and MAAS's rules for changing it.
///
/// A pure value type: every operation validates the transition, mutates, and returns the side effects the
/// store must perform (`LifecycleAction`). `now` is simulated time since the simulator started.
public struct MachineLifecycle: Sendable, Equatable {
    public var systemID: String
    public var status: NodeStatus
    public var owner: String?
    public var agentName: String = ""
    public var statusMessage: String?
    public var osystem: String = ""
    public var distroSeries: String = ""
    public var hweKernel: String?
    public var userData: String?
    public var ephemeralDeploy: Bool = false
    public var errorDescription: String = ""
    public var workloadAnnotations: [String: String] = [:]
    /// `manual` power never changes state through the API.
    public var powerType: String
    public var powerState: String
    /// What the running deployment will end in.
    public var deploymentOutcome: DeploymentOutcome = .succeed
    /// A timed transition in progress: the status it ends in and when.
    public var pending: PendingTransition?

    /// A timed transition that completes at `due`.
    public struct PendingTransition: Sendable, Equatable {
        public var target: NodeStatus
        public var due: Duration
    }

    public init(systemID: String, status: NodeStatus = .ready, powerType: String = "manual", powerState: String = "unknown") {
        self.systemID = systemID
        self.status = status
        self.powerType = powerType
        self.powerState = powerState
        self.statusMessage = status == .ready ? "Released" : nil
    }

    /// Side effects for the store.
    public enum Action: Sendable, Equatable {
        case assignAddresses
        case releaseAddresses
    }

    var hasManualPower: Bool { powerType == "manual" }

    // MARK: Operations

    /// READY → ALLOCATED.
    public mutating func allocate(owner: String, agentName: String, comment: String?) throws(SimulatorAPIError) {
        guard status == .ready else {
            throw .text(409, "No machine with system ID \(systemID) available.")
        }
        status = .allocated
        self.owner = owner
        self.agentName = agentName
    }

    /// Parameters of `op=deploy` that the lifecycle stores.
    public struct DeployRequest: Sendable, Equatable {
        public var osystem: String
        public var distroSeries: String
        public var hweKernel: String?
        public var userData: String?
        public var ephemeralDeploy: Bool
        public var agentName: String?
    }

    /// (READY, unowned →) ALLOCATED / FAILED_DEPLOYMENT → DEPLOYING; powers on.
    public mutating func deploy(
        by user: String, _ request: DeployRequest, now: Duration, timings: SimulatorTimings
    ) throws(SimulatorAPIError) -> [Action] {
        if status == .ready {
            if let owner, owner != user { throw .text(409, MaasText.allocateOtherUser) }
            try allocate(owner: user, agentName: request.agentName ?? "", comment: nil)
        }
        guard status == .allocated || status == .failedDeployment else {
            throw .text(409, MaasText.cannotDeploy(status))
        }
        if let agent = request.agentName { agentName = agent }
        status = .deploying
        statusMessage = "Deploying"
        osystem = request.osystem
        distroSeries = request.distroSeries
        hweKernel = request.hweKernel
        userData = request.userData
        ephemeralDeploy = request.ephemeralDeploy
        if !hasManualPower { powerState = "on" }
        switch deploymentOutcome {
        case .succeed: pending = .init(target: .deployed, due: now + timings.deploy)
        case .fail: pending = .init(target: .failedDeployment, due: now + timings.deploy)
        case .stick: pending = nil
        }
        return [.assignAddresses]
    }

    /// Releasable → RELEASING or DISK_ERASING (READY / RELEASING: no-op).
    public mutating func release(erase: Bool, now: Duration, timings: SimulatorTimings) throws(SimulatorAPIError) -> [Action] {
        if status == .ready || status == .releasing { return [] }
        guard NodeStatus.releasable.contains(status) else { throw .text(409, MaasText.cannotRelease(status)) }
        agentName = ""
        workloadAnnotations = [:]
        userData = nil
        if erase {
            status = .diskErasing
            statusMessage = "Disk erasing"
            if !hasManualPower { powerState = "on" }
            pending = .init(target: .ready, due: now + timings.diskErase)
        } else {
            status = .releasing
            statusMessage = "Releasing"
            pending = .init(target: .ready, due: now + timings.release)
        }
        return []
    }

    /// DEPLOYING → ALLOCATED, DISK_ERASING → FAILED_DISK_ERASING, COMMISSIONING/TESTING → previous.
    public mutating func abort() throws(SimulatorAPIError) -> [Action] {
        guard NodeStatus.abortable.contains(status) else {
            throw .text(409, MaasText.cannotAbort(systemID: systemID, status))
        }
        pending = nil
        if !hasManualPower { powerState = "off" }
        switch status {
        case .deploying:
            status = .allocated
            statusMessage = "Aborted deployment"
            return [.releaseAddresses]
        case .diskErasing:
            status = .failedDiskErasing
            statusMessage = "Aborted disk erasing"
        default:
            status = .ready
            statusMessage = "Aborted"
        }
        return []
    }

    /// Owner only: releases an allocated machine, then BROKEN.
    public mutating func markBroken(by user: String, comment: String?) throws(SimulatorAPIError) -> [Action] {
        guard owner == nil || owner == user else { throw .init(status: 403, body: .empty) }
        if status == .broken { return [] }
        pending = nil
        owner = nil
        agentName = ""
        workloadAnnotations = [:]
        osystem = ""
        distroSeries = ""
        hweKernel = nil
        if !hasManualPower { powerState = "off" }
        status = .broken
        statusMessage = "Marking node broken" + (comment.map { " - \($0)" } ?? "")
        errorDescription = comment ?? ""
        return [.releaseAddresses]
    }

    /// Admin: BROKEN → READY.
    public mutating func markFixed() throws(SimulatorAPIError) {
        guard status == .broken else {
            throw .text(409, "Can't mark a non-broken machine as fixed.")
        }
        status = .ready
        statusMessage = "Marking node fixed"
        errorDescription = ""
    }

    /// Owner only. On an ALLOCATED machine MAAS's power_on starts a deployment; the simulator just powers on.
    public mutating func powerOn(by user: String) throws(SimulatorAPIError) {
        guard owner != nil else { throw .text(409, MaasText.startNotAllocated) }
        guard owner == user else { throw .init(status: 403, body: .empty) }
        if !hasManualPower { powerState = "on" }
    }

    /// Returns false when no power action was sent (manual power → MAAS answers JSON `null`).
    public mutating func powerOff() -> Bool {
        if hasManualPower { return false }
        powerState = "off"
        return true
    }

    /// Owner only; an empty value deletes the key.
    public mutating func setWorkloadAnnotations(by user: String, _ values: [(String, String)]) throws(SimulatorAPIError) {
        guard let owner, owner == user else { throw .text(409, MaasText.annotationsNotAcquired) }
        for (key, value) in values {
            if value.isEmpty { workloadAnnotations[key] = nil } else { workloadAnnotations[key] = value }
        }
    }

    /// Completes a due timed transition.
    public mutating func advance(now: Duration) -> [Action] {
        guard let pending, pending.due <= now else { return [] }
        self.pending = nil
        switch (status, pending.target) {
        case (.deploying, .deployed):
            status = .deployed
            statusMessage = "Deployed"
            return []
        case (.deploying, .failedDeployment):
            status = .failedDeployment
            statusMessage = "Failed deployment"
            return []
        case (.releasing, .ready), (.diskErasing, .ready):
            status = .ready
            statusMessage = "Released"
            owner = nil
            osystem = ""
            distroSeries = ""
            hweKernel = nil
            ephemeralDeploy = false
            if !hasManualPower { powerState = "off" }
            return [.releaseAddresses]
        default:
            return []
        }
    }
}
