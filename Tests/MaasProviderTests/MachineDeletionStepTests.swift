import KubeCore
import ClusterAPI
import MaasProvider
import Testing

@Suite struct MachineDeletionStepTests {
    static let mine = WorkloadAnnotations.make(clusterName: "c1", namespace: "ns", maasMachineName: "mm-0")
    static let theirs = WorkloadAnnotations.make(clusterName: "c1", namespace: "ns", maasMachineName: "mm-9")

    static func facts(
        cp: Bool = false, dns: Bool = false, age: Duration = .seconds(1), pid: ProviderID? = nil, agent: String? = "uid-1",
        listed: [ObservedMaasMachine]? = nil, machine: MaasLookup = .notLookedUp, released: Set<String> = [],
        ledger: AllocationLedger = .unsettled
    ) -> MachineDeletionFacts {
        MachineDeletionFacts(
            isControlPlane: cp, dnsAttached: dns, deletionAge: age, providerID: pid, agentName: agent, ledger: ledger,
            workloadAnnotations: mine, agentMachines: listed, machine: machine, released: released)
    }

    static func pid() throws -> ProviderID { try ProviderID(zone: "z", systemID: "abc123") }

    @Test func controlPlaneWaitsForDNSDetachWithinBound() throws {
        #expect(MachineDeletionStep.next(Self.facts(cp: true, dns: true)) == .waitForDNSDetach(requeueAfter: MaasRequeue.dnsAttachPending))
        #expect(MachineDeletionStep.next(Self.facts(cp: true, dns: true, age: .seconds(301))) == .findByAgentName(agentName: "uid-1"))
        #expect(MachineDeletionStep.next(Self.facts(cp: false, dns: true)) == .findByAgentName(agentName: "uid-1"))
    }

    /// The common case costs what it did before (one read, one release): the agent search lists the providerID machine.
    @Test func searchesByAgentNameThenReleasesThenRemovesFinalizer() throws {
        let pid = try Self.pid()
        #expect(MachineDeletionStep.next(Self.facts(pid: pid)) == .findByAgentName(agentName: "uid-1"))
        let deployed = Fixtures.observed(.deployed, annotations: Self.mine)
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, listed: [deployed])) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, listed: [Fixtures.observed(.failedDeployment)])) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, listed: [deployed], released: ["abc123"]))
            == .removeFinalizer(message: "MAAS accepted the release of abc123"))
    }

    /// A crash between allocate and the providerID write, or an allocate whose reply was lost, leaves extra machines
    /// under our agent name: all are released.
    @Test func releasesEveryMachineCarryingTheAgentName() throws {
        let listed = [Fixtures.observed(.deployed, id: "abc123"), Fixtures.observed(.allocated, id: "xyz789")]
        #expect(MachineDeletionStep.next(Self.facts(pid: try Self.pid(), listed: listed, released: ["abc123"])) == .release(systemID: "xyz789"))
        #expect(MachineDeletionStep.next(Self.facts(listed: listed)) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(listed: listed, released: ["abc123", "xyz789"])).isTerminal)
    }

    /// Release accepted, then a crash before the finalizer was removed: MAAS cleared the agent name, so the providerID
    /// machine is fetched, and released only if nobody else holds it now.
    @Test func providerIDMachineNotListedIsReleasedOnlyWhenStillOurs() throws {
        let pid = try Self.pid()
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, listed: [])) == .fetchMachine(systemID: "abc123"))
        func step(_ machine: ObservedMaasMachine) -> MachineDeletionStep {
            MachineDeletionStep.next(Self.facts(pid: pid, listed: [], machine: .found(machine)))
        }
        // Allocated by someone else, annotated or not yet: never released.
        #expect(step(Fixtures.observed(.deployed, annotations: Self.theirs))
            == .removeFinalizer(message: "MAAS machine abc123 now belongs to ns/mm-9; not released"))
        #expect(step(Fixtures.observed(.allocated)) == .removeFinalizer(message: "MAAS machine abc123 was allocated again by someone else; not released"))
        // Released already.
        #expect(step(Fixtures.observed(.releasing)) == .removeFinalizer(message: "MAAS machine abc123 is Releasing"))
        // Ours without our agent name (deployed by an older provider, or the UID changed in a move): released.
        #expect(step(Fixtures.observed(.deployed)) == .release(systemID: "abc123"))
        #expect(step(Fixtures.observed(.allocated, annotations: Self.mine)) == .release(systemID: "abc123"))
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, listed: [], machine: .notFound))
            == .removeFinalizer(message: "The MAAS machine no longer exists"))
    }

    @Test(arguments: [MaasMachineState.releasing, .diskErasing, .ready, .new, .failedReleasing])
    func releasedStatesRemoveFinalizer(state: MaasMachineState) throws {
        let step = MachineDeletionStep.next(Self.facts(pid: try Self.pid(), listed: [], machine: .found(Fixtures.observed(state))))
        guard case .removeFinalizer = step else {
            Issue.record("\(state) should count as released")
            return
        }
    }

    @Test func nothingAllocated() {
        #expect(MachineDeletionStep.next(Self.facts(listed: []))
            == .removeFinalizer(message: "No MAAS machine is allocated to this MaasMachine"))
        guard case .removeFinalizer = MachineDeletionStep.next(Self.facts(agent: nil)) else { Issue.record("no uid"); return }
    }

    /// A settled ledger: only the providerID machine can be ours, so deletion is one read and one release.
    @Test func recordedLedgerNeedsNoSearch() throws {
        let pid = try Self.pid()
        #expect(MachineDeletionStep.next(Self.facts(pid: pid, ledger: .recorded)) == .fetchMachine(systemID: "abc123"))
        func step(_ machine: ObservedMaasMachine, listed: [ObservedMaasMachine]? = nil) -> MachineDeletionStep {
            MachineDeletionStep.next(Self.facts(pid: pid, listed: listed, machine: .found(machine), ledger: .recorded))
        }
        #expect(step(Fixtures.observed(.deployed, annotations: Self.mine)) == .release(systemID: "abc123"))
        #expect(step(Fixtures.observed(.deployed, annotations: Self.theirs))
            == .removeFinalizer(message: "MAAS machine abc123 now belongs to ns/mm-9; not released"))
        #expect(step(Fixtures.observed(.ready)) == .removeFinalizer(message: "MAAS machine abc123 is Ready"))
        // Our annotations are gone but the machine is held: only the agent-name search can tell whose it is.
        #expect(step(Fixtures.observed(.deployed)) == .findByAgentName(agentName: "uid-1"))
        #expect(step(Fixtures.observed(.deployed), listed: []) == .removeFinalizer(
            message: "MAAS machine abc123 was allocated again by someone else; not released"))
        #expect(step(Fixtures.observed(.deployed), listed: [Fixtures.observed(.deployed)]) == .release(systemID: "abc123"))
    }

    /// Broken machines are quarantined by MAAS or an operator: deletion never releases them.
    @Test func brokenMachinesAreNeverReleased() throws {
        let broken = Fixtures.observed(.broken)
        #expect(MachineDeletionStep.next(Self.facts(listed: [broken]))
            == .removeFinalizer(message: "No MAAS machine is allocated to this MaasMachine"))
        #expect(MachineDeletionStep.next(Self.facts(pid: try Self.pid(), listed: [], machine: .found(broken)))
            == .removeFinalizer(message: "MAAS machine abc123 is Broken: left for an operator, not released"))
    }

    /// Nothing was ever allocated: the finalizer goes without a MAAS call.
    @Test func unallocatedLedgerCallsNothing() {
        #expect(MachineDeletionStep.next(Self.facts(ledger: .unallocated))
            == .removeFinalizer(message: "No MAAS machine is allocated to this MaasMachine"))
    }
}
