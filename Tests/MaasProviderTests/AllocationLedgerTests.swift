import ClusterAPI
import KubeCore
import MaasProvider
import Testing

/// The allocation ledger decides when the agent-name search is needed: only after an allocate (or release) whose
/// outcome is not recorded. Every other path costs no MAAS lookup.
@Suite struct AllocationLedgerTests {
    static let finalizer = MaasFinalizers.machine

    @Test(arguments: [
        // (annotation, finalizer, providerID) → ledger
        (nil, false, nil, AllocationLedger.unallocated),
        (nil, true, nil, .unsettled),  // finalizer written by an older provider: anything may have been sent
        (nil, false, "maas:///z/abc", .unsettled),
        ("recorded", true, "maas:///z/abc", .recorded),
        ("unallocated", true, nil, .unallocated),
        ("unsettled", true, nil, .unsettled),
        ("bogus", true, nil, .unsettled),
    ] as [(String?, Bool, String?, AllocationLedger)])
    func readFromTheObject(annotation: String?, finalizer: Bool, providerID: String?, expected: AllocationLedger) {
        let metadata = ObjectMeta(
            name: "mm-0", annotations: annotation.map { [AllocationLedger.annotationKey: $0] },
            finalizers: finalizer ? [Self.finalizer] : nil)
        #expect(AllocationLedger.of(metadata, finalizer: Self.finalizer, providerID: providerID) == expected)
    }

    @Test(arguments: [
        // (ledger, marked this pass, lookup) → step
        (AllocationLedger.unallocated, false, MaasLookup.notLookedUp, MachineReconcileStep.markAllocationUnsettled),
        (.recorded, false, .notLookedUp, .markAllocationUnsettled),
        (.recorded, false, .notFound, .markAllocationUnsettled),
        (.unsettled, false, .notLookedUp, .findByAgentName(agentName: "uid-1")),
    ] as [(AllocationLedger, Bool, MaasLookup, MachineReconcileStep)])
    func searchOnlyWhenUnsettled(ledger: AllocationLedger, marked: Bool, lookup: MaasLookup, expected: MachineReconcileStep) throws {
        #expect(MachineReconcileStep.next(try MachineReconcileStepTests.facts(machine: lookup, ledger: ledger, marked: marked)) == expected)
    }

    @Test func allocatesRightAfterItsOwnMarkOrAfterTheSearch() throws {
        for facts in [
            try MachineReconcileStepTests.facts(ledger: .unsettled, marked: true),
            try MachineReconcileStepTests.facts(machine: .notFound, ledger: .unsettled),
        ] {
            guard case .allocate = MachineReconcileStep.next(facts) else {
                Issue.record("expected allocate for \(facts.ledger), marked \(facts.ledgerMarkedThisPass)")
                continue
            }
        }
        // A pending capacity backoff comes before the mark (no write while waiting).
        #expect(MachineReconcileStep.next(try MachineReconcileStepTests.facts(failedAttempts: 1, backoff: .seconds(30), ledger: .recorded))
            == .waitForRetryBackoff(requeueAfter: .seconds(30)))
    }

    /// Only the pass that marked the ledger and allocated settles it; an adoption after a search leaves it unsettled
    /// (a late allocate of the crashed pass may still land).
    @Test func recordingTheProviderIDSettlesOnlyOwnAllocations() throws {
        let allocated = MaasLookup.found(Fixtures.observed(.allocated, annotations: MachineReconcileStepTests.annotations))
        let pid = try MachineReconcileStepTests.pid()
        #expect(MachineReconcileStep.next(try MachineReconcileStepTests.facts(machine: allocated, ledger: .unsettled, marked: true))
            == .persistProviderID(pid, settlesLedger: true))
        #expect(MachineReconcileStep.next(try MachineReconcileStepTests.facts(machine: allocated, ledger: .unsettled))
            == .persistProviderID(pid, settlesLedger: false))
    }

    /// With a recorded ledger the provider annotated the machine itself, so a machine without annotations was released
    /// and taken by someone else since, whatever its state: confirmed before use, never reported Ready unasked.
    @Test func recordedMachineWithoutAnnotationsIsConfirmed() throws {
        let pid = try MachineReconcileStepTests.pid()
        for state in [MaasMachineState.allocated, .deploying, .deployed] {
            let facts = try MachineReconcileStepTests.facts(providerID: pid, machine: .found(Fixtures.observed(state)), ledger: .recorded)
            #expect(MachineReconcileStep.next(facts) == .confirmOwnership(systemID: "abc123", agentName: "uid-1"))
        }
        // Released (MAAS cleared the annotations): the state says so, no extra call.
        let released = try MachineReconcileStepTests.facts(providerID: pid, machine: .found(Fixtures.observed(.ready)), ledger: .recorded)
        guard case .forgetMachine = MachineReconcileStep.next(released) else {
            Issue.record("a released machine is forgotten without asking MAAS")
            return
        }
    }

    /// The whole lifecycle of a new object against a scripted MAAS: mark, allocate, annotate, record (settled),
    /// swap, deploy, Ready — and no agent-name search.
    @Test func newObjectNeedsNoSearch() throws {
        #expect(try MachineReconcileStepTests.traceToReady(from: MachineReconcileStepTests.facts(disableSwap: true, ledger: .unallocated))
            == ["mark", "allocate", "annotate", "persist+settle", "swap", "deploy", "fetch", "ready"])
    }
}
