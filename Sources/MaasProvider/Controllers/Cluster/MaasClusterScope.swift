import Logging
import KubeRuntime
import ClusterAPI
import KubeClient
import KubeCore

/// One reconcile's view of a MaasCluster: the version last stored (`original`) and the desired one (`current`).
/// Writes send only the difference and leave both in step with what the API server holds.
struct MaasClusterScope: Sendable {
    private(set) var original: MaasCluster
    var current: MaasCluster
    let cluster: Cluster?
    let writer: MergePatchWriter<MaasCluster>

    init(maasCluster: MaasCluster, cluster: Cluster?, api: Api<MaasCluster>) {
        original = maasCluster
        current = maasCluster
        self.cluster = cluster
        writer = MergePatchWriter(api: api)
    }

    var key: ObjectKey { ObjectKey(namespace: current.metadata.namespace, name: current.metadata.name ?? "") }
    var generation: Int64? { current.metadata.generation }

    /// The Cluster's name: the owner Cluster, else the `cluster.x-k8s.io/cluster-name` label.
    var clusterName: String? {
        cluster?.metadata.name ?? ClusterAPIOwners.cluster(of: current.metadata)?.name
            ?? ClusterAPIOwners.clusterName(of: current.metadata)
    }

    /// Mutable status, created on first use.
    var status: MaasClusterStatus {
        get { current.status ?? MaasClusterStatus() }
        set { current.status = newValue }
    }

    var network: MaasClusterNetworkStatus {
        get { status.network ?? MaasClusterNetworkStatus() }
        set { status.network = newValue }
    }

    /// Sets a condition of `type` at the object's generation.
    mutating func setCondition(_ type: String, _ update: ConditionUpdate) {
        var conditions = status.conditions ?? []
        conditions.set(update.condition(type: type, observedGeneration: generation))
        status.conditions = conditions
    }

    mutating func setCondition(_ condition: Condition) {
        var conditions = status.conditions ?? []
        conditions.set(condition)
        status.conditions = conditions
    }

    /// Recomputes `Ready` from `LoadBalancerReady` and `APIServerAvailable`.
    mutating func summarize() {
        setCondition(
            ReadySummary.summarize(
                status.conditions ?? [], types: MaasConditions.clusterSummary, observedGeneration: generation,
                readyType: MaasConditions.ready, readyReason: "Ready"))
    }

    /// Writes pending status changes (nothing when there are none).
    mutating func flushStatus() async throws {
        let desired = current.status
        adopt(try await writer.patchStatus(from: original, to: current), desiredStatus: desired)
    }

    /// Writes pending `metadata`/`spec` changes.
    mutating func flushSpec() async throws {
        let desired = current.status
        adopt(try await writer.patchObject(from: original, to: current), desiredStatus: desired)
    }

    /// Replaces both versions with a freshly stored object, keeping unwritten status changes.
    mutating func adopt(_ stored: MaasCluster, desiredStatus: MaasClusterStatus?) {
        original = stored
        current = stored
        current.status = desiredStatus
    }
}
