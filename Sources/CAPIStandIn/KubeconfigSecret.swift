import ClusterAPI
import KubeCore

/// The workload cluster's kubeconfig Secret Cluster API publishes for every Cluster.
public enum KubeconfigSecret {
    /// `<cluster>-kubeconfig`: type `cluster.x-k8s.io/secret`, the cluster-name label, owned by the Cluster,
    /// data `value` = `kubeconfigYAML`.
    public static func secret(for cluster: Cluster, kubeconfigYAML: String) -> JSONValue {
        let name = cluster.metadata.name ?? ""
        return SecretObject.make(
            name: StandInNames.kubeconfigSecretName(cluster: name), namespace: cluster.metadata.namespace ?? "",
            clusterName: name, owner: cluster.ownerReference(controller: true),
            data: [StandInNames.secretValueKey: kubeconfigYAML])
    }
}
