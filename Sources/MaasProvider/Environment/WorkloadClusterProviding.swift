import KubeClient
import KubeCore

/// Gives access to a workload cluster's API server through its `<cluster>-kubeconfig` Secret
/// (data key `value`), caching one client per cluster.
public protocol WorkloadClusterProviding: Sendable {
    /// A client for the workload cluster of the Cluster `cluster`, or `nil` when its kubeconfig
    /// Secret does not exist yet.
    func client(for cluster: ObjectKey) async throws -> KubeClient?
    /// Drops the cached client (after a connection error or when the cluster is deleted).
    func invalidate(_ cluster: ObjectKey) async
}
