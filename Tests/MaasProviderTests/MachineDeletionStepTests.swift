import KubeCore
import ClusterAPI
import MaasProvider
import Testing

@Suite struct MachineDeletionStepTests {
    static func facts(
        cp: Bool = false, dns: Bool = false, age: Duration = .seconds(1), pid: ProviderID? = nil, agent: String? = "uid-1",
        machine: MaasLookup = .notLookedUp, accepted: Bool = false
    ) -> MachineDeletionFacts {
        MachineDeletionFacts(isControlPlane: cp, dnsAttached: dns, deletionAge: age, providerID: pid, agentName: agent, machine: machine, releaseAccepted: accepted)
    }

    @Test func controlPlaneWaitsForDNSDetachWithinBound() throws {
        #expect(MachineDeletionStep.next(Self.facts(cp: true, dns: true)) == .waitForDNSDetach(requeueAfter: MaasRequeue.dnsAttachPending))
        #expect(MachineDeletionStep.next(Self.facts(cp: true, dns: true, age: .seconds(301))) == .findByAgentName(agentName: "uid-1"))
        #expect(MachineDeletionStep.next(Self.facts(cp: false, dns: true)) == .findByAgentName(agentName: "uid-1"))
    }

    @Test func looksUpThenReleasesThenRemovesFinalizer() throws {
        let pid = try ProviderID(zone: "z", systemID: "abc123")
        #expect(MachineDeletionStep.next(Self.facts(pid: pid)) == .fetchMachine(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, machine: .found(Fixtures.observed(.deployed)))) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, machine: .found(Fixtures.observed(.failedDeployment)))) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, machine: .found(Fixtures.observed(.deployed)), accepted: true)).isTerminal)
    }

    @Test(arguments: [MaasMachineState.releasing, .diskErasing, .ready, .new, .failedReleasing])
    func releasedStatesRemoveFinalizer(state: MaasMachineState) {
        guard case .removeFinalizer = MachineDeletionStep.next(Self.facts(machine: .found(Fixtures.observed(state)))) else {
            Issue.record("\(state) should count as released")
            return
        }
    }

    @Test func goneOrNeverAllocated() {
        guard case .removeFinalizer = MachineDeletionStep.next(Self.facts(machine: .notFound)) else { Issue.record("gone"); return }
        guard case .removeFinalizer = MachineDeletionStep.next(Self.facts(agent: nil)) else { Issue.record("no uid"); return }
    }
}
