import KubeCore
import ClusterAPI
import MaasProvider
import Testing

@Suite struct MachineReconcileStepTests {
    static let annotations = WorkloadAnnotations.make(clusterName: "c1", namespace: "ns", maasMachineName: "mm-0")

    static func facts(
        infra: Bool = true, bootstrap: String? = "bootstrap", providerID: ProviderID? = nil, machine: MaasLookup = .notLookedUp,
        annotationsApplied: Bool = false, disableSwap: Bool = false, swapDisabled: Bool = false, provisioned: Bool = false,
        failedAttempts: Int = 0, backoff: Duration? = nil, confirmed: Bool? = nil, ledger: AllocationLedger = .unsettled,
        marked: Bool = false
    ) throws -> MachineReconcileFacts {
        MachineReconcileFacts(
            clusterInfrastructureProvisioned: infra, bootstrapDataSecretName: bootstrap, providerID: providerID, machine: machine,
            ownershipConfirmed: confirmed,
            allocation: try AllocationRequest.make(for: Fixtures.maasMachine(), machine: nil, clusterName: "c1"),
            ledger: ledger, ledgerMarkedThisPass: marked,
            workloadAnnotations: annotations, workloadAnnotationsApplied: annotationsApplied, disableSwap: disableSwap,
            swapDisabled: swapDisabled, image: MaasImage(splitting: "ubuntu/jammy"), deployInMemory: true,
            previouslyProvisioned: provisioned, failedAttempts: failedAttempts, retryBackoffRemaining: backoff)
    }

    static func pid() throws -> ProviderID { try ProviderID(zone: "zone1", systemID: "abc123") }

    @Test func waitsForInfrastructureThenBootstrapData() throws {
        #expect(MachineReconcileStep.next(try Self.facts(infra: false, bootstrap: nil)) == .waitForClusterInfrastructure)
        #expect(MachineReconcileStep.next(try Self.facts(bootstrap: nil)) == .waitForBootstrapData)
        // A provisioned machine does not need bootstrap data again.
        #expect(MachineReconcileStep.next(try Self.facts(bootstrap: nil, providerID: Self.pid(), provisioned: true)) == .fetchMachine(systemID: "abc123"))
    }

    @Test func withoutProviderIDAdoptsBeforeAllocating() throws {
        #expect(MachineReconcileStep.next(try Self.facts()) == .findByAgentName(agentName: "uid-1"))
        guard case .allocate(let request) = MachineReconcileStep.next(try Self.facts(machine: .notFound)) else {
            Issue.record("expected allocate")
            return
        }
        #expect(request.agentName == "uid-1")
        #expect(MachineReconcileStep.next(try Self.facts(machine: .notFound, failedAttempts: 2, backoff: .seconds(40)))
            == .waitForRetryBackoff(requeueAfter: .seconds(40)))
    }

    @Test func annotatesThenPersistsProviderID() throws {
        let found = MaasLookup.found(Fixtures.observed(.allocated))
        #expect(MachineReconcileStep.next(try Self.facts(machine: found))
            == .setWorkloadAnnotations(systemID: "abc123", annotations: Self.annotations))
        #expect(MachineReconcileStep.next(try Self.facts(machine: found, annotationsApplied: true)) == .persistProviderID(try Self.pid(), settlesLedger: false))
        let alreadyAnnotated = MaasLookup.found(Fixtures.observed(.deployed, annotations: Self.annotations))
        #expect(MachineReconcileStep.next(try Self.facts(machine: alreadyAnnotated)) == .persistProviderID(try Self.pid(), settlesLedger: false))
        let noZone = MaasLookup.found(Fixtures.observed(.allocated, zone: nil, annotations: Self.annotations))
        #expect(MachineReconcileStep.next(try Self.facts(machine: noZone)) == .persistProviderID(try ProviderID(zone: "", systemID: "abc123"), settlesLedger: false))
    }

    @Test func deploysAfterOptionalSwapDisable() throws {
        let allocated = MaasLookup.found(Fixtures.observed(.allocated, annotations: Self.annotations, swap: 2048))
        #expect(MachineReconcileStep.next(try Self.facts(providerID: Self.pid(), machine: allocated))
            == .deploy(systemID: "abc123", image: MaasImage(osystem: "ubuntu", distroSeries: "jammy"), inMemory: true))
        #expect(MachineReconcileStep.next(try Self.facts(providerID: Self.pid(), machine: allocated, disableSwap: true))
            == .disableSwap(systemID: "abc123"))
        #expect(MachineReconcileStep.next(try Self.facts(providerID: Self.pid(), machine: allocated, disableSwap: true, swapDisabled: true))
            == .deploy(systemID: "abc123", image: MaasImage(osystem: "ubuntu", distroSeries: "jammy"), inMemory: true))
    }

    @Test func followsMaasStates() throws {
        let pid = try Self.pid()
        func step(_ state: MaasMachineState, power: String = "on", provisioned: Bool = false, attempts: Int = 0) throws -> MachineReconcileStep {
            MachineReconcileStep.next(try Self.facts(
                providerID: pid, machine: .found(Fixtures.observed(state, power: power, annotations: Self.annotations)),
                provisioned: provisioned, failedAttempts: attempts))
        }
        if case .waitForDeployment = try step(.deploying) {} else { Issue.record("deploying should wait") }
        if case .ready(let m) = try step(.deployed) { #expect(m.systemID == "abc123") } else { Issue.record("deployed should be ready") }
        #expect(try step(.deployed, power: "off") == .powerOn(systemID: "abc123", requeueAfter: MaasRequeue.powerOn))
        if case .replace(_, _, let delay) = try step(.failedDeployment, attempts: 2) {
            #expect(delay == .seconds(120))
        } else { Issue.record("failed deployment should be replaced") }
        if case .forgetMachine = try step(.ready) {} else { Issue.record("lost allocation should be forgotten") }
        if case .unexpectedTermination = try step(.ready, provisioned: true) {} else { Issue.record("released machine is terminated") }
        if case .undefinedState = try step(.rescueMode) {} else { Issue.record("rescue mode is undefined") }
    }

    @Test func vanishedMachine() throws {
        if case .forgetMachine = MachineReconcileStep.next(try Self.facts(providerID: Self.pid(), machine: .notFound)) {} else {
            Issue.record("a machine gone before provisioning is forgotten")
        }
        if case .unexpectedTermination = MachineReconcileStep.next(try Self.facts(providerID: Self.pid(), machine: .notFound, provisioned: true)) {} else {
            Issue.record("a provisioned machine that vanished is terminated")
        }
    }

    /// Drives the steps against a scripted MAAS from `start` until Ready; returns the steps taken, by short name.
    static func traceToReady(from start: MachineReconcileFacts) throws -> [String] {
        var facts = start
        var maas: ObservedMaasMachine?
        var trace: [String] = []
        for _ in 0..<20 {
            let step = MachineReconcileStep.next(facts)
            switch step {
            case .findByAgentName:
                trace.append("find")
                facts.machine = maas.map(MaasLookup.found) ?? .notFound
            case .markAllocationUnsettled:
                trace.append("mark")
                facts.ledger = .unsettled
                facts.ledgerMarkedThisPass = true
            case .allocate:
                trace.append("allocate")
                maas = Fixtures.observed(.allocated, swap: 4096)
                facts.machine = .found(try #require(maas))
                facts.ownershipConfirmed = true
            case .setWorkloadAnnotations(_, let annotations):
                trace.append("annotate")
                maas?.workloadAnnotations = annotations
                facts.workloadAnnotationsApplied = true
            case .persistProviderID(let id, let settles):
                trace.append(settles ? "persist+settle" : "persist")
                facts.providerID = id
                if settles { facts.ledger = .recorded }
            case .fetchMachine:
                trace.append("fetch")
                facts.machine = .found(try #require(maas))
            case .disableSwap:
                trace.append("swap")
                facts.swapDisabled = true
            case .deploy:
                trace.append("deploy")
                maas?.statusCode = MaasMachineState.deployed.rawValue
                maas?.statusName = "Deployed"
            case .ready:
                trace.append("ready")
                return trace
            default:
                Issue.record("unexpected step \(step)")
                return trace
            }
            // A terminal step ends the pass: the next one reads MAAS again.
            if step.isTerminal { facts.machine = .notLookedUp }
        }
        return trace
    }

    /// An object whose earlier allocate is unaccounted for searches by agent name first.
    @Test func fullSequenceToReady() throws {
        #expect(try Self.traceToReady(from: Self.facts(disableSwap: true))
            == ["find", "allocate", "annotate", "persist", "swap", "deploy", "fetch", "ready"])
    }

    /// A recorded machine that was released and allocated again (a crash after a release, or a release by hand) is
    /// never annotated, deployed or reported Ready by this MaasMachine.
    @Test func recordedMachineOfAnotherOwnerIsNeverUsed() throws {
        let pid = try Self.pid()
        let theirs = WorkloadAnnotations.make(clusterName: "c1", namespace: "ns", maasMachineName: "mm-9")
        func step(_ machine: ObservedMaasMachine, confirmed: Bool? = nil, provisioned: Bool = false) throws -> MachineReconcileStep {
            MachineReconcileStep.next(try Self.facts(providerID: pid, machine: .found(machine), provisioned: provisioned, confirmed: confirmed))
        }
        for state in [MaasMachineState.allocated, .deploying, .deployed] {
            guard case .forgetMachine(let message) = try step(Fixtures.observed(state, annotations: theirs)) else {
                Issue.record("\(state) of another owner must be forgotten")
                continue
            }
            #expect(message == "MAAS machine abc123 now belongs to ns/mm-9; allocating another")
            guard case .unexpectedTermination = try step(Fixtures.observed(state, annotations: theirs), provisioned: true) else {
                Issue.record("a provisioned machine whose MAAS machine went to another owner is terminated")
                continue
            }
        }
        // Allocated without annotations: someone's fresh allocation, or ours before annotating: ask MAAS.
        let bare = Fixtures.observed(.allocated)
        #expect(try step(bare) == .confirmOwnership(systemID: "abc123", agentName: "uid-1"))
        #expect(try step(bare, confirmed: true) == .setWorkloadAnnotations(systemID: "abc123", annotations: Self.annotations))
        guard case .forgetMachine = try step(bare, confirmed: false) else { Issue.record("unconfirmed must be forgotten"); return }
        // Deployed without annotations (older provider): trusted, no extra call.
        if case .ready = try step(Fixtures.observed(.deployed)) {} else { Issue.record("unannotated Deployed is ours") }
    }

    @Test func ownershipFromAnnotations() {
        let mine = Self.annotations
        #expect(MachineOwnership.of(Fixtures.observed(.deployed, annotations: mine), expected: mine) == .ours)
        #expect(MachineOwnership.of(Fixtures.observed(.allocated, annotations: mine), expected: mine) == .ours)
        #expect(MachineOwnership.of(Fixtures.observed(.allocated), expected: mine) == .unconfirmed)
        #expect(MachineOwnership.of(Fixtures.observed(.allocated, annotations: [:]), expected: mine) == .unconfirmed)
        #expect(MachineOwnership.of(Fixtures.observed(.deploying), expected: mine) == .ours)
        var other = mine
        other[WorkloadAnnotations.namespaceKey] = "other-ns"
        #expect(MachineOwnership.of(Fixtures.observed(.deployed, annotations: other), expected: mine) == .foreign(owner: "other-ns/mm-0"))
        other = mine
        other[WorkloadAnnotations.clusterKey] = "c2"
        #expect(MachineOwnership.of(Fixtures.observed(.deployed, annotations: other), expected: mine) == .foreign(owner: "ns/mm-0"))
        // An orphaned MaasMachine may not know its cluster: empty expected values are not compared.
        var orphan = mine
        orphan[WorkloadAnnotations.clusterKey] = ""
        #expect(MachineOwnership.of(Fixtures.observed(.deployed, annotations: mine), expected: orphan) == .ours)
    }
}

