import ClusterAPI
import KubeClient
import KubeCore
import KubeRuntime
import Logging
import ServiceLifecycle

/// Builds the MaasCluster controller: MaasClusters (primary), Clusters (→ their MaasCluster through
/// `spec.infrastructureRef`) and control-plane MaasMachines (→ their cluster's MaasCluster), honouring
/// `--namespace` and `--watch-filter`.
public enum MaasClusterControllerSetup {
    /// The controller as services for a `ServiceGroup`.
    public static func services(_ context: ProviderContext) -> [any Service] {
        [controller(context)]
    }

    /// The controller itself (exposes `hasSynced` for readiness).
    /// - Parameter waitForLeadership: when set, caches fill at once but workers start only after it returns.
    /// - Parameter shared: watches shared with the MaasMachine controller (``ProviderReflectors``); nil builds its own.
    public static func controller(
        _ context: ProviderContext, waitForLeadership: (@Sendable () async throws -> Void)? = nil,
        shared: ProviderReflectors? = nil
    ) -> Controller<MaasCluster, ContinuousClock> {
        let options = context.options
        let listOptions = watchListOptions(watchFilter: options.watchFilter)
        let client = context.client
        let maasClusters = shared?.maasClusters ?? Reflector(
            api: client.api(MaasCluster.self, namespace: options.namespace), options: listOptions,
            logger: logger(context, "maascluster"))
        // The watch filter applies to the primary kind; related kinds only map onto (filtered) MaasClusters, and
        // the control-plane machines of a filtered cluster must all be seen for its DNS record.
        let clusters = shared?.clusters
            ?? Reflector(api: client.api(Cluster.self, namespace: options.namespace), logger: logger(context, "cluster"))
        let maasMachines = shared?.maasMachines
            ?? Reflector(api: client.api(MaasMachine.self, namespace: options.namespace), logger: logger(context, "maasmachine"))
        let reconciler = MaasClusterReconciler(context: context, clusters: clusters.store, maasMachines: maasMachines.store)
        let clusterStore = clusters.store
        let controller = Controller(
            name: "maascluster", primary: maasClusters, reconciler: reconciler,
            options: ControllerOptions(maxConcurrentReconciles: options.maasClusterConcurrency, resyncPeriod: options.syncPeriod),
            logger: context.logger
        )
        .watches(clusters) { cluster in infrastructureKeys(of: cluster) }
        .watches(maasMachines) { maasMachine in
            guard maasMachine.isControlPlane, let clusterName = ClusterAPIOwners.clusterName(of: maasMachine.metadata),
                let cluster = clusterStore.get(namespace: maasMachine.metadata.namespace, name: clusterName)
            else { return [] }
            return infrastructureKeys(of: cluster)
        }
        return waitForLeadership.map { controller.requiringLeadership($0) } ?? controller
    }

    /// The MaasCluster a Cluster points at (`spec.infrastructureRef` of kind MaasCluster), in its namespace.
    public static func infrastructureKeys(of cluster: Cluster) -> [ObjectKey] {
        guard let reference = cluster.spec?.infrastructureRef, reference.kind == MaasCluster.resourceType.kind,
            reference.apiGroup == nil || reference.apiGroup == ClusterAPIGroup.infrastructure,
            let name = reference.name, !name.isEmpty
        else { return [] }
        return [ObjectKey(namespace: cluster.metadata.namespace, name: name)]
    }

    /// The list options of every watch: `cluster.x-k8s.io/watch-filter=<value>` when a filter is set.
    public static func watchListOptions(watchFilter: String?) -> ListOptions {
        guard let watchFilter, !watchFilter.isEmpty else { return ListOptions() }
        return ListOptions(labelSelector: "\(ClusterAPILabels.watchFilter)=\(watchFilter)")
    }

    private static func logger(_ context: ProviderContext, _ kind: String) -> Logger {
        var logger = context.logger
        logger[metadataKey: "reflector"] = "\(kind)"
        return logger
    }
}
