import Logging
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient

extension MaasMachinePass {
    /// Most steps one pass may take (each MAAS write ends the pass or feeds the next decision).
    static let maximumSteps = 16

    /// The normal path: ask ``MachineReconcileStep/next(_:)`` and execute until a terminal step.
    func reconcileNormal() async throws -> ReconcileResult {
        let allocation: AllocationRequest
        do {
            allocation = try AllocationRequest.make(for: working, machine: machine, clusterName: clusterName)
        } catch {
            working.setCondition(MaasConditions.machineDeployed, ConditionUpdate(
                status: .false, reason: MaasConditionReasons.invalidMachineSpec, message: error.description))
            return try await finish(.done)
        }
        let providerID: ProviderID?
        do {
            providerID = try working.parsedProviderID()
        } catch {
            working.setCondition(MaasConditions.machineDeployed, ConditionUpdate(
                status: .false, reason: MaasConditionReasons.invalidProviderID, message: "spec.providerID: \(error)"))
            return try await finish(.done)
        }
        let status = working.status
        var facts = MachineReconcileFacts(
            clusterInfrastructureProvisioned: cluster?.infrastructureProvisioned ?? false,
            bootstrapDataSecretName: machine?.bootstrapDataSecretName, providerID: providerID, allocation: allocation,
            ledger: working.allocationLedger,
            workloadAnnotations: WorkloadAnnotations.make(
                clusterName: clusterName, namespace: namespace, maasMachineName: working.metadata.name ?? ""),
            disableSwap: context.options.disableSwap, image: MaasImage(splitting: working.spec.image),
            deployInMemory: working.spec.deployInMemory ?? false,
            previouslyProvisioned: status?.initialization?.provisioned == true,
            failedAttempts: status?.failedAttempts ?? 0,
            retryBackoffRemaining: MaasRequeue.remaining(until: status?.retryAfter, now: now()))

        for _ in 0..<Self.maximumSteps {
            let step = MachineReconcileStep.next(facts)
            if let result = try await execute(step, facts: &facts) { return try await finish(result) }
        }
        context.logger.warning("reconcile took too many steps; requeueing", metadata: ["maasmachine": "\(working.key)"])
        return try await finish(.requeue(after: MaasRequeue.deploying))
    }

    /// Executes `step`; returns the pass result for terminal steps (or failures), nil to continue.
    private func execute(_ step: MachineReconcileStep, facts: inout MachineReconcileFacts) async throws -> ReconcileResult? {
        switch step {
        case .waitForClusterInfrastructure:
            setDeployed(.false, MaasConditionReasons.waitingForClusterInfrastructure, "Waiting for the Cluster's infrastructure to be provisioned")
            return .done
        case .waitForBootstrapData:
            setDeployed(.false, MaasConditionReasons.waitingForBootstrapData, "Waiting for the bootstrap data Secret of the Machine")
            return .done
        case .waitForRetryBackoff(let delay):
            return .requeue(after: delay)
        case .fetchMachine(let systemID):
            guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
            // The machine the poller just woke this pass for, or the reply to the previous pass's write: no GET.
            if let recent = context.observations?.recent(systemID) {
                facts.machine = .found(recent)
                return nil
            }
            do {
                facts.machine = .found(ObservedMaasMachine(try await maas.machine(systemID: systemID)))
            } catch {
                guard MaasErrorKind.classify(error).isNotFound else { return await fail(error, during: .read(systemID: systemID)) }
                facts.machine = .notFound
            }
            return nil
        case .findByAgentName(let agentName):
            guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
            do {
                let choice = AdoptionChoice.choose(among: try await maas.machines(agentName: agentName).map { ObservedMaasMachine($0) })
                // Adopt only once every extra is released: after this pass the providerID is recorded and the agent
                // name is not searched again until deletion.
                if let (systemID, problem) = await releaseExtras(choice.release, maas: maas) {
                    return await fail(problem, during: .release(systemID: systemID))
                }
                facts.machine = choice.adopt.map(MaasLookup.found) ?? .notFound
                facts.ownershipConfirmed = choice.adopt == nil ? nil : true
                if let adopted = choice.adopt {
                    await event(.normal, "MachineAdopted", "Adopted MAAS machine \(adopted.systemID) already allocated to this MaasMachine")
                }
            } catch {
                return await fail(error, during: .list)
            }
            return nil
        case .confirmOwnership(let systemID, let agentName):
            guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
            do {
                let listed = try await maas.machines(MachineFilter(ids: [systemID], agentName: agentName))
                    .map { ObservedMaasMachine($0) }.first { $0.systemID == systemID }
                facts.ownershipConfirmed = listed != nil
                if let listed { facts.machine = .found(listed) }
            } catch {
                return await fail(error, during: .list)
            }
            return nil
        case .markAllocationUnsettled:
            guard try await markAllocationUnsettled() else { return .requeue(after: .zero) }
            facts.ledger = .unsettled
            facts.ledgerMarkedThisPass = true
            return nil
        case .allocate(let request):
            return try await allocate(request, facts: &facts)
        case .setWorkloadAnnotations(let systemID, let annotations):
            guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
            do {
                let node = try await maas.setWorkloadAnnotations(systemID: systemID, annotations)
                facts.machine = .found(ObservedMaasMachine(node))
                facts.workloadAnnotationsApplied = true
            } catch {
                return await fail(error, during: .setWorkloadAnnotations(systemID: systemID))
            }
            return nil
        case .persistProviderID(let providerID, let settlesLedger):
            try await persistSpec(providerID: providerID, ledger: settlesLedger ? .recorded : nil)
            if settlesLedger { facts.ledger = .recorded }
            facts.providerID = providerID
            if case .found(let observed) = facts.machine { observe(observed) }
            return nil
        case .disableSwap(let systemID):
            return await disableSwap(systemID, facts: &facts)
        case .deploy(let systemID, let image, let inMemory):
            return await deploy(systemID, image: image, inMemory: inMemory, facts: facts)
        case .waitForDeployment(_, let message, let delay):
            if case .found(let observed) = facts.machine { observe(observed) }
            setDeployed(.false, MaasConditionReasons.machineDeploying, message)
            return .requeue(after: delay)
        case .powerOn(let systemID, let delay):
            return await powerOn(systemID, delay: delay, facts: facts)
        case .replace(let systemID, let message, let delay):
            return try await replace(systemID, message: message, delay: delay, facts: facts)
        case .forgetMachine(let message):
            await event(.warning, MaasConditionReasons.machineNotFound, message)
            try await persistSpec(providerID: nil)
            facts.providerID = nil
            facts.machine = .notLookedUp
            facts.ownershipConfirmed = nil
            facts.workloadAnnotationsApplied = false
            facts.swapDisabled = false
            return nil
        case .ready(let observed):
            return try await becomeReady(observed)
        case .unexpectedTermination(let message):
            if case .found(let observed) = facts.machine { observe(observed) }
            setDeployed(.false, MaasConditionReasons.machineTerminated, message)
            working.mutableStatus.ready = false
            working.mutableStatus.failureReason = "UpdateError"
            working.mutableStatus.failureMessage = message
            await event(.warning, "MachineUnexpectedTermination", message)
            return .done
        case .undefinedState(let message):
            if case .found(let observed) = facts.machine { observe(observed) }
            setDeployed(.unknown, MaasConditionReasons.machineStateUndefined, message)
            await event(.warning, "MachineUnhandledState", message)
            return .requeue(after: MaasRequeue.workloadNotReachable)
        }
    }

    func setDeployed(_ status: Condition.Status, _ reason: String, _ message: String) {
        working.setCondition(MaasConditions.machineDeployed, ConditionUpdate(status: status, reason: reason, message: message))
    }

    /// Releases extra machines carrying our agent name (a leak from an earlier crash, or a replacement whose release
    /// was cut short). Returns the first failure (after trying all), nil when every release was accepted.
    func releaseExtras(_ extras: [ObservedMaasMachine], maas: any MaasAPI) async -> (systemID: String, error: any Error)? {
        var problem: (systemID: String, error: any Error)?
        for extra in extras {
            do {
                _ = try await maas.release(systemID: extra.systemID, ReleaseRequest(comment: "capmaas: extra allocation of \(working.key)"))
                await event(.normal, "SuccessfulRelease", "Released extra MAAS machine \(extra.systemID) allocated to this MaasMachine")
            } catch {
                if MaasErrorKind.classify(error).isNotFound { continue }
                await event(.warning, "FailedRelease", "Releasing extra MAAS machine \(extra.systemID): \(MaasErrorKind.classify(error).message)")
                problem = problem ?? (extra.systemID, error)
            }
        }
        return problem
    }
}
