import Logging
import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import MaasClient

/// One reconcile of one MaasMachine: executes decision steps against MAAS, keeps a working copy of the object and
/// writes its status diff once at the end. Lives for a single `reconcile` call (not shared across tasks).
final class MaasMachinePass {
    let context: ProviderContext
    let writer: MaasMachineWriter
    /// As read (after finalizer/pause writes); the status diff is computed against it.
    var original: MaasMachine
    /// What this pass wants the object to look like.
    var working: MaasMachine
    /// The owner Machine and its Cluster; both nil only when deleting an orphaned MaasMachine.
    let machine: Machine?
    let cluster: Cluster?
    let maasCluster: MaasCluster?
    let now: @Sendable () -> Date
    /// Consecutive failures per object UID, shared across passes: transient retries grow 5 s → 5 min.
    let failures: FailureCounter<String>
    private var maas: (any MaasAPI)?
    /// Set by `fail`: a pass that ends without a failure resets the object's consecutive-failure count.
    private var failedThisPass = false
    /// Set when a MAAS or credentials call was cancelled: nothing more is reported and `finish` throws.
    private(set) var cancelled = false

    init(
        context: ProviderContext, writer: MaasMachineWriter, original: MaasMachine, machine: Machine?, cluster: Cluster?,
        maasCluster: MaasCluster?, failures: FailureCounter<String>, now: @escaping @Sendable () -> Date
    ) {
        self.context = context
        self.writer = writer
        self.original = original
        self.working = original
        self.machine = machine
        self.cluster = cluster
        self.maasCluster = maasCluster
        self.failures = failures
        self.now = now
    }

    /// The object's key in `failures`: its UID, so a re-created object starts without the old one's backoff.
    var failureKey: String { original.metadata.uid ?? "\(namespace)/\(original.metadata.name ?? "")" }

    var namespace: String { working.metadata.namespace ?? "default" }
    var clusterName: String {
        cluster?.metadata.name ?? machine?.spec.clusterName ?? working.metadata.labels?[ClusterAPILabels.clusterName] ?? ""
    }
    var isControlPlane: Bool { (machine?.isControlPlane ?? false) || working.isControlPlane }

    // MARK: MAAS connection and errors

    /// The MAAS API for this namespace; nil after recording the credentials problem as a condition.
    func connection() async -> (any MaasAPI)? {
        if let maas { return maas }
        do {
            var made = try await context.connections.connection(forNamespace: namespace)
            if let observations = context.observations { made = ObservationRecordingMaas(base: made, observations: observations) }
            maas = made
            return made
        } catch where MaasCancellation.isCancellation(error) {
            cancelled = true
            return nil
        } catch {
            working.setCondition(MaasConditions.machineDeployed, error.conditionUpdate)
            await event(.warning, MaasConditionReasons.maasCredentialsInvalid, error.description)
            return nil
        }
    }

    /// Records a MAAS failure (condition, Warning event, backoff bookkeeping) and returns the requeue it asks for.
    func fail(_ error: any Error, during operation: MaasOperation) async -> ReconcileResult {
        if MaasCancellation.isCancellation(error) {
            cancelled = true
            return .done  // `finish` throws instead of writing
        }
        let kind = MaasErrorKind.classify(error)
        failedThisPass = true
        if kind.mayBeCredentials { await context.connections.recheckCredentials(forNamespace: namespace) }
        let consecutive = failures.recordFailure(failureKey)
        let attempts = working.status?.failedAttempts ?? 0
        var policy = MaasErrorPolicy.policy(for: kind, during: operation, attempt: consecutive)
        if policy.countsAsFailedAttempt {
            // Capacity backoff counts in status (it survives restarts and gates allocation via retryAfter).
            policy = MaasErrorPolicy.policy(for: kind, during: operation, attempt: attempts)
        }
        working.setCondition(policy.conditionType, policy.condition)
        await event(.warning, policy.eventReason, policy.condition.message)
        switch policy.retry {
        case .after(let delay):
            if policy.countsAsFailedAttempt {
                working.mutableStatus.failedAttempts = attempts + 1
                working.mutableStatus.retryAfter = Timestamp(now().addingTimeInterval(delay.seconds))
            }
            return .requeue(after: policy.spreadsRetries ? failures.jitter(delay) : delay)
        case .waitForSpecChange:
            return .done
        }
    }

    func event(_ type: EventRecorder.EventType, _ reason: String, _ message: String) async {
        guard !cancelled else { return }
        await context.recorder.record(working, type: type, reason: reason, message: message)
    }

    // MARK: Status

    /// Copies what MAAS reports into status.
    func observe(_ observed: ObservedMaasMachine) {
        var status = working.mutableStatus
        status.machineState = observed.statusName
        status.machinePowered = observed.isPoweredOn
        if !observed.hostname.isEmpty { status.hostname = observed.hostname }
        if let zone = observed.zone { status.failureDomain = zone }
        status.addresses = MachineAddresses.from(observed)
        working.status = status
    }

    /// Ready summary, then one merge patch of the status diff. A pass without a MAAS failure forgets earlier ones.
    func finish(_ result: ReconcileResult) async throws -> ReconcileResult {
        try await writeStatus()
        if !failedThisPass { failures.reset(failureKey) }
        return result
    }

    /// Writes the status diff now (Ready summary included); a later `finish` sends only what changes after this.
    func flushStatus() async throws {
        try await writeStatus()
        original = working
    }

    private func writeStatus() async throws {
        if cancelled { throw CancellationError() }
        var conditions = working.status?.conditions ?? []
        _ = conditions.set(ReadySummary.summarize(
            conditions, types: MaasConditions.machineSummary(controlPlane: isControlPlane),
            observedGeneration: working.metadata.generation))
        working.mutableStatus.conditions = conditions
        working = try await writer.patchStatus(original: original, modified: working)
    }

    /// Records the machine in spec at once (before anything else happens to it), or clears it with nil; with the
    /// allocation `ledger` when given.
    func persistSpec(providerID: ProviderID?, ledger: AllocationLedger? = nil) async throws {
        let patched = try await writer.patchSpec(
            of: working, providerID: providerID?.description, systemID: providerID?.systemID,
            failureDomain: providerID.map(\.zone).flatMap { $0.isEmpty ? nil : $0 }, ledger: ledger)
        working.spec = patched.spec
        adoptMetadata(of: patched)
        original.spec = patched.spec
    }

    /// Writes ``AllocationLedger/unsettled`` (and the finalizer) under the resourceVersion this pass read: from here
    /// on an allocate may be outstanding until its machine is recorded. False when the object changed meanwhile in
    /// a way the decision to allocate rests on (the pass ends and the next one decides again).
    func markAllocationUnsettled() async throws -> Bool {
        guard let marked = try await writer.markAllocationUnsettled(working) else { return false }
        adoptMetadata(of: marked)
        return true
    }

    /// Takes the metadata a write returned (resourceVersion, annotations, finalizers) into both copies, so the
    /// status diff stays a diff of status.
    private func adoptMetadata(of patched: MaasMachine) {
        working.metadata = patched.metadata
        original.metadata = patched.metadata
    }
}

extension Duration {
    /// Seconds as a `TimeInterval`.
    var seconds: TimeInterval {
        let (whole, attoseconds) = components
        return TimeInterval(whole) + TimeInterval(attoseconds) / 1e18
    }
}
