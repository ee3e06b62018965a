import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Reconciles MaasMachines (CAPD's order, capmaas-behavior.md §2.3–§2.4): owner Machine → Cluster → pause →
/// MaasCluster → finalizer → normal (``MachineReconcileStep``) or delete (``MachineDeletionStep``). Every pass ends
/// with one merge patch of the status fields that changed.
///
/// With `caches` set, the owner Machine, Cluster and MaasCluster come from the controller's caches (every change to
/// them re-enqueues the MaasMachine after the cache has it), and the MaasMachine itself too, but only once its cache
/// holds the version this controller last wrote or read (``ReadYourWritesCache``): its spec and ledger record the
/// MAAS machine, so a pass never starts from a copy older than the previous pass's writes. That saves four API
/// reads per pass.
public struct MaasMachineReconciler: Reconciler {
    let context: ProviderContext
    let now: @Sendable () -> Date
    let caches: MaasMachineInputCaches?
    /// Consecutive MAAS failures per MaasMachine UID (backoff of transient failures; tests may inject the jitter).
    var failures = FailureCounter<String>()

    /// - Parameters:
    ///   - now: wall-clock time for `status.retryAfter` and deletion age (injectable for tests).
    ///   - caches: the watched Machines, Clusters and MaasClusters; nil reads them from the API server.
    public init(context: ProviderContext, caches: MaasMachineInputCaches? = nil, now: @escaping @Sendable () -> Date = { Date() }) {
        self.context = context
        self.caches = caches
        self.now = now
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let namespace = key.namespace ?? "default"
        let client = context.client
        let writer = MaasMachineWriter(api: client.api(MaasMachine.self, namespace: namespace), seen: caches?.maasMachines)
        var maasMachine: MaasMachine
        if let cached = caches?.maasMachines?.cached(ObjectKey(namespace: namespace, name: key.name)) {
            maasMachine = cached
        } else {
            guard let live = try await writer.read(key.name) else { return .done }
            maasMachine = live
        }
        if let filter = context.options.watchFilter, maasMachine.metadata.labels?[ClusterAPILabels.watchFilter] != filter {
            return .done
        }

        // Owner Machine: Cluster API sets the owner reference; until then there is nothing to do.
        let machineName = ClusterAPIOwners.machine(of: maasMachine.metadata)?.name
        let machine = try await machineName.asyncFlatMap { name in
            if let caches { return caches.machines.get(namespace: namespace, name: name) }
            return try await Self.getIfPresent(client.api(Machine.self, namespace: namespace), name)
        }
        guard let machine else {
            if maasMachine.metadata.isDeleting {
                // The Machine went first (deleted out of order, or by hand): still release whatever MAAS machine
                // this object owns before letting it go, so nothing leaks.
                let pass = MaasMachinePass(
                    context: context, writer: writer, original: maasMachine, machine: nil, cluster: nil,
                    maasCluster: nil, failures: failures, now: now)
                return try await pass.reconcileDelete()
            }
            var modified = maasMachine
            modified.setCondition(MaasConditions.machineDeployed, ConditionUpdate(
                status: .false, reason: MaasConditionReasons.waitingForMachineOwner,
                message: "Waiting for Cluster API to set the owner Machine"))
            _ = try await writer.patchStatus(original: maasMachine, modified: modified)
            return .done
        }
        // The owner Machine is going away and Cluster API deletes this object next: no new work (no allocation for a
        // machine being deleted) and no MAAS reads until then.
        if machine.metadata.isDeleting && !maasMachine.metadata.isDeleting { return .done }

        // Cluster, from the Machine's cluster-name label.
        let clusterName = ClusterAPIOwners.clusterName(of: machine.metadata) ?? machine.spec.clusterName
        let cluster: Cluster?
        if let caches {
            cluster = caches.clusters.get(namespace: namespace, name: clusterName)
        } else {
            cluster = try await Self.getIfPresent(client.api(Cluster.self, namespace: namespace), clusterName)
        }
        guard let cluster else {
            context.logger.info("Cluster not found; waiting", metadata: ["maasmachine": "\(key)", "cluster": "\(clusterName)"])
            return .done
        }

        // Pause.
        let paused = isPaused(cluster: cluster, object: maasMachine.metadata)
        let pausedCondition = ClusterAPI.pausedCondition(paused: paused, cluster: cluster, object: maasMachine.metadata)
        if paused {
            var modified = maasMachine
            modified.setCondition(pausedCondition)
            _ = try await writer.patchStatus(original: maasMachine, modified: modified)
            return .done
        }

        // MaasCluster (may be gone already while machines are deleted).
        let maasClusterName = cluster.spec?.infrastructureRef?.name
        let maasCluster = try await maasClusterName.asyncFlatMap { name in
            if let caches { return caches.maasClusters.get(namespace: namespace, name: name) }
            return try await Self.getIfPresent(client.api(MaasCluster.self, namespace: namespace), name)
        }
        if maasCluster == nil && !maasMachine.metadata.isDeleting {
            context.logger.info("MaasCluster not found; waiting", metadata: ["maasmachine": "\(key)"])
            return .done
        }

        // Finalizer, only after the owner reference exists (checked above), and only once MAAS may hold something for
        // the object: a new one gets it with its first allocation ledger, in the same write, right before allocating.
        if !maasMachine.metadata.isDeleting && !maasMachine.metadata.hasFinalizer(MaasFinalizers.machine)
            && maasMachine.allocationLedger != .unallocated
        {
            maasMachine = try await writer.record(finalizer: MaasFinalizers.machine, ledger: nil, on: maasMachine)
        }

        let pass = MaasMachinePass(
            context: context, writer: writer, original: maasMachine, machine: machine, cluster: cluster,
            maasCluster: maasCluster, failures: failures, now: now)
        // Not paused: the condition rides on the pass's one status write.
        pass.working.setCondition(pausedCondition)
        return maasMachine.metadata.isDeleting ? try await pass.reconcileDelete() : try await pass.reconcileNormal()
    }

    static func getIfPresent<K>(_ api: Api<K>, _ name: String) async throws -> K? {
        do {
            return try await api.get(name)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }
}

/// The caches a MaasMachine pass reads: the objects it never writes, and its own MaasMachines (nil: always read live).
public struct MaasMachineInputCaches: Sendable {
    public var machines: Store<Machine>
    public var clusters: Store<Cluster>
    public var maasClusters: Store<MaasCluster>
    public var maasMachines: ReadYourWritesCache<MaasMachine>?

    public init(
        machines: Store<Machine>, clusters: Store<Cluster>, maasClusters: Store<MaasCluster>,
        maasMachines: ReadYourWritesCache<MaasMachine>? = nil
    ) {
        self.machines = machines
        self.clusters = clusters
        self.maasClusters = maasClusters
        self.maasMachines = maasMachines
    }
}

extension Optional {
    fileprivate func asyncFlatMap<U>(_ transform: (Wrapped) async throws -> U?) async rethrows -> U? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}

extension MaasMachine {
    /// What MAAS may hold for this object beyond `spec.providerID`.
    var allocationLedger: AllocationLedger {
        AllocationLedger.of(metadata, finalizer: MaasFinalizers.machine, providerID: spec.providerID)
    }

    /// `status`, created on first write.
    var mutableStatus: MaasMachineStatus {
        get { status ?? MaasMachineStatus() }
        set { status = newValue }
    }

    /// Sets the condition `type` (keeping lastTransitionTime when the status is unchanged).
    mutating func setCondition(_ type: String, _ update: ConditionUpdate) {
        setCondition(update.condition(type: type, observedGeneration: metadata.generation))
    }

    /// Sets `condition` (keeping lastTransitionTime when the status is unchanged).
    mutating func setCondition(_ condition: Condition) {
        var conditions = status?.conditions ?? []
        _ = conditions.set(condition)
        mutableStatus.conditions = conditions
    }
}
