import Logging
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient

extension MaasMachinePass {
    /// `op=allocate`, never blindly retried: after any failure the next pass looks the machine up by agent name
    /// first (``MachineReconcileStep`` does so while no providerID is recorded).
    func allocate(_ request: AllocationRequest, facts: inout MachineReconcileFacts) async throws -> ReconcileResult? {
        guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
        let maasRequest = AllocateRequest(
            cpuCount: request.cpuCount, memory: request.memory, tags: request.tags, zone: request.zone,
            pool: request.pool, storage: request.storage, agentName: request.agentName, comment: request.comment)
        do {
            let node = try await maas.allocate(maasRequest)
            let observed = ObservedMaasMachine(node)
            facts.machine = .found(observed)
            facts.ownershipConfirmed = true
            observe(observed)
            setDeployed(.false, MaasConditionReasons.machineAllocated, "Allocated MAAS machine \(observed.systemID)")
            await event(.normal, "MachineAllocated", "Allocated MAAS machine \(observed.systemID) (\(request.constraintsSummary))")
            return nil
        } catch {
            return await fail(error, during: .allocate(request))
        }
    }

    /// `swap_size=0`. A 403 (the MAAS user may not edit machines, upstream #85) does not block the deploy.
    func disableSwap(_ systemID: String, facts: inout MachineReconcileFacts) async -> ReconcileResult? {
        guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
        do {
            facts.machine = .found(ObservedMaasMachine(try await maas.update(systemID: systemID, MachineUpdate(swapSize: 0))))
        } catch {
            let kind = MaasErrorKind.classify(error)
            guard case .forbidden = kind else { return await fail(error, during: .disableSwap(systemID: systemID)) }
            await event(.warning, "SwapDisableForbidden",
                        "Cannot disable swap on MAAS machine \(systemID) (\(kind.message)); deploying with swap")
        }
        facts.swapDisabled = true
        return nil
    }

    /// `op=deploy` with the bootstrap data, the image split and `ephemeral_deploy`.
    func deploy(_ systemID: String, image: MaasImage, inMemory: Bool, facts: MachineReconcileFacts) async -> ReconcileResult? {
        let userData: [UInt8]
        switch await BootstrapData.read(client: context.client, namespace: namespace, secretName: facts.bootstrapDataSecretName) {
        case .success(let bytes):
            userData = bytes
        case .failure(let problem):
            setDeployed(.false, MaasConditionReasons.invalidBootstrapData, problem.description)
            await event(.warning, "FailedGetBootstrapData", problem.description)
            return .requeue(after: MaasRequeue.nodeProviderIDRetry)
        }
        guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
        let request = DeployRequest(
            osystem: image.osystem, distroSeries: image.distroSeries, userData: userData, ephemeralDeploy: inMemory,
            agentName: AllocationLedger.agentName(of: working.metadata), comment: "capmaas: \(working.key)")
        do {
            observe(ObservedMaasMachine(try await maas.deploy(systemID: systemID, request)))
        } catch {
            return await fail(error, during: .deploy(systemID: systemID))
        }
        setDeployed(.false, MaasConditionReasons.machineDeployStarted, "MAAS is deploying \(image.osystem)/\(image.distroSeries) on machine \(systemID)")
        await event(.normal, "MachineDeploying", "Deploying \(image.osystem)/\(image.distroSeries) on MAAS machine \(systemID)")
        return .requeue(after: MaasRequeue.deploying)
    }

    func powerOn(_ systemID: String, delay: Duration, facts: MachineReconcileFacts) async -> ReconcileResult? {
        if case .found(let observed) = facts.machine { observe(observed) }
        guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
        do {
            _ = try await maas.powerOn(systemID: systemID, comment: "capmaas: deployed machine is powered off")
        } catch {
            return await fail(error, during: .powerOn(systemID: systemID))
        }
        working.mutableStatus.ready = false
        setDeployed(.false, MaasConditionReasons.machinePoweringOn, "The deployed MAAS machine \(systemID) was powered off; powering it on")
        await event(.normal, "PoweredOn", "Powered on MAAS machine \(systemID)")
        return .requeue(after: delay)
    }

    /// Failed deployment or broken: forget the machine (clear the providerID), then release it, then back off.
    /// In this order a crash (or a lost MAAS reply) in between never leaves a providerID naming a machine that may
    /// already be allocated to someone else: the unreleased machine still carries our agent name, and the next
    /// pass's agent-name search releases it (``AdoptionChoice`` never adopts a Failed deployment): the ledger is
    /// unsettled with the providerID cleared, so that search happens. A Broken machine is quarantined by MAAS or an
    /// operator (who returns it with mark-fixed; MAAS already cleared its owner): it is never released, which would
    /// put it back in the pool.
    func replace(_ systemID: String, message: String, delay: Duration, facts: MachineReconcileFacts) async throws -> ReconcileResult? {
        if case .found(let observed) = facts.machine { observe(observed) }
        guard let maas = await connection() else { return .requeue(after: MaasRequeue.credentialsRetry) }
        await event(.warning, MaasConditionReasons.machineDeployFailed, message)
        try await persistSpec(providerID: nil, ledger: .unsettled)
        var status = working.mutableStatus
        status.failedAttempts = facts.failedAttempts + 1
        status.retryAfter = Timestamp(now().addingTimeInterval(delay.seconds))
        status.ready = false
        status.machineState = nil
        status.machinePowered = nil
        working.status = status
        setDeployed(.false, MaasConditionReasons.machineDeployFailed, message)
        if case .found(let machine) = facts.machine, machine.state == .broken {
            await event(.normal, "BrokenMachineLeft", "Left MAAS machine \(systemID) Broken for an operator; allocating another")
            return .requeue(after: delay)
        }
        do {
            _ = try await maas.release(systemID: systemID, ReleaseRequest(comment: "capmaas: \(message)"))
        } catch {
            let kind = MaasErrorKind.classify(error)
            switch kind {
            case .notFound, .conflict: break  // gone, or not releasable any more: nothing of ours to keep
            case _ where MaasCancellation.isCancellation(error): return await fail(error, during: .release(systemID: systemID))
            default:
                // The providerID is already cleared: the next pass finds it by agent name and releases it then.
                await event(.warning, "FailedRelease", "Releasing MAAS machine \(systemID): \(kind.message)")
                return .requeue(after: delay)
            }
        }
        await event(.normal, "SuccessfulRelease", "Released MAAS machine \(systemID) to allocate another")
        return .requeue(after: delay)
    }

    /// Deployed and on: Ready, DNS attachment (control plane), Node providerID.
    func becomeReady(_ observed: ObservedMaasMachine) async throws -> ReconcileResult? {
        observe(observed)
        let firstTime = working.status?.ready != true
        var status = working.mutableStatus
        status.ready = true
        status.initialization = InfrastructureInitialization(provisioned: true)
        status.failedAttempts = nil
        status.retryAfter = nil
        status.failureReason = nil
        status.failureMessage = nil
        working.status = status
        setDeployed(.true, MaasConditionReasons.machineDeployed, "")
        if firstTime { await event(.normal, "MachineDeployed", "MAAS machine \(observed.systemID) is deployed") }

        var requeue: Duration = isControlPlane ? MaasRequeue.readyControlPlane : MaasRequeue.syncPeriod
        if isControlPlane, let delay = reconcileDNSAttachment() { requeue = min(requeue, delay) }
        // Publish Ready before touching the workload cluster: its client is rate limited (and may be unreachable),
        // so with many machines deploying at once Ready would otherwise wait seconds to minutes behind Node calls.
        if firstTime { try await flushStatus() }
        if let delay = await NodeProviderID(pass: self).reconcile(hostname: observed.hostname) { requeue = min(requeue, delay) }
        return .requeue(after: requeue)
    }

    /// `DNSAttached` from the MaasCluster's record (the MaasCluster controller writes DNS); a delay while pending.
    func reconcileDNSAttachment() -> Duration? {
        if let maasCluster, let cluster, case .custom = ClusterEndpointPlan.plan(cluster: cluster, maasCluster: maasCluster) {
            working.setCondition(MaasConditions.dnsAttached, ConditionUpdate(
                status: .true, reason: MaasConditionReasons.customEndpoint, message: "The cluster uses a custom API endpoint"))
            working.mutableStatus.dnsAttached = nil
            return nil
        }
        let record = maasCluster?.status?.network?.attachedIPs ?? []
        let attachment = DNSRecordPlan.attachment(of: ControlPlaneDNSMember(maasMachine: working), record: record)
        working.setCondition(MaasConditions.dnsAttached, attachment.condition)
        working.mutableStatus.dnsAttached = attachment == .attached
        return attachment == .attachPending ? MaasRequeue.dnsAttachPending : nil
    }
}
