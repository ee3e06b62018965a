import KubeCore
/// Finalizers the provider puts on its objects.
public enum MaasFinalizers {
    /// Keeps a MaasCluster until its machines and its MAAS DNS resource are gone.
    public static let cluster = "maascluster.infrastructure.cluster.x-k8s.io"
    /// Keeps a MaasMachine until MAAS accepted the release of its machine (or the machine is gone).
    public static let machine = "maasmachine.infrastructure.cluster.x-k8s.io"
}
