import KubeClient

/// Where the workload cluster is: a client for registering Nodes and the kubeconfig YAML published in
/// every Cluster's `<cluster>-kubeconfig` Secret.
///
/// In `capmaas-sandbox` this is a second sandbox API server; in tests it may be the management server
/// itself. One workload cluster serves every Cluster the stand-in reconciles.
public struct WorkloadClusterAccess: Sendable {
    public var client: KubeClient
    /// A kubeconfig for the workload API server (what the provider uses to reach it).
    public var kubeconfigYAML: String

    public init(client: KubeClient, kubeconfigYAML: String) {
        self.client = client
        self.kubeconfigYAML = kubeconfigYAML
    }
}
