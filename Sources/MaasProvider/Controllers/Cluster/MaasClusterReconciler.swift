import ClusterAPI
import Foundation
import KubeClient
import KubeCore
import KubeRuntime
import Logging

/// Reconciles a MaasCluster: finalizer, pause, failure domains, the API server endpoint and its MAAS DNS
/// round-robin, workload API server availability, and deletion (after the machines, the DNS resource goes too).
public struct MaasClusterReconciler: Reconciler {
    let context: ProviderContext
    let clusters: Store<Cluster>
    let maasMachines: Store<MaasMachine>
    /// Consecutive MAAS DNS failures per MaasCluster (backoff 5 s → 5 min for transient ones; jitter injectable).
    var failures = FailureCounter<ObjectKey>()
    /// The DNS resource each MaasCluster last saw in MAAS (no DNS read per pass while it is recent).
    let dnsRecords = KnownDNSRecords()
    let logger: Logger
    /// Wall-clock time for the age of known DNS records (injectable for tests).
    let now: @Sendable () -> Date

    /// - Parameters:
    ///   - clusters: cache of Cluster API Clusters (owner lookup; a cache miss falls back to a GET).
    ///   - maasMachines: cache of MaasMachines (control-plane members of the DNS record).
    public init(
        context: ProviderContext, clusters: Store<Cluster>, maasMachines: Store<MaasMachine>, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.context = context
        self.now = now
        self.clusters = clusters
        self.maasMachines = maasMachines
        var logger = context.logger
        logger[metadataKey: "controller"] = "maascluster"
        self.logger = logger
    }

    public func reconcile(_ key: ObjectKey) async throws -> ReconcileResult {
        let api = context.client.api(MaasCluster.self, namespace: key.namespace)
        let maasCluster: MaasCluster
        do {
            // Read through to the API server: a stale cache could make us generate a second DNS name.
            maasCluster = try await api.get(key.name)
        } catch let error as KubeError where error.isNotFound {
            failures.reset(key)
            return .done
        }
        if isExternallyManaged(maasCluster.metadata) { return .done }
        let cluster = try await ownerCluster(of: maasCluster)
        var scope = MaasClusterScope(maasCluster: maasCluster, cluster: cluster, api: api)

        let paused = isPaused(cluster: cluster, object: maasCluster.metadata)
        scope.setCondition(pausedCondition(paused: paused, cluster: cluster, object: maasCluster.metadata))
        if paused {
            try await scope.flushStatus()
            return .done
        }
        if maasCluster.metadata.isDeleting {
            return try await reconcileDelete(&scope)
        }
        guard cluster != nil else {
            logger.info("waiting for Cluster API to set the owner Cluster", metadata: ["maascluster": "\(key)"])
            try await scope.flushStatus()
            return .done
        }
        if let patch = ClusterFinalizer.addPatch(scope.current.metadata) {
            let stored = try await api.patch(key.name, .json(patch))
            scope.adopt(stored, desiredStatus: scope.current.status)
        }
        return try await reconcileNormal(&scope)
    }

    /// The owning Cluster (owner reference), nil when there is none yet or it is gone.
    func ownerCluster(of maasCluster: MaasCluster) async throws -> Cluster? {
        guard let owner = ClusterAPIOwners.cluster(of: maasCluster.metadata) else { return nil }
        let key = ObjectKey(namespace: maasCluster.metadata.namespace, name: owner.name)
        if let cached = clusters.get(key) { return cached }
        do {
            return try await context.client.api(Cluster.self, namespace: key.namespace).get(owner.name)
        } catch let error as KubeError where error.isNotFound {
            return nil
        }
    }

    func reconcileNormal(_ scope: inout MaasClusterScope) async throws -> ReconcileResult {
        let domains = FailureDomains.status(from: scope.current.spec.failureDomains)
        scope.status.failureDomains = domains.isEmpty ? nil : domains

        let endpoint = try await reconcileEndpoint(&scope)
        var probe = APIServerAvailability.Probe.noEndpoint
        if let resolved = endpoint.endpoint {
            if scope.current.spec.controlPlaneEndpoint != resolved {
                // status.network.dnsResourceID is already stored: the endpoint stays recognisably ours.
                try await scope.flushStatus()
                scope.current.spec.controlPlaneEndpoint = resolved
                try await scope.flushSpec()
            }
            scope.status.ready = true
            scope.status.initialization = InfrastructureInitialization(provisioned: true)
            probe = await probeAPIServer(scope)
        }
        let controlPlaneInitialized = scope.cluster?.controlPlaneInitialized ?? false
        let availability = APIServerAvailability.decide(probe, controlPlaneInitialized: controlPlaneInitialized)
        scope.setCondition(MaasConditions.apiServerAvailable, availability.condition)
        scope.summarize()
        try await scope.flushStatus()
        if endpoint.requeue == nil { failures.reset(scope.key) }
        return ControlPlaneMembers.earliest(endpoint.requeue, availability.requeue).map { .requeue(after: $0) } ?? .done
    }

    /// Lists Nodes (one item) on the workload cluster through its kubeconfig Secret.
    func probeAPIServer(_ scope: MaasClusterScope) async -> APIServerAvailability.Probe {
        guard let clusterName = scope.clusterName else { return .noKubeconfig }
        let key = ObjectKey(namespace: scope.key.namespace, name: clusterName)
        let client: KubeClient?
        do {
            client = try await context.workloads.client(for: key)
        } catch let error as WorkloadClusterError {
            return .badKubeconfig(error.description)
        } catch {
            return .unreachable(String(describing: error))
        }
        guard let client else { return .noKubeconfig }
        do {
            _ = try await client.dynamic(.node).list(ListOptions(limit: 1))
            return .available
        } catch {
            // A fresh client next time: the endpoint or credentials may have changed.
            await context.workloads.invalidate(key)
            return .unreachable(String(describing: error))
        }
    }
}
