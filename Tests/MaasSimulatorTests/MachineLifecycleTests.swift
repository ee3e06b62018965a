import Testing
@testable import MaasSimulator

@Suite struct MachineLifecycleTests {
    static let request = MachineLifecycle.DeployRequest(
        osystem: "ubuntu", distroSeries: "jammy", hweKernel: "ga-22.04", userData: "aGk=", ephemeralDeploy: false,
        agentName: nil)

    static func machine(_ status: NodeStatus, owner: String? = "alice", power: String = "virsh") -> MachineLifecycle {
        var m = MachineLifecycle(systemID: "abc123", status: status, powerType: power, powerState: "off")
        m.owner = owner
        return m
    }

    @Test func allocateReadyMachine() throws {
        var m = Self.machine(.ready, owner: nil)
        try m.allocate(owner: "alice", agentName: "cluster-1", comment: "c")
        #expect(m.status == .allocated)
        #expect(m.owner == "alice")
        #expect(m.agentName == "cluster-1")
    }

    @Test(arguments: NodeStatus.allCases.filter { $0 != .ready })
    func allocateRefusedOutsideReady(_ status: NodeStatus) {
        var m = Self.machine(status)
        #expect(throws: SimulatorAPIError.text(409, "No machine with system ID abc123 available.")) {
            try m.allocate(owner: "bob", agentName: "", comment: nil)
        }
    }

    @Test(arguments: NodeStatus.allCases)
    func deployTransitionTable(_ status: NodeStatus) throws {
        var m = Self.machine(status, owner: status == .ready ? nil : "alice")
        let allowed: Set<NodeStatus> = [.ready, .allocated, .failedDeployment]
        if allowed.contains(status) {
            let actions = try m.deploy(by: "alice", Self.request, now: .seconds(1), timings: .realistic)
            #expect(actions == [.assignAddresses])
            #expect(m.status == .deploying)
            #expect(m.statusMessage == "Deploying")
            #expect(m.powerState == "on")
            #expect(m.pending == .init(target: .deployed, due: .seconds(21)))
            #expect(m.distroSeries == "jammy" && m.osystem == "ubuntu" && m.userData == "aGk=")
        } else {
            #expect(throws: SimulatorAPIError.text(409, "Can't deploy a machine that is in the '\(status.displayName)' state")) {
                _ = try m.deploy(by: "alice", Self.request, now: .zero, timings: .instant)
            }
        }
    }

    @Test func deployingMessageMatchesMAAS() {
        #expect(MaasText.cannotDeploy(.deploying) == "Can't deploy a machine that is in the 'Deploying' state")
    }

    @Test(arguments: [(DeploymentOutcome.succeed, NodeStatus.deployed), (.fail, .failedDeployment), (.stick, .deploying)])
    func deploymentOutcomes(_ outcome: DeploymentOutcome, _ expected: NodeStatus) throws {
        var m = Self.machine(.allocated)
        m.deploymentOutcome = outcome
        _ = try m.deploy(by: "alice", Self.request, now: .zero, timings: .realistic)
        _ = m.advance(now: .seconds(19))
        #expect(m.status == .deploying)
        _ = m.advance(now: .seconds(20))
        #expect(m.status == expected)
    }

    @Test(arguments: NodeStatus.allCases)
    func releaseTransitionTable(_ status: NodeStatus) throws {
        var m = Self.machine(status)
        m.agentName = "agent"
        m.workloadAnnotations = ["k": "v"]
        if status == .ready || status == .releasing {
            #expect(try m.release(erase: false, now: .zero, timings: .instant).isEmpty)
            #expect(m.status == status)
        } else if NodeStatus.releasable.contains(status) {
            _ = try m.release(erase: false, now: .zero, timings: .instant)
            #expect(m.status == .releasing)
            #expect(m.agentName.isEmpty && m.workloadAnnotations.isEmpty)
            #expect(m.advance(now: .zero) == [.releaseAddresses])
            #expect(m.status == .ready && m.owner == nil && m.osystem.isEmpty && m.statusMessage == "Released")
        } else {
            #expect(throws: SimulatorAPIError.text(409, "Machine cannot be released in its current state ('\(status.displayName)').")) {
                _ = try m.release(erase: false, now: .zero, timings: .instant)
            }
        }
    }

    @Test func releaseWithEraseGoesThroughDiskErasing() throws {
        var m = Self.machine(.deployed)
        _ = try m.release(erase: true, now: .zero, timings: .realistic)
        #expect(m.status == .diskErasing)
        #expect(m.advance(now: .seconds(9)).isEmpty)
        _ = m.advance(now: .seconds(10))
        #expect(m.status == .ready)
    }

    @Test func releaseOfNewMachineText() {
        var m = Self.machine(.new, owner: nil)
        #expect(throws: SimulatorAPIError.text(409, "Machine cannot be released in its current state ('New').")) {
            _ = try m.release(erase: false, now: .zero, timings: .instant)
        }
    }

    @Test(arguments: NodeStatus.allCases)
    func abortTransitionTable(_ status: NodeStatus) throws {
        var m = Self.machine(status)
        if NodeStatus.abortable.contains(status) {
            _ = try m.abort()
            #expect(m.status != status)
            #expect(m.pending == nil)
        } else {
            #expect(throws: SimulatorAPIError.text(409, "Cannot abort in current state: node abc123 is in state \(status.displayName).")) {
                _ = try m.abort()
            }
        }
    }

    @Test func abortDeploymentReturnsToAllocated() throws {
        var m = Self.machine(.allocated)
        _ = try m.deploy(by: "alice", Self.request, now: .zero, timings: .realistic)
        #expect(try m.abort() == [.releaseAddresses])
        #expect(m.status == .allocated)
        #expect(m.statusMessage == "Aborted deployment")
        #expect(m.advance(now: .seconds(100)).isEmpty)
        #expect(m.status == .allocated)
    }

    @Test func markBrokenByOwnerReleasesAndBreaks() throws {
        var m = Self.machine(.deploying)
        m.agentName = "a"
        #expect(try m.markBroken(by: "alice", comment: "disk") == [.releaseAddresses])
        #expect(m.status == .broken && m.owner == nil && m.agentName.isEmpty && m.errorDescription == "disk")
    }

    @Test func markBrokenByOtherUserIsForbidden() {
        var m = Self.machine(.allocated)
        #expect(throws: SimulatorAPIError(status: 403, body: .empty)) { _ = try m.markBroken(by: "bob", comment: nil) }
    }

    @Test func markFixed() throws {
        var broken = Self.machine(.broken, owner: nil)
        try broken.markFixed()
        #expect(broken.status == .ready)
        var ready = Self.machine(.ready, owner: nil)
        #expect(throws: SimulatorAPIError.self) { try ready.markFixed() }
    }

    @Test func workloadAnnotations() throws {
        var m = Self.machine(.allocated)
        try m.setWorkloadAnnotations(by: "alice", [("a", "1"), ("b", "2")])
        try m.setWorkloadAnnotations(by: "alice", [("a", ""), ("c", "3")])
        #expect(m.workloadAnnotations == ["b": "2", "c": "3"])
        var unowned = Self.machine(.ready, owner: nil)
        #expect(throws: SimulatorAPIError.text(409, "Cannot set workload annotation: it hasn't been acquired.")) {
            try unowned.setWorkloadAnnotations(by: "alice", [("a", "1")])
        }
        #expect(throws: SimulatorAPIError.text(409, "Cannot set workload annotation: it hasn't been acquired.")) {
            try m.setWorkloadAnnotations(by: "bob", [("a", "1")])
        }
    }

    @Test func power() throws {
        var unowned = Self.machine(.ready, owner: nil)
        #expect(throws: SimulatorAPIError.text(409, "Can't start node: it hasn't been allocated.")) { try unowned.powerOn(by: "alice") }
        var m = Self.machine(.deployed)
        let sent = m.powerOff()
        #expect(sent)
        #expect(m.powerState == "off")
        try m.powerOn(by: "alice")
        #expect(m.powerState == "on")
        var manual = Self.machine(.deployed, power: "manual")
        let manualSent = manual.powerOff()
        #expect(manualSent == false)
        #expect(manual.powerState == "off")
    }

    @Test func statusNamesAndFilters() {
        #expect(NodeStatus.failedDeployment.displayName == "Failed deployment")
        #expect(NodeStatus.failedReleasing.displayName == "Releasing failed")
        #expect(NodeStatus(filterName: "failed_deployment") == .failedDeployment)
        #expect(NodeStatus(filterName: "bogus") == nil)
        #expect(NodeStatus.allCases.count == 23)
    }
}
