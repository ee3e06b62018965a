import Logging
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient

extension MaasMachinePass {
    /// The delete path (``MachineDeletionStep``): DNS detach wait (control plane, bounded), release of every MAAS
    /// machine that is still ours (by agent name; the providerID machine only when no other owner holds it), and
    /// the finalizer removed only once MAAS accepted each release or nothing is left.
    func reconcileDelete() async throws -> ReconcileResult {
        guard working.metadata.hasFinalizer(MaasFinalizers.machine) else {
            failures.reset(failureKey)
            return .done
        }
        let deletedAt = working.metadata.deletionTimestamp?.date ?? now()
        let record = maasCluster?.status?.network?.attachedIPs ?? []
        let member = ControlPlaneDNSMember(maasMachine: working)
        var facts = MachineDeletionFacts(
            isControlPlane: isControlPlane,
            dnsAttached: DNSRecordPlan.attachment(of: member, record: record) == .detachPending,
            deletionAge: .seconds(max(0, now().timeIntervalSince(deletedAt))),
            providerID: try? working.parsedProviderID(), agentName: AllocationLedger.agentName(of: working.metadata), ledger: working.allocationLedger,
            workloadAnnotations: WorkloadAnnotations.make(
                clusterName: clusterName, namespace: namespace, maasMachineName: working.metadata.name ?? ""))

        for _ in 0..<Self.maximumSteps {
            switch MachineDeletionStep.next(facts) {
            case .waitForDNSDetach(let delay):
                working.setCondition(MaasConditions.dnsAttached, DNSAttachment.detachPending.condition)
                return try await finish(.requeue(after: delay))
            case .fetchMachine(let systemID):
                guard let maas = await connection() else { return try await finish(.requeue(after: MaasRequeue.credentialsRetry)) }
                if let polled = context.observations {
                    // One poll list answers every deleting machine at once; the poller re-enqueues this object.
                    switch polled.read(systemID, for: working.key) {
                    case .pending: return try await finish(.requeue(after: MaasRequeue.deploying))
                    case .found(let machine): facts.machine = .found(machine)
                    case .notFound: facts.machine = .notFound
                    case .failed(let error): return try await finish(await fail(error, during: .read(systemID: systemID)))
                    }
                    continue
                }
                do {
                    facts.machine = .found(ObservedMaasMachine(try await maas.machine(systemID: systemID)))
                } catch {
                    guard MaasErrorKind.classify(error).isNotFound else {
                        return try await finish(await fail(error, during: .read(systemID: systemID)))
                    }
                    facts.machine = .notFound
                }
            case .findByAgentName(let agentName):
                guard let maas = await connection() else { return try await finish(.requeue(after: MaasRequeue.credentialsRetry)) }
                do {
                    facts.agentMachines = try await maas.machines(agentName: agentName).map { ObservedMaasMachine($0) }
                } catch {
                    return try await finish(await fail(error, during: .list))
                }
            case .release(let systemID):
                guard let maas = await connection() else { return try await finish(.requeue(after: MaasRequeue.credentialsRetry)) }
                do {
                    _ = try await maas.release(systemID: systemID, ReleaseRequest(comment: "capmaas: \(working.key) deleted"))
                } catch {
                    let kind = MaasErrorKind.classify(error)
                    guard kind.isNotFound else {
                        return try await finish(await fail(error, during: .release(systemID: systemID)))
                    }
                }
                facts.released.insert(systemID)
                if systemID == facts.providerID?.systemID {
                    working.mutableStatus.machineState = MaasMachineState.releasing.statusName
                }
                await event(.normal, "SuccessfulRelease", "Released MAAS machine \(systemID)")
            case .removeFinalizer(let message):
                working.mutableStatus.ready = false
                setDeployed(.false, MaasConditionReasons.deleted, message)
                _ = try await finish(.done)
                _ = try await writer.removeFinalizer(MaasFinalizers.machine, from: working)
                return .done
            }
        }
        return try await finish(.requeue(after: MaasRequeue.deploying))
    }
}
