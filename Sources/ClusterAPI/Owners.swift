import KubeCore

/// Finds Cluster API owners of an object from its owner references and labels.
public enum ClusterAPIOwners {
    /// The owner reference to a Cluster API `Machine` (any version of group `cluster.x-k8s.io`).
    public static func machine(of metadata: ObjectMeta) -> OwnerReference? {
        metadata.owner(kind: Machine.resourceType.kind, group: ClusterAPIGroup.core)
    }

    /// The owner reference to a Cluster API `Cluster` (any version of group `cluster.x-k8s.io`).
    public static func cluster(of metadata: ObjectMeta) -> OwnerReference? {
        metadata.owner(kind: Cluster.resourceType.kind, group: ClusterAPIGroup.core)
    }

    /// The cluster name from the `cluster.x-k8s.io/cluster-name` label, when present and non-empty.
    public static func clusterName(of metadata: ObjectMeta) -> String? {
        guard let name = metadata.labels?[ClusterAPILabels.clusterName], !name.isEmpty else { return nil }
        return name
    }

    /// The key of the owning Machine (same namespace as the object).
    public static func machineKey(of metadata: ObjectMeta) -> ObjectKey? {
        machine(of: metadata).map { ObjectKey(namespace: metadata.namespace, name: $0.name) }
    }

    /// The key of the Cluster: the owner reference, else the cluster-name label (same namespace).
    public static func clusterKey(of metadata: ObjectMeta) -> ObjectKey? {
        if let owner = cluster(of: metadata) { return ObjectKey(namespace: metadata.namespace, name: owner.name) }
        return clusterName(of: metadata).map { ObjectKey(namespace: metadata.namespace, name: $0) }
    }
}
