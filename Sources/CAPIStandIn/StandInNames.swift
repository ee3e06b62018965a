/// Names the Cluster API stand-in shares with real Cluster API core (finalizers, Secret type, labels).
public enum StandInNames {
    /// Finalizer Cluster API core puts on every `Cluster`.
    public static let clusterFinalizer = "cluster.cluster.x-k8s.io"
    /// Finalizer Cluster API core puts on every `Machine`.
    public static let machineFinalizer = "machine.cluster.x-k8s.io"
    /// Type of the Secrets Cluster API creates (kubeconfig, bootstrap data).
    public static let secretType = "cluster.x-k8s.io/secret"
    /// Data key holding a Secret's payload (kubeconfig YAML or bootstrap data).
    public static let secretValueKey = "value"
    /// Data key holding the bootstrap data format.
    public static let secretFormatKey = "format"
    /// Suffix of the workload kubeconfig Secret: `<cluster>-kubeconfig`.
    public static let kubeconfigSecretSuffix = "-kubeconfig"
    /// Suffix of the bootstrap data Secret: `<machine>-bootstrap`.
    public static let bootstrapSecretSuffix = "-bootstrap"
    /// Label marking objects the stand-in created, so they are never confused with real bootstrap output.
    public static let managedByLabel = "app.kubernetes.io/managed-by"
    public static let managedByValue = "capi-standin"

    /// `<cluster>-kubeconfig`.
    public static func kubeconfigSecretName(cluster: String) -> String { cluster + kubeconfigSecretSuffix }
    /// `<machine>-bootstrap`.
    public static func bootstrapSecretName(machine: String) -> String { machine + bootstrapSecretSuffix }
}
