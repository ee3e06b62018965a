/// Well-known Cluster API label and annotation keys.
public enum ClusterAPILabels {
    /// Label naming the Cluster an object belongs to.
    public static let clusterName = "cluster.x-k8s.io/cluster-name"
    /// Label present on control-plane Machines (and their infrastructure machines).
    public static let controlPlane = "cluster.x-k8s.io/control-plane"
    /// Label value selector backing `--watch-filter`.
    public static let watchFilter = "cluster.x-k8s.io/watch-filter"
}

/// Well-known Cluster API annotation keys.
public enum ClusterAPIAnnotations {
    /// Annotation pausing reconciliation of one object.
    public static let paused = "cluster.x-k8s.io/paused"
    /// Annotation marking an infrastructure cluster as managed by something else (skip reconciling it).
    public static let managedBy = "cluster.x-k8s.io/managed-by"
}

/// The API group of Cluster API core kinds.
public enum ClusterAPIGroup {
    public static let core = "cluster.x-k8s.io"
    public static let infrastructure = "infrastructure.cluster.x-k8s.io"
}
